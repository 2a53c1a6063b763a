// Configuration from the environment, validated once at start with a clear message per bad value.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, findRepoRoot } from '@studentdesk/db';
import type { JobSettings } from './jobs/queues.js';
import { DEFAULT_REDIS_KEY_PREFIX } from './redis.js';
import type { LimitSettings } from './limits/limits.js';
import { LIST_MAXIMUM } from './limits/list-maximums.js';

export interface MailInSettings {
  /** INBOUND_SMTP_PORT: the SMTP listener's port; unset: no listener. */
  smtpPort?: number;
  /** INBOUND_SMTP_HOST, by default HOST's address. */
  smtpHost: string;
  /** PEM certificate and key for STARTTLS; without them the listener speaks plain SMTP. */
  smtpTls?: { cert: string; key: string };
  /** Largest message accepted, in bytes (SMTP SIZE, and the IMAP fetch). */
  maxBytes: number;
  /** Mails one sender may turn into tickets or replies per hour; the rest are held. */
  perSenderPerHour: number;
  /** imap:// or imaps:// URL of a mailbox to poll (user and password in it, or IMAP_ACCESS_TOKEN). */
  imapUrl?: string;
  /** An OAuth2 access token for XOAUTH2 (Microsoft 365, Google) instead of the URL's password. */
  imapAccessToken?: string;
  /** Where processed mail is moved; unset: it is marked seen and left. */
  imapProcessedMailbox?: string;
  imapPollMs: number;
}

export interface Config {
  production: boolean;
  host: string;
  port: number;
  /** Where links in emails point, e.g. https://desk.school.edu */
  publicUrl: string;
  databaseUrl?: string;
  /** redis:// URL shared by every API process; without it each process keeps its own events and counts. */
  redisUrl?: string;
  redisKeyPrefix: string;
  /** Browser origins, besides the API's own, allowed to call the API with credentials. */
  corsOrigins: string[];
  /** How often the sweeps (SLA escalation, rating reminders) look for due items. */
  sweepIntervalMs: number;
  /** CLOCK_FILE: a file whose ISO time the app clock shows (clock.ts, fileClock), for journeys; refused in production. */
  clockFile: string | null;
  dataDir: string;
  dbPoolSize: number;
  /** How long a request waits for a free database connection before it is answered 503 (busy); unset: the database package's default. */
  dbPoolWaitMs?: number;
  /** API processes sharing the port (node:cluster), to use every core of one machine. */
  processes: number;
  authSecret: Uint8Array;
  authTokenTtlHours: number;
  /** How often each process re-checks the sessions of its open websockets, should a revocation event be lost. */
  sessionRecheckMs: number;
  /**
   * After SIGTERM, how long the process keeps serving with /health saying "draining" before it
   * closes: the time a load balancer's health check needs to stop sending it requests.
   */
  shutdownDrainMs: number;
  /** Load the demo school into an empty database on start. */
  seedDemo: 'auto' | 'always' | 'never';
  /**
   * Apply pending migrations on start (default); false leaves them to `studentdesk-db migrate` run
   * before the rollout (the Kubernetes Job), and the process refuses to start on an older schema.
   */
  migrateAtStart: boolean;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  /** smtp:// or smtps:// URL of the mail server; without it emails stay in the outbox. */
  smtpUrl?: string;
  /** The From of every email. */
  emailFrom: string;
  /** How often the outbox is checked for email to send. */
  emailPollMs: number;
  /** DKIM signing of outgoing email (DKIM_*); unset: the mail server signs, or nobody does. */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** Email in (mail-in/): the SMTP listener and IMAP polling, each off unless configured. */
  mailIn: MailInSettings;
  /** Built web apps the API serves (only those whose folder holds an index.html). */
  webApps: Array<{ mountPath: string; dir: string }>;
  /** Express's "trust proxy": how many proxies (or which addresses) to believe about the caller's address. */
  trustProxy: number | string | boolean;
  limits: LimitSettings;
  websocket: WebsocketSettings;
  webhooks: DeliverySettings;
  /** Retries and dead letters of background jobs, and what cleanup keeps. */
  jobs: JobSettings;
  /** Files attached to reports and messages (attachments/). */
  attachments: AttachmentSettings;
  /** Single sign-on through an OpenID Connect provider (sso/); unset: password sign-in only. */
  oidc?: OidcSettings;
  /** Single sign-on through a SAML 2.0 identity provider (sso/saml.*); unset: none. */
  saml?: SamlSettings;
}

