// Retention rules: what the school keeps no longer than it must. Admins set each rule's age and
// switch it on; the retention job (background-work.ts, daily) applies the enabled ones with the
// app's clock. A preview counts what a rule would remove now, with sample ids, and removes nothing.
//
// Deletes go in batches of RETENTION_BATCH rows, each its own short transaction, so a million old
// tickets never hold locks for long nor one giant transaction; a run that stops half way just
// leaves the rest for the next run. Each batch sets studentdesk.keep_satisfaction_days, so the
// school's satisfaction and SLA numbers (SatisfactionDay) keep counting the deleted tickets
// (migration 20261208070000_privacy).
import { Prisma, type PrismaClient, type RetentionRule as RetentionRuleRow, RetentionRuleKind } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { anonymous } from '../auth/viewer.js';
import type { Clock } from '../clock.js';

export const RETENTION_BATCH = 500;
/** Rules never remove anything younger than this: a typo of "3" meant as years must not empty the desk. */
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 36_500;
export const RETENTION_SAMPLE = 10;
const DAY_MS = 86_400_000;

export const RETENTION_RULE_MEANINGS: Record<RetentionRuleKind, string> = {
  CLOSED_TICKETS:
    'Tickets closed longer ago than the rule’s days are deleted, with their conversation, history, rating and tracking links. Satisfaction and SLA numbers keep counting them.',
  INACTIVE_STUDENTS:
    'Student accounts deactivated or erased longer ago than the rule’s days, that reported no ticket, are deleted with their sign-ins and emails.',
};

/** A rule nobody has set yet: off, at these days. */
const DEFAULT_DAYS: Record<RetentionRuleKind, number> = { CLOSED_TICKETS: 5 * 365, INACTIVE_STUDENTS: 2 * 365 };

export const RETENTION_KINDS = Object.values(RetentionRuleKind);

export type RetentionRuleView = Omit<RetentionRuleRow, 'updatedAt'> & { updatedAt: Date | null };

/** Every rule, set or not (an unset one is off at its default days). */
export async function retentionRules(prisma: PrismaClient): Promise<RetentionRuleView[]> {
  const rows = new Map((await prisma.retentionRule.findMany()).map((row) => [row.kind, row]));
  return RETENTION_KINDS.map(
    (kind) =>
      rows.get(kind) ?? { kind, afterDays: DEFAULT_DAYS[kind], enabled: false, updatedAt: null, lastRunAt: null, lastRunDeleted: null },
  );
}

export const cutoffOf = (now: Date, afterDays: number) => new Date(now.getTime() - afterDays * DAY_MS);

/** The ids a rule removes, oldest id first, at most `limit`; locked for the caller's delete when `lock`. */
function expiredIds(db: Prisma.TransactionClient | PrismaClient, kind: RetentionRuleKind, before: Date, limit: number, lock = false) {
  const locking = lock ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  switch (kind) {
    case 'CLOSED_TICKETS':
      return db.$queryRaw<Array<{ id: string }>>`
        SELECT "id" FROM "Ticket" WHERE "status" = 'CLOSED' AND "closedAt" < ${before}
        ORDER BY "id" LIMIT ${limit} ${locking}`;
    case 'INACTIVE_STUDENTS':
      return db.$queryRaw<Array<{ id: string }>>`
        SELECT u."id" FROM "User" u
        WHERE u."role" = 'STUDENT' AND u."deactivatedAt" < ${before}
          AND NOT EXISTS (SELECT 1 FROM "Ticket" t WHERE t."requesterId" = u."id" OR t."contactEmail" = lower(u."email"))
        ORDER BY u."id" LIMIT ${limit} ${locking}`;
  }
}

function countExpired(prisma: PrismaClient, kind: RetentionRuleKind, before: Date): Promise<number> {
  switch (kind) {
    case 'CLOSED_TICKETS':
      return prisma.ticket.count({ where: { status: 'CLOSED', closedAt: { lt: before } } });
    case 'INACTIVE_STUDENTS':
      return prisma.$queryRaw<Array<{ count: number }>>`
        SELECT count(*)::int AS "count" FROM "User" u
        WHERE u."role" = 'STUDENT' AND u."deactivatedAt" < ${before}
          AND NOT EXISTS (SELECT 1 FROM "Ticket" t WHERE t."requesterId" = u."id" OR t."contactEmail" = lower(u."email"))`.then(
        (rows) => rows[0]!.count,
      );
  }
}

export interface RetentionPreview {
  kind: RetentionRuleKind;
  afterDays: number;
  /** Rows older than this go. */
  cutoff: Date;
  count: number;
  /** Database ids of the first few rows that would go (tickets or users). */
  sampleIds: string[];
}

/** What the rule would remove now: counts and samples, nothing written. */
export async function previewRetention(
  prisma: PrismaClient,
  kind: RetentionRuleKind,
  afterDays: number,
  now: Date,
): Promise<RetentionPreview> {
  const cutoff = cutoffOf(now, afterDays);
  const [count, sample] = await Promise.all([countExpired(prisma, kind, cutoff), expiredIds(prisma, kind, cutoff, RETENTION_SAMPLE)]);
  return { kind, afterDays, cutoff, count, sampleIds: sample.map((row) => row.id) };
}

/** Deletes one batch in its own transaction; returns how many went. */
async function deleteBatch(prisma: PrismaClient, kind: RetentionRuleKind, before: Date): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('studentdesk.keep_satisfaction_days', 'on', true)`;
    const ids = (await expiredIds(tx, kind, before, RETENTION_BATCH, true)).map((row) => row.id);
    if (!ids.length) return 0;
    if (kind === 'CLOSED_TICKETS') return (await tx.ticket.deleteMany({ where: { id: { in: ids } } })).count;
    const emails = (await tx.user.findMany({ where: { id: { in: ids } }, select: { email: true } })).map((user) =>
      user.email.toLowerCase(),
    );
    await tx.emailMessage.deleteMany({ where: { toAddress: { in: emails } } });
    await tx.invitation.deleteMany({ where: { email: { in: emails } } });
    await tx.incidentFollower.deleteMany({ where: { email: { in: emails } } });
    return (await tx.user.deleteMany({ where: { id: { in: ids } } })).count;
  });
}

export type RetentionRun = Partial<Record<RetentionRuleKind, number>>;

/** The job: applies every enabled rule, batch after batch; records each rule's run. Returns rows removed per rule. */
export async function applyRetention(prisma: PrismaClient, clock: Clock): Promise<RetentionRun> {
  const run: RetentionRun = {};
  for (const rule of await prisma.retentionRule.findMany({ where: { enabled: true } })) {
    const now = clock.now();
    const before = cutoffOf(now, rule.afterDays);
    let deleted = 0;
    for (;;) {
      const batch = await deleteBatch(prisma, rule.kind, before);
      deleted += batch;
      if (batch < RETENTION_BATCH) break;
    }
    run[rule.kind] = deleted;
    await prisma.$transaction(async (tx) => {
      await tx.retentionRule.update({ where: { kind: rule.kind }, data: { lastRunAt: now, lastRunDeleted: deleted } });
      if (deleted) {
        await recordAudit(
          tx,
          { viewer: anonymous, app: { clock } },
          {
            action: AuditAction.RETENTION_APPLIED,
            details: { rule: rule.kind, afterDays: rule.afterDays, cutoff: before.toISOString(), deleted },
          },
        );
      }
    });
  }
  return run;
}
