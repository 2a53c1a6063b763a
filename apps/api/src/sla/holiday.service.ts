// Closing days: added by hand or imported from an iCal feed, for one department or the whole
// school. Re-importing a feed is idempotent: an event's days are matched by its UID, so a renamed
// event renames its days, a moved one moves them, and nothing is added twice.
import type { Holiday as HolidayRow, Prisma } from '@studentdesk/db';
import { recordAudit } from '../audit/audit.js';
import { AuditAction } from '../audit/audit-action.js';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, isUniqueViolation, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { listOrder, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';
import { fetchHolidayFeed } from './holiday-feed.js';
import { IcalError, parseIcal } from './ical.js';
import * as slaPolicy from './sla.policy.js';
import { loadDepartment } from './sla.service.js';
import { HolidayChange, type AddHolidayInput, type HolidayImport, type HolidayImportDay, type HolidayImportInput } from './sla.type.js';

type Tx = Prisma.TransactionClient;

/** "2026-12-25" as the Date a DATE column holds, or BAD_USER_INPUT naming `field`. */
export function parseLocalDate(value: string, field: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(`${match[0]}T00:00:00Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[0])
    throw badInput('Give the date as YYYY-MM-DD, e.g. 2026-12-25.', field);
  const year = date.getUTCFullYear();
  if (year < 2000 || year > 2100) throw badInput('Give a date between the years 2000 and 2100.', field);
  return date;
}

export const holidayDate = (row: Pick<HolidayRow, 'date'>) => row.date.toISOString().slice(0, 10);

/** The department a request names (null: the school-wide scope). */
async function scopeOf(ctx: Context, departmentId: string | null | undefined): Promise<string | null> {
  return departmentId ? (await loadDepartment(ctx, departmentId)).id : null;
}

const HOLIDAY_ORDER = listOrder<HolidayRow>('holidays', [
  { column: 'date', kind: 'time' },
  { column: 'id', kind: 'uuid' },
]);

/** A department's holidays and the school-wide ones (or the school-wide ones alone), from `from` on, by date. */
export async function listHolidays(ctx: Context, departmentId: string | null | undefined, from: string | null | undefined, page: PageArgs) {
  enforce(slaPolicy.canRead(ctx.viewer));
  const scope = await scopeOf(ctx, departmentId);
  const where: Prisma.HolidayWhereInput = {
    OR: [{ departmentId: null }, ...(scope ? [{ departmentId: scope }] : [])],
    ...(from ? { date: { gte: parseLocalDate(from, 'from') } } : {}),
  };
  return paginate(pageRequest(page, HOLIDAY_ORDER), (window) =>
    ctx.prisma.holiday.findMany({ where: { AND: [where, window.prismaWhere()] }, orderBy: window.prismaOrderBy(), take: window.limit }),
  );
}

export async function addHoliday(ctx: Context, input: AddHolidayInput): Promise<HolidayRow> {
  const scope = await scopeOf(ctx, input.departmentId);
  enforce(slaPolicy.canManage(ctx.viewer, scope));
  const date = parseLocalDate(input.date, 'date');
  const name = input.name.trim();
  if (!name) throw badInput('Name the holiday.', 'name');
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const holiday = await tx.holiday.create({ data: { departmentId: scope, date, name } });
      await recordAudit(tx, ctx, {
        action: AuditAction.HOLIDAY_ADDED,
        subject: { type: 'Holiday', id: holiday.id },
        details: { departmentId: scope, date: holidayDate(holiday) },
      });
      return holiday;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('There is already a holiday on this date.', 'date');
    throw error;
  }
}

export async function removeHoliday(ctx: Context, globalId: string): Promise<HolidayRow> {
  const row = await ctx.prisma.holiday.findUnique({ where: { id: fromGlobalId(globalId, 'Holiday', 'id') } });
  if (!row) throw notFound('There is no holiday with this ID.');
  enforce(slaPolicy.canManage(ctx.viewer, row.departmentId));
  await ctx.prisma.$transaction(async (tx) => {
    await tx.holiday.delete({ where: { id: row.id } });
    await recordAudit(tx, ctx, {
      action: AuditAction.HOLIDAY_REMOVED,
      subject: { type: 'Holiday', id: row.id },
      details: { departmentId: row.departmentId, date: holidayDate(row) },
    });
  });
  return row;
}

const DAY_MS = 86_400_000;
/** Repeating holidays are imported for two years ahead; importing the feed again extends them. */
const REPEAT_HORIZON_DAYS = 2 * 366;

interface Plan {
  result: HolidayImport;
  add: Prisma.HolidayCreateManyInput[];
  rename: Array<{ id: string; name: string }>;
  remove: string[];
}

/** What importing `text` into `scope` changes, against the holidays there now (read through `db`). */
async function planImport(db: Tx, scope: string | null, text: string, field: 'ics' | 'url', now: Date): Promise<Plan> {
  let feed;
  try {
    feed = parseIcal(text, { repeatHorizonDay: Math.floor(now.getTime() / DAY_MS) + REPEAT_HORIZON_DAYS });
  } catch (error) {
    if (error instanceof IcalError) throw badInput(`This is not a calendar StudentDesk can read. ${error.message}`, field);
    throw error;
  }
  const dates = feed.holidays.flatMap((holiday) => holiday.dates.map((date) => new Date(`${date}T00:00:00Z`)));
  const existing = await db.holiday.findMany({
    where: {
      departmentId: scope,
      OR: [{ uid: { in: feed.holidays.map((holiday) => holiday.uid) } }, { date: { in: dates } }],
    },
  });
  const plan: Plan = {
    result: { applied: false, calendarName: feed.calendarName, days: [], skipped: feed.skipped, added: 0, removed: 0 },
    add: [],
    rename: [],
    remove: [],
  };
  const day = (date: string, name: string, change: HolidayChange, takenBy: string | null = null): HolidayImportDay => ({
    date,
    name,
    change,
    takenBy,
  });
  // Days an event had when imported before and no longer has (it moved or shrank) go first, so
  // another event of the feed may take their date.
  const feedUids = new Set(feed.holidays.map((holiday) => holiday.uid));
  const feedDays = new Set(feed.holidays.flatMap((holiday) => holiday.dates.map((date) => `${holiday.uid}\n${date}`)));
  const byDate = new Map<string, HolidayRow>();
  for (const row of existing) {
    if (row.uid && feedUids.has(row.uid) && !feedDays.has(`${row.uid}\n${holidayDate(row)}`)) {
      plan.remove.push(row.id);
      plan.result.days.push(day(holidayDate(row), row.name, HolidayChange.REMOVE));
    } else {
      byDate.set(holidayDate(row), row);
    }
  }
  // Two events of the feed on one date: the first one names the day.
  const claimedBy = new Map<string, string>();
  for (const holiday of feed.holidays) {
    for (const date of holiday.dates) {
      const there = byDate.get(date);
      const claimer = claimedBy.get(date);
      if (claimer !== undefined) {
        plan.result.days.push(day(date, holiday.name, HolidayChange.TAKEN, claimer));
      } else if (!there) {
        plan.add.push({ departmentId: scope, date: new Date(`${date}T00:00:00Z`), name: holiday.name, uid: holiday.uid });
        plan.result.days.push(day(date, holiday.name, HolidayChange.ADD));
      } else if (there.uid !== holiday.uid) {
        plan.result.days.push(day(date, holiday.name, HolidayChange.TAKEN, there.name));
      } else if (there.name !== holiday.name) {
        plan.rename.push({ id: there.id, name: holiday.name });
        plan.result.days.push(day(date, holiday.name, HolidayChange.RENAME));
      } else {
        plan.result.days.push(day(date, holiday.name, HolidayChange.UNCHANGED));
      }
      claimedBy.set(date, there && there.uid !== holiday.uid ? there.name : holiday.name);
    }
  }
  plan.result.days.sort((a, b) => a.date.localeCompare(b.date));
  plan.result.added = plan.add.length;
  plan.result.removed = plan.remove.length;
  return plan;
}

async function feedText(ctx: Context, input: HolidayImportInput): Promise<{ text: string; field: 'ics' | 'url' }> {
  const ics = input.ics?.trim() ? input.ics : null;
  const url = input.url?.trim() ? input.url : null;
  if (Boolean(ics) === Boolean(url)) throw badInput('Give either the .ics file or the address of the feed, not both.', ics ? 'url' : 'ics');
  return ics ? { text: ics, field: 'ics' } : { text: await fetchHolidayFeed(ctx.app.config, url!), field: 'url' };
}

/** What importing the feed would change; writes nothing. */
export async function previewHolidayImport(ctx: Context, input: HolidayImportInput): Promise<HolidayImport> {
  const scope = await scopeOf(ctx, input.departmentId);
  enforce(slaPolicy.canManage(ctx.viewer, scope));
  const { text, field } = await feedText(ctx, input);
  return (await planImport(ctx.prisma, scope, text, field, ctx.app.clock.now())).result;
}

/** Imports the feed in one transaction: all of it or, for a bad file, nothing. */
export async function importHolidays(ctx: Context, input: HolidayImportInput): Promise<HolidayImport> {
  const scope = await scopeOf(ctx, input.departmentId);
  enforce(slaPolicy.canManage(ctx.viewer, scope));
  const { text, field } = await feedText(ctx, input);
  return ctx.prisma.$transaction(
    async (tx) => {
      // Two imports into one scope at once would plan against the same rows: the second waits.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`holidays:${scope ?? 'school'}`}))`;
      const plan = await planImport(tx, scope, text, field, ctx.app.clock.now());
      await tx.holiday.deleteMany({ where: { id: { in: plan.remove } } });
      for (const { id, name } of plan.rename) await tx.holiday.update({ where: { id }, data: { name } });
      await tx.holiday.createMany({ data: plan.add });
      // Never the feed's address: a private calendar's address is its password.
      await recordAudit(tx, ctx, {
        action: AuditAction.HOLIDAYS_IMPORTED,
        ...(scope ? { subject: { type: 'Department' as const, id: scope } } : {}),
        details: {
          departmentId: scope,
          source: field === 'url' ? 'address' : 'file',
          added: plan.add.length,
          removed: plan.remove.length,
          renamed: plan.rename.length,
        },
      });
      return { ...plan.result, applied: true };
    },
    { timeout: 30_000 },
  );
}