/** The school's OpenID Connect provider and how its people become StudentDesk users (sso/). */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The label of the sign-in button, e.g. "Sign in with Example School". */
  displayName: string;
  /** The claim listing a person's groups; unset: roles are not taken from the provider. */
  roleClaim?: string;
  /** Groups giving each role; the highest role any of a person's groups gives wins. */
  staffGroups: string[];
  managerGroups: string[];
  adminGroups: string[];
}

/** Which of a person's groups (OIDC) or affiliations (SAML) give which role; the highest wins. */
export type RoleGroups = Pick<OidcSettings, 'staffGroups' | 'managerGroups' | 'adminGroups'>;

/** The school's SAML 2.0 identity provider, this service provider's identity, and how people's affiliations become roles (sso/). */
export interface SamlSettings extends RoleGroups {
  /** Where the IdP's metadata is fetched from (at the first sign-in, again after a failure)… */
  idpMetadataUrl?: string;
  /** …or the metadata itself (SAML_IDP_METADATA: XML, or a file holding it). */
  idpMetadataXml?: string;
  /** This service's entity ID; PUBLIC_URL/saml/metadata unless set. */
  spEntityId: string;
  /** PEM key and certificate: AuthnRequests are signed and encrypted assertions decrypted with them. */
  spPrivateKey?: string;
  spCertificate?: string;
  displayName: string;
  /** The attribute listing a person's affiliations (eduPersonAffiliation); empty: roles are not taken from the IdP. */
  roleAttribute?: string;
}

/** Where attachments' bytes are kept: files under DATA_DIR/attachments, or an S3-compatible bucket. */
export type AttachmentStore =
  | { kind: 'disk'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
    };

/** Attachments (attachments/): how big, how many, where, and the optional virus scanner. */
export interface AttachmentSettings {
  /** Bytes of one file; a larger upload is refused while it streams, and nothing is kept. */
  maxBytes: number;
  /** Files one report or message may reference. */
  maxPerMessage: number;
  store: AttachmentStore;
  /** clamd to scan every upload with (INSTREAM); unset: no scanning. */
  clamav?: { host: string; port: number; timeoutMs: number };
}

/** When a failed webhook delivery is tried again (integrations/retry-schedule.ts). */
export interface RetrySchedule {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Keep retrying until the time since the first attempt reaches this. */
  retryForMs: number;
}

/** Webhook delivery (integrations/webhook-delivery.ts). */
export interface DeliverySettings {
  /** Lets requests reach internal addresses: for a receiver on the school's own network, or tests on loopback. */
  allowPrivateTargets: boolean;
  schedule: RetrySchedule;
  /** How often the relay runs and the worker looks for work when nothing woke it. */
  pollMs: number;
  timeoutMs: number;
}

/** Limits of the websocket transport (websocket.ts); every operation on it also meets `limits`. */
export interface WebsocketSettings {
  /** Bytes of one message, refused by ws before it is parsed (the socket closes with 1009). */
  maxMessageBytes: number;
  /** How long a new socket may take to send connection_init (graphql-ws closes it with 4408). */
  connectionInitTimeoutMs: number;
  /** Operations (subscriptions, and queries or mutations while they run) one socket may hold. */
  maxSubscriptionsPerConnection: number;
  /** Sockets per address not signed in (anonymous, or before connection_init), per API process. */
  maxConnectionsPerAddress: number;
  /** Sockets per signed-in user or API key, per API process. */
  maxConnectionsPerUser: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The embedded database keeps a generated secret beside its data, so sign-ins survive restarts. */
function localAuthSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/** A hop count ("1"), true/false, or addresses and subnets as Express reads them ("loopback, 10.0.0.0/8"). */
function trustProxy(value: string | undefined): number | string | boolean {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };

