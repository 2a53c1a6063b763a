// Requests that make the school's mail server write to an address someone typed: a report without
// signing in (its tracking link), "forgot password", "lost my ticket link". Without caps anyone
// could have us write to any address, as often as they like, or sweep the desk from one address.
// Counted per window with rate-limiter-flexible, in memory or in Redis (limits.ts chooses). The
// recipient is counted whether or not the address is known, so the answer never tells which are.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface EmailedRequestLimitSettings {
  /** Requests per caller address in a window; generous, as a school's students share few addresses. */
  requestsPerAddress: number;
  /** Emails to one recipient in a window. */
  emailsPerRecipient: number;
  windowSeconds: number;
}

export interface AddressRequestLimiter {
  /** Counts a request from the address; RATE_LIMITED once the address has made its window's worth. */
  request: (address: string | undefined) => Promise<void>;
}

export interface EmailedRequestLimiter extends AddressRequestLimiter {
  /** Whether one more email may go to the recipient in this window (counting it if so). */
  mayEmail: (recipient: string) => Promise<boolean>;
}

/** Requests per caller address (a guest's uploads, say); `tooMany` is the RATE_LIMITED message past the cap. */
export function createAddressRequestLimiter(addresses: RateLimiterAbstract, tooMany: string): AddressRequestLimiter {
  return {
    async request(address) {
      // Over websockets there is no address; the per-recipient email cap still holds there.
      if (!address) return;
      try {
        await addresses.consume(address);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw rateLimited(tooMany, refusal.msBeforeNext);
      }
    },
  };
}

/** `tooMany` is the RATE_LIMITED message for an address over its requests. */
export function createEmailedRequestLimiter(
  addresses: RateLimiterAbstract,
  recipients: RateLimiterAbstract,
  tooMany: string,
): EmailedRequestLimiter {
  return {
    ...createAddressRequestLimiter(addresses, tooMany),
    async mayEmail(recipient) {
      return recipients.consume(recipient.trim().toLowerCase()).then(
        () => true,
        (refusal: unknown) => {
          if (refusal instanceof RateLimiterRes) return false;
          throw refusal;
        },
      );
    },
  };
}
