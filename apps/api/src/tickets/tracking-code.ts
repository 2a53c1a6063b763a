// Tracking codes let a reporter who did not sign in follow one ticket. 256 bits, random or (for a
// report sent with an idempotency key) derived from a server secret; only the SHA-256 is stored, so
// a database leak does not leak access. Lookup is by hash, so there is no string comparison to time.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@studentdesk/db';
import type { Context } from '../context.js';

const PREFIX = 'sdt_';

export function newTrackingCode(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The one code of a report sent with an idempotency key: an HMAC of the caller's scope, the key
 * and the hash of the whole submission. A retry of the same submission gets the same code back,
 * so no second code is ever issued; only someone who sends the very same key and content (who
 * already knows the report) can obtain it, and without the secret nobody can compute it.
 */
export function submissionTrackingCode(secret: Uint8Array, submission: { scope: string; key: string; requestHash: string }): string {
  const message = JSON.stringify(['tracking-code', submission.scope, submission.key, submission.requestHash]);
  return PREFIX + createHmac('sha256', secret).update(message).digest('base64url');
}

export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

/** Stores a code for the ticket (a new random one unless given) and returns it; the only moment the code exists in clear. */
export async function issueTrackingCode(
  db: PrismaClient | Prisma.TransactionClient,
  ticketId: string,
  code = newTrackingCode(),
): Promise<string> {
  await db.trackingCode.create({ data: { ticketId, codeHash: hashTrackingCode(code) } });
  return code;
}

/** The ticket id a code opens, or null. */
export async function ticketIdForTrackingCode(prisma: PrismaClient, code: string): Promise<string | null> {
  if (!code.trim()) return null;
  const row = await prisma.trackingCode.findUnique({ where: { codeHash: hashTrackingCode(code) }, select: { ticketId: true } });
  return row?.ticketId ?? null;
}

/** The same for a code a caller sent: wrong ones count against the caller's address (limits/address-failures.ts). */
export async function openTrackingCode(ctx: Pick<Context, 'prisma' | 'app' | 'clientAddress'>, code: string): Promise<string | null> {
  if (!code.trim()) return null;
  const attempt = await ctx.app.limits.trackingCodes.attempt(ctx.clientAddress);
  const ticketId = await ticketIdForTrackingCode(ctx.prisma, code);
  if (ticketId) await attempt.succeeded();
  return ticketId;
}