  const port = integer('PORT', 4000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dbPoolSize = integer('DB_POOL_SIZE', 10, 1, 200);
  const dbPoolWaitMs = env.DB_POOL_WAIT_MS ? integer('DB_POOL_WAIT_MS', 5000, 100, 60_000) : undefined;
  const processes = integer('API_PROCESSES', 1, 1, 64);
  const authTokenTtlHours = integer('AUTH_TOKEN_TTL_HOURS', 24 * 7, 1, 24 * 90);
  const sessionRecheckMs = integer('SESSION_RECHECK_MS', 5000, 100, 60_000);
  const shutdownDrainMs = integer('SHUTDOWN_DRAIN_MS', 0, 0, 120_000);

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgresql:// connection string (leave it unset for the embedded database)');
  }
  const dataDir = env.DATA_DIR || defaultDataDir();

  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  // Processes share tickets through PostgreSQL and live updates and budgets through Redis.
  if (processes > 1 && !databaseUrl)
    problems.push('API_PROCESSES above 1 needs DATABASE_URL: the embedded database belongs to one process');
  if (processes > 1 && !redisUrl)
    problems.push('API_PROCESSES above 1 needs REDIS_URL, so live updates and rate limits reach every process');

  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin))
      problems.push(`CORS_ORIGINS must list origins such as https://lms.school.edu (no path), got "${origin}"`);
  }
  const sweepIntervalMs = integer('SWEEP_INTERVAL_MS', 60_000, 100, 3_600_000);

  let publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    publicUrl = new URL(publicUrl).toString().replace(/\/$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL such as https://desk.school.edu, got "${env.PUBLIC_URL}"`);
  }

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push(`SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl}"`);
  const emailFrom = env.EMAIL_FROM || 'StudentDesk <no-reply@studentdesk.local>';
  const emailPollMs = integer('EMAIL_POLL_MS', 5000, 100, 3_600_000);
  const dkimKey = pemOrFile(env, 'DKIM_PRIVATE_KEY', problems);
  const dkim =
    dkimKey && env.DKIM_DOMAIN && env.DKIM_SELECTOR
      ? { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: dkimKey }
      : undefined;
  if (dkimKey && !dkim) problems.push('DKIM_PRIVATE_KEY needs DKIM_DOMAIN and DKIM_SELECTOR');
  const mailIn = mailInSettings(env, integer, problems, host);

  const seedDemo = (env.SEED_DEMO || 'auto') as Config['seedDemo'];
  if (!['auto', 'always', 'never'].includes(seedDemo)) {
    problems.push(`SEED_DEMO must be auto, always or never, got "${env.SEED_DEMO}"`);
  }

  const migrateAtStart = (env.MIGRATE_AT_START || 'true') === 'true';
  if (!['true', 'false'].includes(env.MIGRATE_AT_START || 'true')) {
    problems.push(`MIGRATE_AT_START must be true or false, got "${env.MIGRATE_AT_START}"`);
  }

  const logLevel = env.LOG_LEVEL || 'info';
  // Readable lines for a person at a terminal; JSON for log collectors (production, pipes, files).
  const logFormat = (env.LOG_FORMAT || (production || !process.stdout.isTTY ? 'json' : 'pretty')) as Config['logFormat'];
  if (!['json', 'pretty'].includes(logFormat)) problems.push(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT}"`);
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  let authSecret: Uint8Array = new Uint8Array();
  if (env.AUTH_SECRET) {
    if (env.AUTH_SECRET.length < 32) problems.push('AUTH_SECRET must be at least 32 characters long');
    authSecret = new TextEncoder().encode(env.AUTH_SECRET);
  } else if (production) {
    problems.push('AUTH_SECRET is required in production (32 or more random characters)');
  } else if (problems.length === 0) {
    authSecret = localAuthSecret(dataDir);
  }

  const HOUR = 3_600_000;
  const MIB = 1024 * 1024;
  const LIMIT_WINDOW_SECONDS = 15 * 60;
  const budget = (prefix: string, capacity: number, restorePerSecond: number) => ({
    capacity: integer(`${prefix}_BUDGET`, capacity, 1, 100_000_000),
    restorePerSecond: integer(`${prefix}_BUDGET_RESTORE_PER_SECOND`, restorePerSecond, 1, 1_000_000),
  });
  const limits: LimitSettings = {
    maxCost: integer('QUERY_MAX_COST', 5000, 1, 1_000_000),
    maxDocumentBytes: integer('QUERY_MAX_DOCUMENT_BYTES', 100_000, 100, 10 * MIB),
    maxVariablesBytes: integer('QUERY_MAX_VARIABLES_BYTES', MIB, 100, 100 * MIB),
    maxResponseBytes: integer('RESPONSE_MAX_BYTES', 4 * MIB, 1000, 1024 * MIB),
    budgets: {
      apiKey: budget('API_KEY', 10_000, 200),
      // A console page asks several lists at once (ticket, activity, related tickets, bell, tags, macros); staff move
      // from ticket to ticket with j and k, so a person's burst is a few pages, not a few queries.
      user: budget('USER', 100_000, 2_000),
      anonymous: budget('ANONYMOUS', 20_000, 500),
    },
    signIn: {
      perAccount: integer('SIGN_IN_FAILURES_PER_ACCOUNT', 10, 1, 10_000),
      perAddress: integer('SIGN_IN_FAILURES_PER_ADDRESS', 100, 1, 100_000),
      windowSeconds: LIMIT_WINDOW_SECONDS,
      maxDelaySeconds: integer('SIGN_IN_ACCOUNT_MAX_DELAY_SECONDS', 30, 1, 3600),
    },
    trackingCodes: {
      perAddress: integer('TRACKING_CODE_FAILURES_PER_ADDRESS', 100, 1, 100_000),
      windowSeconds: LIMIT_WINDOW_SECONDS,
    },
    singleSignOn: {
      perAddress: integer('SSO_FAILURES_PER_ADDRESS', 100, 1, 100_000),
      windowSeconds: LIMIT_WINDOW_SECONDS,
    },
    guestReports: {
      requestsPerAddress: integer('GUEST_REPORTS_PER_ADDRESS_PER_HOUR', 60, 1, 1_000_000),
      emailsPerRecipient: integer('GUEST_EMAILS_PER_RECIPIENT_PER_HOUR', 5, 1, 1_000_000),
      windowSeconds: 3600,
    },
    guestUploads: {
      requestsPerAddress: integer('GUEST_UPLOADS_PER_ADDRESS_PER_HOUR', 200, 1, 1_000_000),
      windowSeconds: 3600,
    },
    passwordResets: {
      requestsPerAddress: integer('PASSWORD_RESETS_PER_ADDRESS_PER_HOUR', 30, 1, 1_000_000),
      emailsPerRecipient: integer('PASSWORD_RESET_EMAILS_PER_RECIPIENT_PER_HOUR', 3, 1, 1_000_000),
      windowSeconds: 3600,
    },
    ticketLinks: {
      requestsPerAddress: integer('TICKET_LINK_REQUESTS_PER_ADDRESS_PER_HOUR', 30, 1, 1_000_000),
      emailsPerRecipient: integer('TICKET_LINK_EMAILS_PER_RECIPIENT_PER_HOUR', 3, 1, 1_000_000),
      windowSeconds: 3600,
    },
    incidentFollows: {
      requestsPerAddress: integer('INCIDENT_FOLLOWS_PER_ADDRESS_PER_HOUR', 60, 1, 1_000_000),
      emailsPerRecipient: integer('INCIDENT_FOLLOWS_PER_RECIPIENT_PER_HOUR', 3, 1, 1_000_000),
      windowSeconds: 3600,
    },
  };
  for (const [owner, prefix] of [
    ['apiKey', 'API_KEY'],
    ['user', 'USER'],
    ['anonymous', 'ANONYMOUS'],
  ] as const) {
    if (limits.maxCost > limits.budgets[owner].capacity) problems.push(`QUERY_MAX_COST must not be more than ${prefix}_BUDGET`);
  }
  const websocket: WebsocketSettings = {
    maxMessageBytes: integer('WS_MAX_MESSAGE_BYTES', 256 * 1024, 1024, 100 * MIB),
    connectionInitTimeoutMs: integer('WS_CONNECTION_INIT_TIMEOUT_MS', 3000, 100, 60_000),
    maxSubscriptionsPerConnection: integer('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, 1, 10_000),
    maxConnectionsPerAddress: integer('WS_MAX_CONNECTIONS_PER_ADDRESS', 50, 1, 1_000_000),
    maxConnectionsPerUser: integer('WS_MAX_CONNECTIONS_PER_USER', 10, 1, 10_000),
  };
  const webhooks: DeliverySettings = {
    schedule: {
      firstDelayMs: integer('WEBHOOK_RETRY_FIRST_DELAY_MS', 30_000, 1, HOUR),
      maxDelayMs: integer('WEBHOOK_RETRY_MAX_DELAY_MS', 4 * HOUR, 1, 24 * HOUR),
      retryForMs: integer('WEBHOOK_RETRY_FOR_MS', 24 * HOUR, 1, 7 * 24 * HOUR),
    },
    pollMs: integer('WEBHOOK_POLL_MS', 1000, 50, 60_000),
    timeoutMs: integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    allowPrivateTargets: flag('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
  };

  const jobs: JobSettings = {
    retryLimit: integer('JOB_RETRY_LIMIT', 5, 0, 100),
    retryDelaySeconds: integer('JOB_RETRY_DELAY_SECONDS', 30, 1, 86_400),
    cleanupIntervalMs: integer('CLEANUP_INTERVAL_MS', HOUR, 100, 7 * 24 * HOUR),
    idempotencyKeyRetentionDays: integer('IDEMPOTENCY_KEY_RETENTION_DAYS', 30, 1, 3650),
    outboxRetentionDays: integer('OUTBOX_RETENTION_DAYS', 30, 1, 3650),
  };

  const attachments = attachmentSettings(env, dataDir, integer, problems);
  const oidc = oidcSettings(env, problems);
  const saml = samlSettings(env, publicUrl, problems);

  const webApps = [
    { mountPath: '/', dir: env.PORTAL_DIST || join(findRepoRoot(), 'apps/portal/dist') },
    { mountPath: '/console', dir: env.CONSOLE_DIST || join(findRepoRoot(), 'apps/console/dist') },
  ];

  // The Chromium journeys move the app's time (automation's business days) by writing this file:
  // nothing of the kind may exist where real tickets are.
  const clockFile = env.CLOCK_FILE || null;
  if (clockFile && production) problems.push('CLOCK_FILE sets the app clock for tests and is refused in production');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    production,
    clockFile,
    host,
    port,
    publicUrl,
    databaseUrl,
    redisUrl,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || DEFAULT_REDIS_KEY_PREFIX,
    corsOrigins,
    sweepIntervalMs,
    dataDir,
    dbPoolSize,
    dbPoolWaitMs,
    processes,
    authSecret,
    authTokenTtlHours,
    sessionRecheckMs,
    shutdownDrainMs,
    seedDemo,
    migrateAtStart,
    logLevel,
    logFormat,
    smtpUrl,
    emailFrom,
    emailPollMs,
    dkim,
    mailIn,
    webApps,
    trustProxy: trustProxy(env.TRUST_PROXY),
    limits,
    websocket,
    webhooks,
    jobs,
    attachments,
    oidc,
    saml,
  };
}

