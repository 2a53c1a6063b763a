// Everything that protects the school from too much at once, created in one place: this is where
// stores are chosen. With Redis (REDIS_URL) several API processes share the counts; without it,
// or while Redis is down, each process counts in memory.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisConnections } from '../redis.js';
import { memoryCostBudget, type BudgetSettings, type CostBudget } from './cost-budget.js';
import { createGuestReportLimiter, type GuestReportLimiter, type GuestReportLimitSettings } from './guest-report-limits.js';
import { redisCostBudget } from './redis-cost-budget.js';
import { createSignInLimiter, type SignInLimiter, type SignInLimitSettings } from './sign-in-limits.js';

export interface LimitSettings {
  /** The most one request may cost. */
  maxCost: number;
  /** Each API key's budget. */
  budget: BudgetSettings;
  signIn: SignInLimitSettings;
  guestReports: GuestReportLimitSettings;
}

export interface Limits {
  maxCost: number;
  budget: CostBudget;
  signIn: SignInLimiter;
  guestReports: GuestReportLimiter;
}

export function createLimits(settings: LimitSettings, redis?: RedisConnections): Limits {
  const counter = (name: string, points: number, duration = settings.signIn.windowSeconds): RateLimiterAbstract => {
    const options = { keyPrefix: `${redis?.keyPrefix ?? ''}${name}`, points, duration };
    const memory = new RateLimiterMemory(options);
    return redis
      ? new RateLimiterRedis({ ...options, storeClient: redis.commands, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
  };
  return {
    maxCost: settings.maxCost,
    budget: redis ? redisCostBudget(redis, settings.budget) : memoryCostBudget(settings.budget),
    signIn: createSignInLimiter(
      counter('sign-in-account', settings.signIn.perAccount),
      counter('sign-in-address', settings.signIn.perAddress),
    ),
    guestReports: createGuestReportLimiter(
      counter('guest-reports-address', settings.guestReports.reportsPerAddress, settings.guestReports.windowSeconds),
      counter('guest-emails-recipient', settings.guestReports.emailsPerRecipient, settings.guestReports.windowSeconds),
    ),
  };
}
