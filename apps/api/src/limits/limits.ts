// Everything that protects the school from too much at once, created in one place: this is where
// stores are chosen. With Redis (REDIS_URL) several API processes share the counts; without it,
// or while Redis is down, each process counts in memory.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisConnections } from '../redis.js';
import { memoryCostBudget, type BudgetSettings, type CostBudget } from './cost-budget.js';
import {
  createAddressRequestLimiter,
  createEmailedRequestLimiter,
  type AddressRequestLimiter,
  type EmailedRequestLimiter,
  type EmailedRequestLimitSettings,
} from './emailed-requests.js';
import { redisCostBudget } from './redis-cost-budget.js';
import { createSignInLimiter, type SignInLimiter, type SignInLimitSettings } from './sign-in-limits.js';
import { createAddressFailureLimiter, type AddressFailureLimiter, type AddressFailureSettings } from './address-failures.js';

/** Who a query budget belongs to: an API key, a signed-in user, or an anonymous caller's address. */
export type BudgetOwner = 'apiKey' | 'user' | 'anonymous';

/** What one operation may be, on every transport (admission.ts). */
export interface OperationLimits {
  /** The most one request may cost. */
  maxCost: number;
  /** Bytes of the GraphQL document, checked before it is parsed. */
  maxDocumentBytes: number;
  /** Bytes of the variables as JSON, checked before the document is parsed. */
  maxVariablesBytes: number;
  /** Bytes of one answer; a larger one is replaced by RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
}

export interface LimitSettings extends OperationLimits {
  budgets: Record<BudgetOwner, BudgetSettings>;
  signIn: SignInLimitSettings;
  trackingCodes: AddressFailureSettings;
  singleSignOn: AddressFailureSettings;
  guestReports: EmailedRequestLimitSettings;
  /** Files a guest (reporting or replying by tracking link) uploads per caller address in a window. */
  guestUploads: Omit<EmailedRequestLimitSettings, 'emailsPerRecipient'>;
  passwordResets: EmailedRequestLimitSettings;
  ticketLinks: EmailedRequestLimitSettings;
  incidentFollows: EmailedRequestLimitSettings;
}

export interface Limits extends OperationLimits {
  budgets: Record<BudgetOwner, CostBudget>;
  signIn: SignInLimiter;
  trackingCodes: AddressFailureLimiter;
  singleSignOn: AddressFailureLimiter;
  guestReports: EmailedRequestLimiter;
  guestUploads: AddressRequestLimiter;
  passwordResets: EmailedRequestLimiter;
  ticketLinks: EmailedRequestLimiter;
  incidentFollows: EmailedRequestLimiter;
}

/** Counts that only the gates refuse on (sign-in-limits.ts). */
const UNLIMITED = 1_000_000_000;

export function createLimits(settings: LimitSettings, redis?: RedisConnections): Limits {
  const counter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const options = { keyPrefix: `${redis?.keyPrefix ?? ''}${name}`, points, duration };
    const memory = new RateLimiterMemory(options);
    return redis
      ? new RateLimiterRedis({ ...options, storeClient: redis.commands, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
  };
  const budget = (owner: BudgetOwner) => {
    // Each owner's keys are apart in Redis: admission.ts prefixes them with the owner.
    const ownerSettings = settings.budgets[owner];
    return redis ? redisCostBudget(redis, ownerSettings) : memoryCostBudget(ownerSettings);
  };
  const { signIn, trackingCodes, singleSignOn } = settings;
  const emailedRequests = (name: string, limits: EmailedRequestLimitSettings, tooMany: string) =>
    createEmailedRequestLimiter(
      counter(`${name}-address`, limits.requestsPerAddress, limits.windowSeconds),
      counter(`${name}-recipient`, limits.emailsPerRecipient, limits.windowSeconds),
      tooMany,
    );
  return {
    maxCost: settings.maxCost,
    maxDocumentBytes: settings.maxDocumentBytes,
    maxVariablesBytes: settings.maxVariablesBytes,
    maxResponseBytes: settings.maxResponseBytes,
    budgets: { apiKey: budget('apiKey'), user: budget('user'), anonymous: budget('anonymous') },
    signIn: createSignInLimiter(
      {
        pairs: counter('sign-in-pair', signIn.perAccount, signIn.windowSeconds),
        addresses: counter('sign-in-address', signIn.perAddress, signIn.windowSeconds),
        accounts: counter('sign-in-account', UNLIMITED, signIn.windowSeconds),
        gates: counter('sign-in-gate', 1, signIn.maxDelaySeconds),
        knownAddresses: counter('sign-in-known', 1, 1),
      },
      signIn,
    ),
    trackingCodes: createAddressFailureLimiter(
      counter('tracking-code-address', trackingCodes.perAddress, trackingCodes.windowSeconds),
      'Too many tracking links that do not exist were tried from your network. Wait a while.',
    ),
    singleSignOn: createAddressFailureLimiter(
      counter('sso-callback-address', singleSignOn.perAddress, singleSignOn.windowSeconds),
      'Too many school sign-ins that did not complete came from your network. Wait a few minutes.',
    ),
    guestReports: emailedRequests(
      'guest-reports',
      settings.guestReports,
      'Too many reports from your network without signing in. Sign in, or try again later.',
    ),
    guestUploads: createAddressRequestLimiter(
      counter('guest-uploads-address', settings.guestUploads.requestsPerAddress, settings.guestUploads.windowSeconds),
      'Too many files uploaded from your network without signing in. Sign in, or try again later.',
    ),
    passwordResets: emailedRequests(
      'password-reset',
      settings.passwordResets,
      'Too many password reset requests from your network. Try again later.',
    ),
    ticketLinks: emailedRequests(
      'ticket-link',
      settings.ticketLinks,
      'Too many requests for ticket links from your network. Try again later.',
    ),
    incidentFollows: emailedRequests(
      'incident-follow',
      settings.incidentFollows,
      'Too many requests to follow known issues from your network. Sign in, or try again later.',
    ),
  };
}