function attachmentSettings(
  env: Env,
  dataDir: string,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): AttachmentSettings {
  const MIB = 1024 * 1024;
  const bucket = env.S3_BUCKET?.trim();
  const s3Names = ['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'];
  if (!bucket && s3Names.some((name) => env[name]))
    problems.push(`${s3Names.filter((name) => env[name]).join(', ')} set without S3_BUCKET`);
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint)) problems.push(`S3_ENDPOINT must be an http:// or https:// URL, got "${endpoint}"`);
  const forcePathStyle = env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : Boolean(endpoint);
  const store: AttachmentStore = bucket
    ? {
        kind: 's3',
        bucket,
        region: env.S3_REGION?.trim() || 'us-east-1',
        endpoint,
        accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
        forcePathStyle,
      }
    : { kind: 'disk', dir: join(dataDir, 'attachments') };
  const clamavHost = env.CLAMAV_HOST?.trim();
  if (!clamavHost && env.CLAMAV_PORT) problems.push('CLAMAV_PORT set without CLAMAV_HOST');
  return {
    maxBytes: integer('ATTACHMENT_MAX_BYTES', 20 * MIB, 1024, 1024 * MIB),
    maxPerMessage: integer('ATTACHMENTS_PER_MESSAGE', 10, 1, LIST_MAXIMUM.attachments),
    store,
    clamav: clamavHost
      ? { host: clamavHost, port: integer('CLAMAV_PORT', 3310, 1, 65535), timeoutMs: integer('CLAMAV_TIMEOUT_MS', 30_000, 100, 600_000) }
      : undefined,
  };
}

