// The AuthnRequests this service sent, so that each IdP answer is for one of them, is used once,
// and arrives in time; and the assertions that answered, so none is accepted twice.
import type { PrismaClient } from '@studentdesk/db';
import { isUniqueViolation } from '../errors.js';
import { FLOW_TTL_SECONDS } from './sign-in-flow.js';

export async function rememberRequest(prisma: PrismaClient, id: string, now: Date): Promise<void> {
  await prisma.samlRequest.create({ data: { id, createdAt: now, expiresAt: new Date(now.getTime() + FLOW_TTL_SECONDS * 1000) } });
}

export type Spent = 'spent' | 'unknown_request' | 'replayed';

/** Marks the request answered by the assertion; of two answers at once, one wins. */
export async function spendRequest(prisma: PrismaClient, requestId: string, assertionId: string, now: Date): Promise<Spent> {
  try {
    const { count } = await prisma.samlRequest.updateMany({
      where: { id: requestId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, assertionId },
    });
    if (count === 1) return 'spent';
  } catch (error) {
    // The assertion answered another request already.
    if (isUniqueViolation(error)) return 'replayed';
    throw error;
  }
  const request = await prisma.samlRequest.findUnique({ where: { id: requestId }, select: { usedAt: true } });
  return request?.usedAt ? 'replayed' : 'unknown_request';
}
