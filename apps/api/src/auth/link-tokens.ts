// Secrets sent by email in a link (a password reset, an invitation): 256 random bits, of which only
// the SHA-256 is stored, so a database leak opens no account. They are looked up by hash, so there
// is no comparison of secrets to time.
import { createHash, randomBytes } from 'node:crypto';

/** A new token, with a prefix that tells people (and secret scanners) what it is. */
export function newLinkToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token.trim()).digest('hex');
}

/** Each kind of link token starts with its own prefix. */
export const LINK_TOKEN_PREFIX = { passwordReset: 'sdr_', invitation: 'sdi_' } as const;

/** The text with every token of this kind replaced by a placeholder, for views of a message meant for one person. */
export function hideLinkTokens(text: string, prefix: string): string {
  return text.replaceAll(new RegExp(`${prefix}[\\w-]+`, 'g'), `${prefix}(hidden)`);
}

/** The text with every kind of link token hidden: what the outbox keeps of an email once it is sent. */
export function hideEveryLinkToken(text: string): string {
  return Object.values(LINK_TOKEN_PREFIX).reduce(hideLinkTokens, text);
}
