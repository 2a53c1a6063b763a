// "Forgot password" requests: without caps anyone could make the school's mail server write reset
// emails to any address, as often as they like, or sweep the desk with requests from one address.
// Counted per hour with rate-limiter-flexible, in memory or in Redis (limits.ts chooses). The
// recipient is counted whether or not it has an account, so the answer never tells which do.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface PasswordResetLimitSettings {
  /** Requests per caller address in a window. */
  requestsPerAddress: number;
  /** Reset emails to one address in a window. */
  emailsPerRecipient: number;
  windowSeconds: number;
}

export interface PasswordResetLimiter {
  /** Counts a request from the address; RATE_LIMITED once the address has made its window's worth. */
  request: (address: string | undefined) => Promise<void>;
  /** Whether one more reset email may go to the recipient in this window (counting it if so). */
  mayEmail: (recipient: string) => Promise<boolean>;
}

export function createPasswordResetLimiter(addresses: RateLimiterAbstract, recipients: RateLimiterAbstract): PasswordResetLimiter {
  return {
    async request(address) {
      if (!address) return;
      try {
        await addresses.consume(address);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw rateLimited('Too many password reset requests from your network. Try again later.', refusal.msBeforeNext);
      }
    },
    async mayEmail(recipient) {
      return recipients.consume(recipient).then(
        () => true,
        (refusal: unknown) => {
          if (refusal instanceof RateLimiterRes) return false;
          throw refusal;
        },
      );
    },
  };
}
