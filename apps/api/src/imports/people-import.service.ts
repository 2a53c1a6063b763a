// Importing students and staff from a CSV file: a dry run that writes nothing, then the import,
// which writes every accepted row in one transaction with a few set-based statements (INSERT …
// SELECT FROM unnest, UPDATE … FROM unnest, INSERT … ON CONFLICT), so 50,000 rows take seconds.
// Imported people get no password: students sign in with single sign-on or set one through
// "forgot password", like staff, whose rows also place them in their departments.
import { uuidv7, type PrismaClient } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, ClientError, ErrorCode, isUniqueViolation } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import * as peoplePolicy from '../people/people.policy.js';
import { planPeopleImport, type ImportOutcome, type ImportPlan, type PersonWrite, type PlannedRow } from './people-import.plan.js';

/** A whole import may take this long inside its transaction (50,000 rows need a few seconds). */
const IMPORT_TIMEOUT_MS = 120_000;
/** One import at a time: two at once could both plan to create the same person. */
const IMPORT_LOCK = 'studentdesk:people-import';

export interface PeopleImportResult extends ImportPlan {
  /** Whether the accepted rows were written (false for a dry run). */
  applied: boolean;
}

/** The dry run: what importing the file would do to each row. Writes nothing. */
export async function previewPeopleImport(ctx: Context, csv: string): Promise<PeopleImportResult> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  return { ...(await planPeopleImport(ctx.prisma, csv)), applied: false };
}

/**
 * Creates and updates the people of the file, all or nothing. With rejected rows it writes nothing
 * (BAD_USER_INPUT naming how many) unless `acceptRejected`, when it writes the other rows only.
 */
export async function importPeople(ctx: Context, csv: string, acceptRejected: boolean): Promise<PeopleImportResult> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  try {
    const plan = await ctx.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
        const planned = await planPeopleImport(tx, csv);
        if (planned.totals.REJECT > 0 && !acceptRejected) {
          const count = planned.totals.REJECT;
          throw new ClientError(
            ErrorCode.BAD_USER_INPUT,
            `${count} row${count > 1 ? 's are' : ' is'} rejected, so nothing was imported: fix ${count > 1 ? 'them' : 'it'}, or confirm to import the other rows.`,
            { field: 'csv', rejected: count },
          );
        }
        await writePeople(tx, planned, ctx.app.clock.now());
        const { CREATE, UPDATE, UNCHANGED, REJECT } = planned.totals;
        await recordAudit(tx, ctx, {
          action: AuditAction.PEOPLE_IMPORTED,
          details: { created: CREATE, updated: UPDATE, unchanged: UNCHANGED, rejected: REJECT },
        });
        return planned;
      },
      { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_TIMEOUT_MS },
    );
    ctx.loaders.memberships.clearAll();
    ctx.loaders.user.clearAll();
    return { ...plan, applied: true };
  } catch (error) {
    // Someone created one of these people (or took a student number) between planning and writing.
    if (isUniqueViolation(error)) {
      throw new ClientError(ErrorCode.BAD_USER_INPUT, 'Someone changed these people while the import ran: preview the file again.', {
        field: 'csv',
      });
    }
    throw error;
  }
}

/** A page of the planned rows, those with the outcome only when one is given. */
export function importRowsPage(rows: PlannedRow[], outcome: ImportOutcome | null, first: number, offset: number): PlannedRow[] {
  if (first < 0 || first > LIST_MAXIMUM.importRows) throw badInput(`Ask for 0 to ${LIST_MAXIMUM.importRows} rows.`, 'first');
  if (offset < 0) throw badInput('The offset cannot be negative.', 'offset');
  const matching = outcome ? rows.filter((row) => row.outcome === outcome) : rows;
  return matching.slice(offset, offset + first);
}

type Db = Pick<PrismaClient, '$executeRaw'>;

/** Writes the plan's creates and updates and their memberships: five statements, whatever the size. */
export async function writePeople(db: Db, plan: Pick<ImportPlan, 'creates' | 'updates'>, now: Date): Promise<void> {
  const created = plan.creates.map((person) => ({ ...person, id: uuidv7(now.getTime()) }));
  const column = <Key extends keyof PersonWrite>(people: PersonWrite[], key: Key) => people.map((person) => person[key]);
  if (created.length) {
    await db.$executeRaw`
      INSERT INTO "User" ("id", "email", "name", "role", "studentNumber", "createdAt")
      SELECT "id", "email", "name", "role", "studentNumber", ${now}
      FROM unnest(${column(created, 'id')}::uuid[], ${column(created, 'email')}::text[], ${column(created, 'name')}::text[],
                  ${column(created, 'role')}::"Role"[], ${column(created, 'studentNumber')}::text[])
        AS row("id", "email", "name", "role", "studentNumber")`;
  }
  if (plan.updates.length) {
    await db.$executeRaw`
      UPDATE "User" u SET "name" = row."name", "role" = row."role", "studentNumber" = row."studentNumber"
      FROM unnest(${column(plan.updates, 'id')}::uuid[], ${column(plan.updates, 'name')}::text[],
                  ${column(plan.updates, 'role')}::"Role"[], ${column(plan.updates, 'studentNumber')}::text[])
        AS row("id", "name", "role", "studentNumber")
      WHERE u."id" = row."id"`;
  }
  const memberships = [...created, ...plan.updates].flatMap((person) =>
    // A millisecond apart, so the department listed first is the person's primary one.
    person.memberships.map((membership, index) => ({ userId: person.id!, ...membership, createdAt: new Date(now.getTime() + index) })),
  );
  if (memberships.length) {
    await db.$executeRaw`
      INSERT INTO "DepartmentMembership" ("userId", "departmentId", "role", "createdAt")
      SELECT "userId", "departmentId", "role", "createdAt"
      FROM unnest(${memberships.map((row) => row.userId)}::uuid[], ${memberships.map((row) => row.departmentId)}::uuid[],
                  ${memberships.map((row) => row.role)}::"DepartmentRole"[], ${memberships.map((row) => row.createdAt)}::timestamptz[])
        AS row("userId", "departmentId", "role", "createdAt")
      ON CONFLICT ("userId", "departmentId") DO UPDATE SET "role" = EXCLUDED."role"`;
  }
}
