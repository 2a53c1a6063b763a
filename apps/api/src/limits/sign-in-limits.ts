// Sign-in attempts, counted before the password is checked (so a burst of concurrent guesses is
// counted as it arrives, not after), in memory or in Redis (limits.ts chooses):
// - one address guessing one account is locked out of that account for the window after
//   `perAccount` failures, even with the right password;
// - one address is locked out of every account after `perAddress` failures;
// - the account itself is never locked: after `perAccount` failures in the window, attempts from
//   addresses it has not signed in from wait a delay that doubles with each further attempt (up to
//   `maxDelaySeconds`), one attempt per delay for all of them together. Guessing from many
//   addresses slows to a crawl, while the owner signs in at once from an address they used before,
//   and from a new one after at most that delay.
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface SignInLimitSettings {
  /** Failures per account from one address before that address is locked out of it; also where the account's slowdown starts. */
  perAccount: number;
  /** Failures per IP address in a window; generous, as a school's students share few addresses. */
  perAddress: number;
  windowSeconds: number;
  /** The longest the account's growing delay gets. */
  maxDelaySeconds: number;
}

/** The stores sign-in counts live in (limits.ts creates them, in memory or Redis). */
export interface SignInCounters {
  /** Failures per account and address; points `perAccount`, the window's duration. */
  pairs: RateLimiterAbstract;
  /** Failures per address; points `perAddress`. */
  addresses: RateLimiterAbstract;
  /** Attempts per account from addresses it has not signed in from; never refuses by itself (the gates do). */
  accounts: RateLimiterAbstract;
  /** One point per account: the next attempt of a slowed-down account, for the current delay. */
  gates: RateLimiterAbstract;
  /** Account and address pairs that signed in successfully (two weeks). */
  knownAddresses: RateLimiterAbstract;
}

export interface SignInAttempt {
  /** The password was right: the address's failures with this account are forgiven, and it becomes known. */
  succeeded: () => Promise<void>;
}

export interface SignInLimiter {
  /** Counts an attempt before the password is checked; RATE_LIMITED when it may not be made now. */
  attempt: (account: string, address: string | undefined) => Promise<SignInAttempt>;
  /** The owner proved themselves another way (a password reset link): the address's failures with the account are forgiven. */
  forgive: (account: string, address: string | undefined) => Promise<void>;
}

// Two weeks: long enough for a student's usual places; shorter than the in-memory store's timer limit (24.8 days).
const KNOWN_ADDRESS_SECONDS = 14 * 86_400;
const LOCKED = 'Too many failed sign-ins. Wait a while, or reset your password.';
const SLOWED = 'This account had many failed sign-ins: wait a few seconds before trying again.';

/** rate-limiter-flexible rejects with its state when over the limit, or with an Error when the store fails. */
async function consumed(limiter: RateLimiterAbstract, key: string, options?: { customDuration: number }): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key, 1, options);
    return null;
  } catch (refusal) {
    if (refusal instanceof Error) throw refusal;
    return refusal as RateLimiterRes;
  }
}

/** The delay after `beyond` attempts past the threshold: 1 s, 2 s, 4 s … up to the maximum. */
export function accountDelaySeconds(beyond: number, maxDelaySeconds: number): number {
  return Math.min(maxDelaySeconds, 2 ** Math.min(Math.max(0, beyond - 1), 30));
}

export function createSignInLimiter(counters: SignInCounters, settings: SignInLimitSettings): SignInLimiter {
  const { pairs, addresses, accounts, gates, knownAddresses } = counters;
  const refund = (limiter: RateLimiterAbstract, key: string) => limiter.reward(key, 1).then(() => undefined);
  return {
    async forgive(account, address) {
      await pairs.delete(`${account}|${address ?? ''}`);
    },
    async attempt(account, address) {
      const pair = `${account}|${address ?? ''}`;
      if (address) {
        const refusal = await consumed(addresses, address);
        if (refusal) throw rateLimited(LOCKED, refusal.msBeforeNext);
      }
      const pairRefusal = await consumed(pairs, pair);
      if (pairRefusal) {
        if (address) await refund(addresses, address);
        throw rateLimited(LOCKED, pairRefusal.msBeforeNext);
      }
      let countedOnAccount = false;
      if (!(address && (await knownAddresses.get(pair)))) {
        const counted = await accounts.consume(account, 1);
        countedOnAccount = true;
        const beyond = counted.consumedPoints - settings.perAccount;
        if (beyond > 0) {
          const gateRefusal = await consumed(gates, account, { customDuration: accountDelaySeconds(beyond, settings.maxDelaySeconds) });
          if (gateRefusal) {
            // Not a guess: the password was not checked, so only the account's count (the delay) grows.
            await Promise.all([refund(pairs, pair), ...(address ? [refund(addresses, address)] : [])]);
            throw rateLimited(SLOWED, gateRefusal.msBeforeNext);
          }
        }
      }
      return {
        async succeeded() {
          await Promise.all([
            pairs.delete(pair),
            ...(address ? [refund(addresses, address), knownAddresses.set(pair, 1, KNOWN_ADDRESS_SECONDS)] : []),
            ...(countedOnAccount ? [refund(accounts, account)] : []),
          ]);
        },
      };
    },
  };
}
