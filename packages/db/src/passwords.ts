// The stored password format: scrypt$N$r$p$salt$hash (base64url). Parameters travel with each
// hash so they can be raised later without invalidating existing passwords.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { passwordProblem } from '@studentdesk/domain';

const N = 2 ** 15;
const r = 8;
const p = 1;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const maxmem = (n: number, blockSize: number) => 256 * n * blockSize;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, blockSize, parallel, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !blockSize || !parallel || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(blockSize),
    p: Number(parallel),
    maxmem: maxmem(Number(n), Number(blockSize)),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The 10,000 most common passwords of 8 characters or more, lower-cased, most common first: taken
 * from the ranked list in @zxcvbn-ts/language-common 4.1.3 (MIT; src/passwords.json), itself built
 * from leaked-password corpora. Shorter ones are refused by length anyway. data/ sits beside src/
 * and dist/, so the same relative path works from both.
 */
let commonPasswords: ReadonlySet<string> | undefined;
const isCommonPassword = (password: string) =>
  (commonPasswords ??= new Set(
    readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  )).has(password.toLowerCase());

/** Why a new password for the account with this email may not be used, or undefined: the whole policy. */
export function newPasswordProblem(password: string, email: string): string | undefined {
  return (
    passwordProblem(password, email) ??
    (isCommonPassword(password) ? 'This password is one of the most common ones, which are tried first: choose another.' : undefined)
  );
}
