// The first-run setup link's secret. While the database has no active admin, each start issues a
// fresh one (replacing an unused one) and prints the link; only its SHA-256 is stored. Issuing and
// completing setup take the same advisory lock, so several processes starting at once, or two
// people completing at once, cannot end with two live links or two first admins.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@studentdesk/db';

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60_000;
/** An arbitrary key that only first-run setup takes. */
const SETUP_LOCK = 7_202_616;

export const hashSetupToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const takeSetupLock = (tx: Prisma.TransactionClient) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);

export const hasActiveAdmin = async (tx: Prisma.TransactionClient) =>
  (await tx.user.count({ where: { role: 'ADMIN', deactivatedAt: null } })) > 0;

/** A new setup token when the database has no active admin; undefined otherwise. */
export function issueSetupToken(prisma: PrismaClient, now: Date): Promise<string | undefined> {
  return prisma.$transaction(async (tx) => {
    await takeSetupLock(tx);
    if (await hasActiveAdmin(tx)) return undefined;
    await tx.setupToken.deleteMany({ where: { usedAt: null } });
    const token = randomBytes(32).toString('base64url');
    await tx.setupToken.create({
      data: { tokenHash: hashSetupToken(token), createdAt: now, expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS) },
    });
    return token;
  });
}

/** Where the token is read: the console's setup page. In the fragment, it stays out of server and proxy logs. */
export const setupLink = (publicUrl: string, token: string) => `${publicUrl}/console/setup#token=${token}`;

/** At start: issues a token if there is no admin and says the link where an operator will see it. */
export async function announceSetupLink(
  prisma: PrismaClient,
  publicUrl: string,
  logger: { warn: (fields: object, message: string) => void },
): Promise<string | undefined> {
  const token = await issueSetupToken(prisma, new Date());
  if (!token) return undefined;
  const link = setupLink(publicUrl, token);
  logger.warn({ setupLink: link }, 'no admin yet: open the setup link to name the school and create the first admin');
  console.log(
    `\n  StudentDesk has no admin yet. Open this link within 24 hours to set it up (single use):\n\n    ${link}\n\n  Or create an admin with: pnpm --filter @studentdesk/db create-admin -- --email you@school.edu --name "Your Name"\n`,
  );
  return link;
}
