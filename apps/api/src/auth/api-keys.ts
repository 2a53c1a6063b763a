// API keys for the school's other systems: `sdk_` and 43 random characters, shown once; only the
// SHA-256 is stored (the key is random enough that a slow hash adds nothing). Checked on every
// request, uncached, so a revoked key stops working at once in every API process.
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey as ApiKeyRow, PrismaClient } from '@studentdesk/db';

const KEY_PREFIX = 'sdk_';
/** Characters kept in the clear so people can tell keys apart ("sdk_Ab3dE9xQ"). */
const SHOWN_LENGTH = KEY_PREFIX.length + 8;
/** lastUsedAt is written at most this often per key: one write a minute, not one per request. */
const LAST_USED_PRECISION_MS = 60_000;

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export const looksLikeApiKey = (token: string) => token.startsWith(KEY_PREFIX);

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, SHOWN_LENGTH), keyHash: hashApiKey(key) };
}

/** The key's row if it exists, is not revoked and has not expired; null otherwise. */
export async function authenticateApiKey(prisma: PrismaClient, key: string, now = new Date()): Promise<ApiKeyRow | null> {
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    row.lastUsedAt = now;
  }
  return row;
}
