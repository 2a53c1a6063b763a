// Tracking codes let a reporter who did not sign in follow one ticket. 256 random bits; only the
// SHA-256 is stored, so a database leak does not leak access. Lookup is by hash, so there is no
// string comparison to time.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@studentdesk/db';

const PREFIX = 'sdt_';

export function newTrackingCode(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

/** Stores a new code for the ticket and returns it; the only moment the code exists in clear. */
export async function issueTrackingCode(db: PrismaClient | Prisma.TransactionClient, ticketId: string): Promise<string> {
  const code = newTrackingCode();
  await db.trackingCode.create({ data: { ticketId, codeHash: hashTrackingCode(code) } });
  return code;
}

/** The ticket id a code opens, or null. */
export async function ticketIdForTrackingCode(prisma: PrismaClient, code: string): Promise<string | null> {
  if (!code.trim()) return null;
  const row = await prisma.trackingCode.findUnique({ where: { codeHash: hashTrackingCode(code) }, select: { ticketId: true } });
  return row?.ticketId ?? null;
}
