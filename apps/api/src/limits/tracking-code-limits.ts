// Guessing tracking codes: every lookup of a code (trackTicket, a reply, reopen or rating with a
// code, following a ticket by code) is counted per address before it is made, and given back when
// the code was right; after `perAddress` wrong codes in the window the address waits. The codes
// have 256 random bits, so this is depth, not the only defence.
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../errors.js';

export interface TrackingCodeLimitSettings {
  /** Wrong tracking codes per IP address in a window. */
  perAddress: number;
  windowSeconds: number;
}

export interface TrackingCodeLookup {
  /** The code was right: the lookup does not count. */
  found: () => Promise<void>;
}

export interface TrackingCodeLimiter {
  /** RATE_LIMITED when the address has tried too many wrong codes. */
  lookup: (address: string | undefined) => Promise<TrackingCodeLookup>;
}

const nothingToGiveBack: TrackingCodeLookup = { found: async () => {} };

export function createTrackingCodeLimiter(wrongCodes: RateLimiterAbstract): TrackingCodeLimiter {
  return {
    async lookup(address) {
      // In-process callers (tests, jobs) have no address.
      if (!address) return nothingToGiveBack;
      try {
        await wrongCodes.consume(address, 1);
      } catch (refusal) {
        if (refusal instanceof Error) throw refusal;
        throw rateLimited(
          'Too many tracking links that do not exist were tried from your network. Wait a while.',
          (refusal as { msBeforeNext: number }).msBeforeNext,
        );
      }
      return { found: () => wrongCodes.reward(address, 1).then(() => undefined) };
    },
  };
}
