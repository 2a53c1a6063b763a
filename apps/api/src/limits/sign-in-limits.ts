// Sign-in attempts: after too many failures an account, or an address, waits out a window before
// anyone may try again, even with the right password (else guessing would just go on). Counted
// with rate-limiter-flexible, in memory or in Redis (limits.ts chooses).
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface SignInLimitSettings {
  /** Failures per account in a window. */
  perAccount: number;
  /** Failures per IP address in a window; generous, as a school's students share few addresses. */
  perAddress: number;
  windowSeconds: number;
}

export interface SignInLimiter {
  /** RATE_LIMITED when the account or the address has failed too often. */
  check: (account: string, address: string | undefined) => Promise<void>;
  failed: (account: string, address: string | undefined) => Promise<void>;
  succeeded: (account: string) => Promise<void>;
}

export function createSignInLimiter(accounts: RateLimiterAbstract, addresses: RateLimiterAbstract): SignInLimiter {
  const keys = (account: string, address: string | undefined) => [
    [accounts, account] as const,
    ...(address ? [[addresses, address] as const] : []),
  ];
  return {
    async check(account, address) {
      for (const [limiter, key] of keys(account, address)) {
        const state = await limiter.get(key);
        if (state && state.consumedPoints >= limiter.points) {
          throw rateLimited('Too many failed sign-ins. Wait a while, or reset your password.', state.msBeforeNext);
        }
      }
    },
    async failed(account, address) {
      // consume() rejects once the points are gone; the window is what matters then.
      await Promise.all(keys(account, address).map(([limiter, key]) => limiter.consume(key).catch(() => undefined)));
    },
    async succeeded(account) {
      await accounts.delete(account);
    },
  };
}
