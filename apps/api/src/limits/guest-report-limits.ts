// Reports from people who did not sign in, and the tracking emails they cause: without caps anyone
// could make the school's mail server write to any address, as often as they like. Counted per hour
// with rate-limiter-flexible, in memory or in Redis (limits.ts chooses), like sign-in failures.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface GuestReportLimitSettings {
  /** Guest reports per caller address in a window; generous, as a school's students share few addresses. */
  reportsPerAddress: number;
  /** Tracking-link emails to one recipient in a window. */
  emailsPerRecipient: number;
  windowSeconds: number;
}

export interface GuestReportLimiter {
  /** Counts a guest report from the address; RATE_LIMITED once the address has sent its window's worth. */
  report: (address: string | undefined) => Promise<void>;
  /** Whether one more tracking email may go to the recipient in this window (counting it if so). */
  mayEmail: (recipient: string) => Promise<boolean>;
}

export function createGuestReportLimiter(addresses: RateLimiterAbstract, recipients: RateLimiterAbstract): GuestReportLimiter {
  return {
    async report(address) {
      // Over websockets there is no address; the per-recipient email cap still holds there.
      if (!address) return;
      try {
        await addresses.consume(address);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw rateLimited('Too many reports from your network without signing in. Sign in, or try again later.', refusal.msBeforeNext);
      }
    },
    async mayEmail(recipient) {
      return recipients.consume(recipient.toLowerCase()).then(
        () => true,
        () => false,
      );
    },
  };
}
