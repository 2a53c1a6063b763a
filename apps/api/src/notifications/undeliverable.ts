// Addresses that must never be written to: an erased person's placeholder (privacy/erasure.service.ts).
// The .invalid top-level domain can never receive mail (RFC 2606), and the outbox skips it anyway.
const ERASED_DOMAIN = 'erased.invalid';

/** The unique, non-deliverable address an erased account and its tickets keep. */
export const erasedAddress = (userId: string) => `erased-${userId}@${ERASED_DOMAIN}`;

export const isUndeliverable = (address: string) => address.toLowerCase().endsWith('.invalid');
