// Guessing from one address: each try is counted before it is made and given back when it
// succeeds; after `perAddress` failed tries in the window the address waits (RATE_LIMITED).
// Tracking codes (trackTicket, a reply, reopen or rating with a code) and single sign-on callbacks
// are counted this way. Tracking codes have 256 random bits, so there this is depth, not the only
// defence; for single sign-on it keeps one address from making the API call the provider at will.
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface AddressFailureSettings {
  /** Failed tries per IP address in a window. */
  perAddress: number;
  windowSeconds: number;
}

export interface AddressAttempt {
  /** The try succeeded: it does not count. */
  succeeded: () => Promise<void>;
}

export interface AddressFailureLimiter {
  /** RATE_LIMITED when the address has failed too often. */
  attempt: (address: string | undefined) => Promise<AddressAttempt>;
}

const nothingToGiveBack: AddressAttempt = { succeeded: async () => {} };

/** `refusal` tells the person behind the address what happened, in plain words. */
export function createAddressFailureLimiter(failures: RateLimiterAbstract, refusal: string): AddressFailureLimiter {
  return {
    async attempt(address) {
      // In-process callers (tests, jobs) have no address.
      if (!address) return nothingToGiveBack;
      try {
        await failures.consume(address, 1);
      } catch (refused) {
        if (refused instanceof Error) throw refused;
        throw rateLimited(refusal, (refused as { msBeforeNext: number }).msBeforeNext);
      }
      return { succeeded: () => failures.reward(address, 1).then(() => undefined) };
    },
  };
}
