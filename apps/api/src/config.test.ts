import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const base = { AUTH_SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/studentdesk-config-test' };

/** What loadConfig says is wrong with `env` on top of the base; none when it loads. */
const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('has defaults that run locally', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      dbPoolSize: 10,
      seedDemo: 'auto',
      migrateAtStart: true,
      production: false,
    });
    expect(config.publicUrl).toBe('http://localhost:4000');
  });

  it('lists every bad value at once, each with what was expected', () => {
    try {
      loadConfig({
        ...base,
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SEED_DEMO: 'maybe',
        MIGRATE_AT_START: 'later',
        LOG_LEVEL: 'loud',
        PUBLIC_URL: 'desk',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'PORT must be a whole number from 0 to 65535, got "eighty"',
        'DATABASE_URL must be a postgresql:// connection string (leave it unset for the embedded database)',
        'PUBLIC_URL must be an absolute URL such as https://desk.school.edu, got "desk"',
        'SEED_DEMO must be auto, always or never, got "maybe"',
        'MIGRATE_AT_START must be true or false, got "later"',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      ]);
    }
  });

  it('takes email in and DKIM only when configured, each part checked', () => {
    expect(loadConfig(base).mailIn).toMatchObject({
      smtpPort: undefined,
      imapUrl: undefined,
      perSenderPerHour: 20,
      maxBytes: 25 * 1024 * 1024,
    });
    expect(loadConfig(base).dkim).toBeUndefined();
    const config = loadConfig({
      ...base,
      INBOUND_SMTP_PORT: '2525',
      IMAP_URL: 'imaps://desk:pw@imap.school.edu/INBOX',
      IMAP_ACCESS_TOKEN: 'token',
    });
    expect(config.mailIn).toMatchObject({
      smtpPort: 2525,
      smtpHost: '127.0.0.1',
      imapUrl: 'imaps://desk:pw@imap.school.edu/INBOX',
      imapAccessToken: 'token',
    });
    expect(
      problems({
        IMAP_URL: 'imap.school.edu',
        INBOUND_SMTP_TLS_KEY: '-----BEGIN PRIVATE KEY-----',
        DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----',
      }),
    ).toEqual([
      'DKIM_PRIVATE_KEY needs DKIM_DOMAIN and DKIM_SELECTOR',
      'INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY go together',
      'IMAP_URL must look like imaps://user:password@imap.school.edu/INBOX, got "imap.school.edu"',
    ]);
  });

  it('runs several API processes only on PostgreSQL and Redis, which they share', () => {
    expect(
      loadConfig({ ...base, API_PROCESSES: '2', DATABASE_URL: 'postgresql://db/desk', REDIS_URL: 'redis://cache:6379' }).processes,
    ).toBe(2);
    try {
      loadConfig({ ...base, API_PROCESSES: '2' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'API_PROCESSES above 1 needs DATABASE_URL: the embedded database belongs to one process',
        'API_PROCESSES above 1 needs REDIS_URL, so live updates and rate limits reach every process',
      ]);
    }
  });

  it('takes a clock file for tests, and refuses one in production', () => {
    expect(loadConfig({ ...base, CLOCK_FILE: '/tmp/clock' }).clockFile).toBe('/tmp/clock');
    expect(loadConfig(base).clockFile).toBeNull();
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), CLOCK_FILE: '/tmp/clock' })).toThrowError(
      /CLOCK_FILE .* refused in production/,
    );
  });

  it('requires a strong AUTH_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: base.DATA_DIR })).toThrowError(/AUTH_SECRET is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'short' })).toThrowError(/at least 32 characters/);
  });

  it('reads the limits and the proxy setting', () => {
    const config = loadConfig({
      ...base,
      TRUST_PROXY: '1',
      WEBHOOK_RETRY_FIRST_DELAY_MS: '100',
      USER_BUDGET: '9000',
      WS_MAX_CONNECTIONS_PER_USER: '3',
    });
    expect(config.trustProxy).toBe(1);
    expect(config.limits).toMatchObject({
      maxCost: 5000,
      maxDocumentBytes: 100_000,
      maxVariablesBytes: 1024 * 1024,
      maxResponseBytes: 4 * 1024 * 1024,
      budgets: {
        apiKey: { capacity: 10_000, restorePerSecond: 200 },
        user: { capacity: 9000, restorePerSecond: 2000 },
        anonymous: { capacity: 20_000, restorePerSecond: 500 },
      },
      signIn: { perAccount: 10, perAddress: 100, maxDelaySeconds: 30 },
      trackingCodes: { perAddress: 100 },
    });
    expect(config.websocket).toEqual({
      maxMessageBytes: 256 * 1024,
      connectionInitTimeoutMs: 3000,
      maxSubscriptionsPerConnection: 50,
      maxConnectionsPerAddress: 50,
      maxConnectionsPerUser: 3,
    });
    expect(config.webhooks.schedule).toEqual({ firstDelayMs: 100, maxDelayMs: 4 * 3_600_000, retryForMs: 24 * 3_600_000 });
    expect(config.jobs).toEqual({
      retryLimit: 5,
      retryDelaySeconds: 30,
      cleanupIntervalMs: 3_600_000,
      idempotencyKeyRetentionDays: 30,
      outboxRetentionDays: 30,
    });
    expect(
      loadConfig({
        ...base,
        JOB_RETRY_LIMIT: '0',
        JOB_RETRY_DELAY_SECONDS: '5',
        CLEANUP_INTERVAL_MS: '60000',
        IDEMPOTENCY_KEY_RETENTION_DAYS: '7',
        OUTBOX_RETENTION_DAYS: '90',
      }).jobs,
    ).toEqual({ retryLimit: 0, retryDelaySeconds: 5, cleanupIntervalMs: 60_000, idempotencyKeyRetentionDays: 7, outboxRetentionDays: 90 });
    expect(() => loadConfig({ ...base, JOB_RETRY_DELAY_SECONDS: '0', OUTBOX_RETENTION_DAYS: 'soon' })).toThrowError(
      /JOB_RETRY_DELAY_SECONDS must be a whole number from 1 to 86400[\s\S]*OUTBOX_RETENTION_DAYS must be a whole number/,
    );
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(() => loadConfig({ ...base, QUERY_MAX_COST: '20000' })).toThrowError(/QUERY_MAX_COST must not be more than API_KEY_BUDGET/);
    expect(() =>
      loadConfig({ ...base, QUERY_MAX_COST: '30000', API_KEY_BUDGET: '30000', ANONYMOUS_BUDGET: '30000', USER_BUDGET: '20000' }),
    ).toThrowError(/QUERY_MAX_COST must not be more than USER_BUDGET/);
  });

  it('takes single sign-on all or nothing, from an https provider, with roles only from a named claim', () => {
    const oidc = { OIDC_ISSUER_URL: 'https://login.school.edu', OIDC_CLIENT_ID: 'desk', OIDC_CLIENT_SECRET: 's3cret' };
    expect(loadConfig(base).oidc).toBeUndefined();
    expect(loadConfig({ ...base, ...oidc }).oidc).toEqual({
      issuerUrl: 'https://login.school.edu',
      clientId: 'desk',
      clientSecret: 's3cret',
      scopes: 'openid email profile',
      displayName: 'Sign in with your school account',
      roleClaim: undefined,
      staffGroups: [],
      managerGroups: [],
      adminGroups: [],
    });
    expect(
      loadConfig({
        ...base,
        ...oidc,
        OIDC_SCOPES: 'openid email groups',
        OIDC_DISPLAY_NAME: 'Sign in with Example School',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_STAFF_GROUPS: 'it-staff, library',
        OIDC_ADMIN_GROUPS: 'it-admins',
      }).oidc,
    ).toMatchObject({
      scopes: 'openid email groups',
      roleClaim: 'groups',
      staffGroups: ['it-staff', 'library'],
      adminGroups: ['it-admins'],
    });
    expect(loadConfig({ ...base, ...oidc, OIDC_ISSUER_URL: 'http://localhost:9000' }).oidc?.issuerUrl).toBe('http://localhost:9000');

    expect(problems({ OIDC_ISSUER_URL: 'https://login.school.edu' })).toEqual([
      'Single sign-on needs OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; missing OIDC_CLIENT_ID, OIDC_CLIENT_SECRET',
    ]);
    expect(problems({ OIDC_DISPLAY_NAME: 'Sign in with Example School' })).toEqual([
      'OIDC_DISPLAY_NAME set without OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
    ]);
    expect(problems({ ...oidc, OIDC_ISSUER_URL: 'http://login.school.edu', OIDC_SCOPES: 'email', OIDC_STAFF_GROUPS: 'staff' })).toEqual([
      'OIDC_ISSUER_URL must use https:// (http:// only for localhost), got "http://login.school.edu"',
      'OIDC_SCOPES must include openid, got "email"',
      "OIDC_STAFF_GROUPS need OIDC_ROLE_CLAIM, the claim that lists a person's groups",
    ]);
  });
  it('takes SAML from the IdP metadata (a URL over https, or the XML), with eduPerson defaults', () => {
    expect(loadConfig(base).saml).toBeUndefined();
    const saml = loadConfig({
      ...base,
      PUBLIC_URL: 'https://desk.school.edu',
      SAML_IDP_METADATA_URL: 'https://idp.school.edu/metadata',
    }).saml;
    expect(saml).toEqual({
      idpMetadataUrl: 'https://idp.school.edu/metadata',
      idpMetadataXml: undefined,
      spEntityId: 'https://desk.school.edu/saml/metadata',
      spPrivateKey: undefined,
      spCertificate: undefined,
      displayName: 'Sign in with your school account',
      roleAttribute: 'eduPersonAffiliation',
      staffGroups: ['staff', 'faculty'],
      managerGroups: [],
      adminGroups: [],
    });
    expect(loadConfig({ ...base, SAML_IDP_METADATA: '<md:EntityDescriptor/>', SAML_ROLE_ATTRIBUTE: '' }).saml).toMatchObject({
      idpMetadataXml: '<md:EntityDescriptor/>',
      roleAttribute: undefined,
    });
    expect(problems({ SAML_DISPLAY_NAME: 'Sign in with Example University' })).toEqual([
      'SAML_DISPLAY_NAME set without SAML_IDP_METADATA_URL or SAML_IDP_METADATA',
    ]);
    expect(
      problems({
        SAML_IDP_METADATA_URL: 'http://idp.school.edu/metadata',
        SAML_SP_CERT: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----',
      }),
    ).toEqual([
      'SAML_IDP_METADATA_URL must use https:// (http:// only for localhost), got "http://idp.school.edu/metadata"',
      'SAML_SP_PRIVATE_KEY and SAML_SP_CERT go together',
    ]);
    expect(problems({ SAML_IDP_METADATA: '/no/such/metadata.xml' })).toEqual([
      `SAML_IDP_METADATA must be the IdP's metadata XML or the path of a file holding it; cannot read "/no/such/metadata.xml"`,
    ]);
  });
});
