// What a password must be, in one place (NIST SP 800-63B §5.1.1.2): long enough, not absurdly long,
// not a password everyone tries first, not the account's own name, and no composition rules
// (no "one digit, one symbol"), which make passwords harder to remember and no harder to guess.
// Used wherever a password is chosen: changing it, resetting it, accepting an invitation.
import { readFileSync } from 'node:fs';
import { badInput } from '../errors.js';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase or password manager, short enough that hashing it stays cheap. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The 10,000 most common passwords of 8 characters or more, lower-cased, most common first: taken
 * from the ranked list in @zxcvbn-ts/language-common 4.1.3 (MIT; src/passwords.json), itself built
 * from leaked-password corpora. Shorter ones are refused by length anyway. The file sits outside
 * src/ so the same relative path works from src/ (tests) and dist/ (the built API).
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean),
);

/** Names too close to the account to be a secret: the product's, and the email's local part when it is not tiny. */
const MIN_LOCAL_PART = 3;

/** Throws BAD_USER_INPUT naming `field` when the password may not be used for the account with this email. */
export function checkNewPassword(password: string, email: string, field: string): void {
  // Characters as people count them (a code point each), not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw badInput(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters: a few words in a row work well.`, field);
  }
  if (length > PASSWORD_MAX_LENGTH) throw badInput(`Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`, field);
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) {
    throw badInput('This password is one of the most common ones, which are tried first: choose another.', field);
  }
  const localPart = email.trim().toLowerCase().split('@')[0] ?? '';
  if (lower.includes('studentdesk') || (localPart.length >= MIN_LOCAL_PART && lower.includes(localPart))) {
    throw badInput('A password should not contain your email address or the name of this site: choose another.', field);
  }
}
