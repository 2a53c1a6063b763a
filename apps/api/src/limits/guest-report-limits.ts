// Reports from people who did not sign in, and the tracking emails they cause: without caps anyone
// could make the school's mail server write to any address, as often as they like. Counted per hour
// with rate-limiter-flexible, in memory or in Redis (limits.ts chooses), like sign-in failures.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface GuestReportLimitSettings {
  /** Guest reports per caller address in a window; generous, as a school's students share few addresses. */
  reportsPerAddress: number;
  /** Files uploaded per caller address in a window, for guest reports and replies by tracking link. */
  uploadsPerAddress: number;
  /** Tracking-link emails to one recipient in a window. */
  emailsPerRecipient: number;
  windowSeconds: number;
}

export interface GuestReportLimiter {
  /** Counts a guest report from the address; RATE_LIMITED once the address has sent its window's worth. */
  report: (address: string | undefined) => Promise<void>;
  /** Counts a guest's upload from the address; RATE_LIMITED once the address has sent its window's worth. */
  upload: (address: string | undefined) => Promise<void>;
  /** Whether one more tracking email may go to the recipient in this window (counting it if so). */
  mayEmail: (recipient: string) => Promise<boolean>;
}

/** Counts one more from the address; RATE_LIMITED with `message` once it has sent its window's worth. */
async function countFrom(addresses: RateLimiterAbstract, address: string | undefined, message: string): Promise<void> {
  // Over websockets there is no address; the per-recipient email cap still holds there.
  if (!address) return;
  try {
    await addresses.consume(address);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    throw rateLimited(message, refusal.msBeforeNext);
  }
}

export function createGuestReportLimiter(
  addresses: RateLimiterAbstract,
  recipients: RateLimiterAbstract,
  uploads: RateLimiterAbstract,
): GuestReportLimiter {
  return {
    report: (address) =>
      countFrom(addresses, address, 'Too many reports from your network without signing in. Sign in, or try again later.'),
    upload: (address) =>
      countFrom(uploads, address, 'Too many files uploaded from your network without signing in. Sign in, or try again later.'),
    async mayEmail(recipient) {
      return recipients.consume(recipient.toLowerCase()).then(
        () => true,
        () => false,
      );
    },
  };
}