const OIDC_REQUIRED = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const OIDC_OPTIONAL = [
  'OIDC_SCOPES',
  'OIDC_DISPLAY_NAME',
  'OIDC_ROLE_CLAIM',
  'OIDC_STAFF_GROUPS',
  'OIDC_MANAGER_GROUPS',
  'OIDC_ADMIN_GROUPS',
];

/** All or nothing: a half-configured provider is a mistake to report at start, not at a student's first click. */
function oidcSettings(env: Env, problems: string[]): OidcSettings | undefined {
  const missing = OIDC_REQUIRED.filter((name) => !env[name]);
  if (missing.length === OIDC_REQUIRED.length) {
    const stray = OIDC_OPTIONAL.filter((name) => env[name]);
    if (stray.length) problems.push(`${stray.join(', ')} set without OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET`);
    return undefined;
  }
  if (missing.length) {
    problems.push(`Single sign-on needs OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; missing ${missing.join(', ')}`);
    return undefined;
  }
  const issuerUrl = env.OIDC_ISSUER_URL!;
  let issuer: URL | undefined;
  try {
    issuer = new URL(issuerUrl);
  } catch {
    problems.push(`OIDC_ISSUER_URL must be an absolute URL such as https://login.school.edu, got "${issuerUrl}"`);
  }
  // Plain http only to a provider on this machine (a test or a local proxy): tokens must not cross a network in clear.
  if (issuer && issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname))) {
    problems.push(`OIDC_ISSUER_URL must use https:// (http:// only for localhost), got "${issuerUrl}"`);
  }
  const scopes = (env.OIDC_SCOPES || 'openid email profile').trim().split(/\s+/);
  if (!scopes.includes('openid')) problems.push(`OIDC_SCOPES must include openid, got "${env.OIDC_SCOPES}"`);
  const groups = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean);
  const roleClaim = env.OIDC_ROLE_CLAIM?.trim() || undefined;
  const groupSettings = ['OIDC_STAFF_GROUPS', 'OIDC_MANAGER_GROUPS', 'OIDC_ADMIN_GROUPS'];
  if (!roleClaim && groupSettings.some((name) => env[name])) {
    problems.push(`${groupSettings.filter((name) => env[name]).join(', ')} need OIDC_ROLE_CLAIM, the claim that lists a person's groups`);
  }
  return {
    issuerUrl,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    scopes: scopes.join(' '),
    displayName: env.OIDC_DISPLAY_NAME?.trim() || 'Sign in with your school account',
    roleClaim,
    staffGroups: groups('OIDC_STAFF_GROUPS'),
    managerGroups: groups('OIDC_MANAGER_GROUPS'),
    adminGroups: groups('OIDC_ADMIN_GROUPS'),
  };
}

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function mailInSettings(
  env: Env,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
  host: string,
): MailInSettings {
  const smtpPort = env.INBOUND_SMTP_PORT ? integer('INBOUND_SMTP_PORT', 2525, 0, 65_535) : undefined;
  const cert = pemOrFile(env, 'INBOUND_SMTP_TLS_CERT', problems);
  const key = pemOrFile(env, 'INBOUND_SMTP_TLS_KEY', problems);
  if (!cert !== !key) problems.push('INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY go together');
  const imapUrl = env.IMAP_URL || undefined;
  if (imapUrl && !/^imaps?:\/\/[^@/]+@[^/]+/.test(imapUrl))
    problems.push(`IMAP_URL must look like imaps://user:password@imap.school.edu/INBOX, got "${imapUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  return {
    smtpPort,
    smtpHost: env.INBOUND_SMTP_HOST || host,
    smtpTls: cert && key ? { cert, key } : undefined,
    maxBytes: integer('INBOUND_MAX_BYTES', 25 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    perSenderPerHour: integer('INBOUND_PER_SENDER_PER_HOUR', 20, 1, 1_000_000),
    imapUrl,
    imapAccessToken: env.IMAP_ACCESS_TOKEN || undefined,
    imapProcessedMailbox: env.IMAP_PROCESSED_MAILBOX || undefined,
    imapPollMs: integer('IMAP_POLL_MS', 60_000, 100, 3_600_000),
  };
}

/** PEM text as given, or read from the file it names. */
function pemOrFile(env: Env, name: string, problems: string[]): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (value.startsWith('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch {
    problems.push(`${name} must be PEM text or the path of a file holding it; cannot read "${value}"`);
    return undefined;
  }
}

const SAML_OPTIONAL = [
  'SAML_SP_ENTITY_ID',
  'SAML_SP_PRIVATE_KEY',
  'SAML_SP_CERT',
  'SAML_DISPLAY_NAME',
  'SAML_ROLE_ATTRIBUTE',
  'SAML_STAFF_AFFILIATIONS',
  'SAML_MANAGER_AFFILIATIONS',
  'SAML_ADMIN_AFFILIATIONS',
];

/** On with SAML_IDP_METADATA_URL or SAML_IDP_METADATA; everything else has a default. */
function samlSettings(env: Env, publicUrl: string, problems: string[]): SamlSettings | undefined {
  const metadataUrl = env.SAML_IDP_METADATA_URL?.trim() || undefined;
  const metadata = env.SAML_IDP_METADATA?.trim() || undefined;
  if (!metadataUrl && !metadata) {
    const stray = SAML_OPTIONAL.filter((name) => env[name]);
    if (stray.length) problems.push(`${stray.join(', ')} set without SAML_IDP_METADATA_URL or SAML_IDP_METADATA`);
    return undefined;
  }
  if (metadataUrl && metadata) problems.push('Set SAML_IDP_METADATA_URL or SAML_IDP_METADATA, not both');
  if (metadataUrl) {
    let url: URL | undefined;
    try {
      url = new URL(metadataUrl);
    } catch {
      problems.push(`SAML_IDP_METADATA_URL must be an absolute URL, got "${metadataUrl}"`);
    }
    // The metadata holds the certificate every assertion is checked with: never fetched in clear across a network.
    if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
      problems.push(`SAML_IDP_METADATA_URL must use https:// (http:// only for localhost), got "${metadataUrl}"`);
  }
  let idpMetadataXml: string | undefined;
  if (metadata?.startsWith('<')) idpMetadataXml = metadata;
  else if (metadata) {
    try {
      idpMetadataXml = readFileSync(metadata, 'utf8');
    } catch {
      problems.push(`SAML_IDP_METADATA must be the IdP's metadata XML or the path of a file holding it; cannot read "${metadata}"`);
    }
  }
  const spPrivateKey = pemOrFile(env, 'SAML_SP_PRIVATE_KEY', problems);
  const spCertificate = pemOrFile(env, 'SAML_SP_CERT', problems);
  if (!env.SAML_SP_PRIVATE_KEY !== !env.SAML_SP_CERT) problems.push('SAML_SP_PRIVATE_KEY and SAML_SP_CERT go together');
  const roleAttribute = env.SAML_ROLE_ATTRIBUTE === undefined ? 'eduPersonAffiliation' : env.SAML_ROLE_ATTRIBUTE.trim() || undefined;
  return {
    idpMetadataUrl: metadataUrl,
    idpMetadataXml,
    spEntityId: env.SAML_SP_ENTITY_ID?.trim() || `${publicUrl}/saml/metadata`,
    spPrivateKey,
    spCertificate,
    displayName: env.SAML_DISPLAY_NAME?.trim() || 'Sign in with your school account',
    roleAttribute,
    staffGroups: env.SAML_STAFF_AFFILIATIONS === undefined ? ['staff', 'faculty'] : listOf(env.SAML_STAFF_AFFILIATIONS),
    managerGroups: listOf(env.SAML_MANAGER_AFFILIATIONS),
    adminGroups: listOf(env.SAML_ADMIN_AFFILIATIONS),
  };
}
