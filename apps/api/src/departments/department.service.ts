// The school's departments and the categories students report under: short, public lists, and
// their administration. Archiving hides a department or category from new reports and pickers and
// keeps its tickets. Merging moves everything to another one in one transaction and keeps the
// merged row, archived with `mergedIntoId`: tickets' histories, webhook payloads and integrations
// that stored its ID still find it and can follow it to where its things went.
import { Prisma, TicketEventType, type Category as CategoryRow, type Department as DepartmentRow } from '@studentdesk/db';
import { categoryProblems, CATEGORY_NAME_MAX, departmentProblems, parseClockTime, slugify, type FieldProblem } from '@studentdesk/domain';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce, requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, badInputs, isUniqueViolation, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as policy from './department.policy.js';
import type {
  BusinessHoursInput,
  CreateCategoryInput,
  CreateDepartmentInput,
  UpdateCategoryInput,
  UpdateDepartmentInput,
} from './department.type.js';

type Tx = Prisma.TransactionClient;

/** Monday to Friday, 09:00–17:00: the schema's defaults, said once more for the API's description. */
const DEFAULT_HOURS = { businessDays: [1, 2, 3, 4, 5], businessDayStart: 540, businessDayEnd: 1020 };

/** Departments in use, alphabetically; archived ones too when staff ask. */
export function listDepartments(ctx: Pick<Context, 'prisma' | 'viewer'>, includeArchived = false): Promise<DepartmentRow[]> {
  if (includeArchived) enforce(policy.canSeeAdministration(ctx.viewer));
  return ctx.prisma.department.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    orderBy: { name: 'asc' },
    take: LIST_MAXIMUM.departments,
  });
}

/** Categories a student can report under (active, in a department in use); every one when staff ask. */
export function listCategories(ctx: Pick<Context, 'prisma' | 'viewer'>, includeArchived = false): Promise<CategoryRow[]> {
  if (includeArchived) enforce(policy.canSeeAdministration(ctx.viewer));
  return ctx.prisma.category.findMany({
    where: includeArchived ? {} : { active: true, department: { archivedAt: null } },
    orderBy: { name: 'asc' },
    take: LIST_MAXIMUM.categories,
  });
}

export function departmentCategories(ctx: Context, department: DepartmentRow, includeArchived = false): Promise<CategoryRow[]> {
  if (!includeArchived) return ctx.loaders.categoriesByDepartment.load(department.id);
  enforce(policy.canSeeAdministration(ctx.viewer));
  return ctx.loaders.allCategoriesByDepartment.load(department.id);
}

/** Its tickets (all, and those not resolved) and active members: staff. */
export function departmentCounts(ctx: Context, department: DepartmentRow) {
  enforce(policy.canSeeAdministration(ctx.viewer));
  return ctx.loaders.departmentCounts.load(department.id);
}

function hoursRow(hours: BusinessHoursInput) {
  return {
    businessDays: [...hours.days].sort((a, b) => a - b),
    businessDayStart: parseClockTime(hours.opensAt)!,
    businessDayEnd: parseClockTime(hours.closesAt)!,
  };
}

function checkDepartment(input: CreateDepartmentInput | UpdateDepartmentInput): void {
  const problems = departmentProblems(input);
  if (problems.length) throw badInputs(problems);
}

/** Name and slug clashes with other departments (archived ones keep theirs), as field problems. */
async function departmentClashes(tx: Tx, name: string | undefined, slug: string | undefined, exceptId?: string) {
  const problems: FieldProblem[] = [];
  const other = exceptId ? { id: { not: exceptId } } : {};
  if (name !== undefined) {
    const clash = await tx.department.findFirst({ where: { name: { equals: name, mode: 'insensitive' }, ...other } });
    if (clash)
      problems.push({
        field: 'name',
        message: clash.archivedAt
          ? `An archived department is called ${clash.name}: unarchive it, or choose another name.`
          : `There is already a department called ${clash.name}: choose another name.`,
      });
  }
  if (slug !== undefined && (await tx.department.findFirst({ where: { slug, ...other } })))
    problems.push({ field: 'slug', message: `Another department has the short name "${slug}": choose another one.` });
  return problems;
}

/** The name's slug, numbered when another department has it ("library-2"). */
async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.department.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((row) => row.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base.slice(0, 40 - String(n).length - 1)}-${n}`;
  return slug;
}

/** A lost race on the unique name or slug reads as the clash it is. */
async function clashesAsBadInput<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('Another department or category has just taken this name: choose another one.', 'name');
    throw error;
  }
}

async function findDepartment(db: Tx | Context['prisma'], globalId: string, field: string): Promise<DepartmentRow> {
  const department = await db.department.findUnique({ where: { id: fromGlobalId(globalId, 'Department', field) } });
  if (!department) throw notFound('There is no department with this ID.');
  return department;
}

async function findCategory(db: Tx | Context['prisma'], globalId: string, field: string): Promise<CategoryRow> {
  const category = await db.category.findUnique({ where: { id: fromGlobalId(globalId, 'Category', field) } });
  if (!category) throw notFound('There is no category with this ID.');
  return category;
}

/** Rows of both tables locked in id order, so two merges or a merge and a rename never interleave. */
async function lockRows(tx: Tx, table: 'Department' | 'Category', ids: string[]): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
}

export async function createDepartment(ctx: Context, input: CreateDepartmentInput): Promise<DepartmentRow> {
  enforce(policy.canManageDepartments(ctx.viewer));
  checkDepartment(input);
  const name = input.name.trim();
  const school = await ctx.prisma.school.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return clashesAsBadInput(() =>
    ctx.prisma.$transaction(async (tx) => {
      const problems = await departmentClashes(tx, name, input.slug ?? undefined);
      if (problems.length) throw badInputs(problems);
      const created = await tx.department.create({
        data: {
          name,
          slug: input.slug ?? (await freeSlug(tx, name)),
          timeZone: input.timeZone ?? school?.timeZone ?? 'UTC',
          ...(input.businessHours ? hoursRow(input.businessHours) : DEFAULT_HOURS),
          createdAt: ctx.app.clock.now(),
        },
      });
      await recordAudit(tx, ctx, {
        action: AuditAction.DEPARTMENT_CREATED,
        subject: { type: 'Department', id: created.id },
        details: {
          name: created.name,
          timeZone: created.timeZone,
          businessDays: created.businessDays,
          businessDayStart: created.businessDayStart,
          businessDayEnd: created.businessDayEnd,
        },
      });
      return created;
    }),
  );
}

export async function updateDepartment(ctx: Context, input: UpdateDepartmentInput): Promise<DepartmentRow> {
  enforce(policy.canManageDepartments(ctx.viewer));
  checkDepartment(input);
  const department = await findDepartment(ctx.prisma, input.id, 'id');
  const name = input.name?.trim();
  const updated = await clashesAsBadInput(() =>
    ctx.prisma.$transaction(async (tx) => {
      const problems = await departmentClashes(tx, name, input.slug ?? undefined, department.id);
      if (problems.length) throw badInputs(problems);
      const changes = {
        ...(name !== undefined ? { name } : {}),
        ...(input.slug ? { slug: input.slug } : {}),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
        ...(input.businessHours ? hoursRow(input.businessHours) : {}),
      };
      const saved = await tx.department.update({ where: { id: department.id }, data: changes });
      await recordAudit(tx, ctx, {
        action: AuditAction.DEPARTMENT_UPDATED,
        subject: { type: 'Department', id: department.id },
        details: changes,
      });
      return saved;
    }),
  );
  ctx.loaders.department.clear(department.id);
  return updated;
}

export async function archiveDepartment(ctx: Context, globalId: string): Promise<DepartmentRow> {
  enforce(policy.canManageDepartments(ctx.viewer));
  const department = await findDepartment(ctx.prisma, globalId, 'id');
  if (department.archivedAt) return department;
  const archived = await ctx.prisma.$transaction(async (tx) => {
    await lockRows(tx, 'Department', [department.id]);
    // Students always need somewhere to report: the last department in use stays.
    if ((await tx.department.count({ where: { archivedAt: null, id: { not: department.id } } })) === 0)
      throw badInput('This is the only department in use: students could not report anything. Create another one first.', 'id');
    await recordAudit(tx, ctx, { action: AuditAction.DEPARTMENT_ARCHIVED, subject: { type: 'Department', id: department.id } });
    return tx.department.update({ where: { id: department.id }, data: { archivedAt: ctx.app.clock.now() } });
  });
  ctx.loaders.department.clear(department.id);
  return archived;
}

export async function unarchiveDepartment(ctx: Context, globalId: string): Promise<DepartmentRow> {
  enforce(policy.canManageDepartments(ctx.viewer));
  const department = await findDepartment(ctx.prisma, globalId, 'id');
  if (department.mergedIntoId) {
    const into = await ctx.prisma.department.findUnique({ where: { id: department.mergedIntoId } });
    throw badInput(`${department.name} was merged into ${into?.name ?? 'another department'}; everything it had is there now.`, 'id');
  }
  if (!department.archivedAt) return department;
  ctx.loaders.department.clear(department.id);
  return ctx.prisma.$transaction(async (tx) => {
    await recordAudit(tx, ctx, { action: AuditAction.DEPARTMENT_UNARCHIVED, subject: { type: 'Department', id: department.id } });
    return tx.department.update({ where: { id: department.id }, data: { archivedAt: null } });
  });
}

/** `name`, or `name (suffix)`, numbered if need be, that none of `taken` (lowercased) has; added to `taken`. */
function freeName(name: string, suffix: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) {
    taken.add(name.toLowerCase());
    return name;
  }
  for (let n = 1; ; n += 1) {
    const tail = n === 1 ? ` (${suffix})` : ` (${suffix} ${n})`;
    const candidate = `${[...name].slice(0, Math.max(1, CATEGORY_NAME_MAX - [...tail].length)).join('')}${tail}`;
    const fitted = [...candidate].slice(0, CATEGORY_NAME_MAX).join('');
    if (!taken.has(fitted.toLowerCase())) {
      taken.add(fitted.toLowerCase());
      return fitted;
    }
  }
}

/**
 * Everything of `from` goes to `into` in one transaction: its tickets (each with a
 * DEPARTMENT_CHANGED history entry; their ratings follow, and the daily sums with them through the
 * database's triggers), categories (renamed "Name (From)" when `into` has one of the same name),
 * SLA targets for priorities `into` has none for, articles, canned responses, incidents, members
 * and invitations. Open tickets keep the due dates they were promised. `from` stays, archived, with
 * `mergedIntoId`.
 */
export async function mergeDepartments(ctx: Context, fromRef: string, intoRef: string) {
  enforce(policy.canManageDepartments(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const fromId = fromGlobalId(fromRef, 'Department', 'fromId');
  const intoId = fromGlobalId(intoRef, 'Department', 'intoId');
  if (fromId === intoId) throw badInput('Choose two different departments to merge.', 'intoId');
  const now = ctx.app.clock.now();
  const result = await ctx.prisma.$transaction(
    async (tx) => {
      await lockRows(tx, 'Department', [fromId, intoId]);
      const from = await findDepartment(tx, fromRef, 'fromId');
      const into = await findDepartment(tx, intoRef, 'intoId');
      if (from.mergedIntoId) throw badInput(`${from.name} was already merged into another department.`, 'fromId');
      if (into.archivedAt) throw badInput(`${into.name} is archived: unarchive it first, or merge into a department in use.`, 'intoId');

      const taken = new Set(
        (await tx.category.findMany({ where: { departmentId: into.id }, select: { name: true } })).map((row) => row.name.toLowerCase()),
      );
      const renamed: string[] = [];
      for (const category of await tx.category.findMany({ where: { departmentId: from.id }, orderBy: { name: 'asc' } })) {
        const name = freeName(category.name, from.name, taken);
        await tx.category.update({ where: { id: category.id }, data: { departmentId: into.id, name } });
        if (name !== category.name) renamed.push(category.id);
      }

      const tickets = await tx.ticket.findMany({ where: { departmentId: from.id }, select: { id: true } });
      await tx.ticketEvent.createMany({
        data: tickets.map((ticket) => ({
          ticketId: ticket.id,
          actorId: admin.id,
          type: TicketEventType.DEPARTMENT_CHANGED,
          detail: { fromDepartmentId: from.id, toDepartmentId: into.id, reason: 'DEPARTMENTS_MERGED' },
          createdAt: now,
        })),
      });
      await tx.ticket.updateMany({ where: { departmentId: from.id }, data: { departmentId: into.id } });
      await tx.rating.updateMany({ where: { departmentId: from.id }, data: { departmentId: into.id } });

      const covered = (await tx.slaPolicy.findMany({ where: { departmentId: into.id }, select: { priority: true } })).map(
        (row) => row.priority,
      );
      await tx.slaPolicy.deleteMany({ where: { departmentId: from.id, priority: { in: covered } } });
      await tx.slaPolicy.updateMany({ where: { departmentId: from.id }, data: { departmentId: into.id } });

      const moved = { where: { departmentId: from.id }, data: { departmentId: into.id } };
      await tx.article.updateMany(moved);
      await tx.cannedResponse.updateMany(moved);
      await tx.incident.updateMany(moved);
      await tx.user.updateMany(moved);
      await tx.invitation.updateMany(moved);

      await recordAudit(tx, ctx, {
        action: AuditAction.DEPARTMENTS_MERGED,
        subject: { type: 'Department', id: from.id },
        details: { intoDepartmentId: into.id, movedTickets: tickets.length, renamedCategoryIds: renamed },
      });
      const archived = await tx.department.update({
        where: { id: from.id },
        data: { archivedAt: from.archivedAt ?? now, mergedIntoId: into.id },
      });
      return {
        from: archived,
        into,
        movedTickets: tickets.length,
        renamedCategories: await tx.category.findMany({
          where: { id: { in: renamed } },
          orderBy: { name: 'asc' },
          take: LIST_MAXIMUM.categoriesPerDepartment,
        }),
      };
    },
    // A department with years of tickets takes a while to move; the default 5 s is for requests.
    { timeout: 60_000 },
  );
  ctx.loaders.department.clearAll();
  ctx.loaders.ticket.clearAll();
  ctx.app.logger.info({ fromId, intoId, movedTickets: result.movedTickets }, 'departments merged');
  return result;
}

function checkCategory(input: CreateCategoryInput | UpdateCategoryInput): void {
  const problems = categoryProblems(input);
  if (problems.length) throw badInputs(problems);
}

async function categoryNameClash(tx: Tx, departmentId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.category.findFirst({
    where: { departmentId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash)
    throw badInput(
      clash.active
        ? `This department already has a category called ${clash.name}: choose another name.`
        : `An archived category of this department is called ${clash.name}: unarchive it, or choose another name.`,
      'name',
    );
}

export async function createCategory(ctx: Context, input: CreateCategoryInput): Promise<CategoryRow> {
  requireUser(ctx.viewer);
  const department = await findDepartment(ctx.prisma, input.departmentId, 'departmentId');
  enforce(policy.canManageCategoriesOf(ctx.viewer, department.id));
  checkCategory(input);
  if (department.mergedIntoId) throw badInput(`${department.name} was merged into another department.`, 'departmentId');
  const name = input.name.trim();
  return clashesAsBadInput(() =>
    ctx.prisma.$transaction(async (tx) => {
      await categoryNameClash(tx, department.id, name);
      const created = await tx.category.create({
        data: {
          name,
          description: input.description?.trim() || null,
          departmentId: department.id,
          defaultPriority: input.defaultPriority ?? 'NORMAL',
          createdAt: ctx.app.clock.now(),
        },
      });
      await recordAudit(tx, ctx, {
        action: AuditAction.CATEGORY_CREATED,
        subject: { type: 'Category', id: created.id },
        details: { departmentId: department.id, name, defaultPriority: created.defaultPriority },
      });
      return created;
    }),
  );
}

export async function updateCategory(ctx: Context, input: UpdateCategoryInput): Promise<CategoryRow> {
  requireUser(ctx.viewer);
  const category = await findCategory(ctx.prisma, input.id, 'id');
  enforce(policy.canManageCategoriesOf(ctx.viewer, category.departmentId));
  checkCategory(input);
  const name = input.name?.trim();
  const updated = await clashesAsBadInput(() =>
    ctx.prisma.$transaction(async (tx) => {
      if (name !== undefined) await categoryNameClash(tx, category.departmentId, name, category.id);
      const changes = {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
        ...(input.defaultPriority ? { defaultPriority: input.defaultPriority } : {}),
      };
      const saved = await tx.category.update({ where: { id: category.id }, data: changes });
      await recordAudit(tx, ctx, {
        action: AuditAction.CATEGORY_UPDATED,
        subject: { type: 'Category', id: category.id },
        details: changes,
      });
      return saved;
    }),
  );
  ctx.loaders.category.clear(category.id);
  return updated;
}

export async function setCategoryArchived(ctx: Context, globalId: string, archived: boolean): Promise<CategoryRow> {
  requireUser(ctx.viewer);
  const category = await findCategory(ctx.prisma, globalId, 'id');
  enforce(policy.canManageCategoriesOf(ctx.viewer, category.departmentId));
  if (!archived && category.mergedIntoId) throw badInput('This category was merged into another one; its tickets are there now.', 'id');
  if (category.active === !archived) return category;
  ctx.loaders.category.clear(category.id);
  return ctx.prisma.$transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: archived ? AuditAction.CATEGORY_ARCHIVED : AuditAction.CATEGORY_UNARCHIVED,
      subject: { type: 'Category', id: category.id },
    });
    return tx.category.update({ where: { id: category.id }, data: { active: !archived } });
  });
}

/**
 * `from`'s tickets (each with a CATEGORY_CHANGED history entry, and its department's when the two
 * are in different departments), articles, incidents, suggestions and deflections go to `into`;
 * `from` stays, archived, with `mergedIntoId`.
 */
export async function mergeCategories(ctx: Context, fromRef: string, intoRef: string) {
  const admin = requireUser(ctx.viewer);
  const from = await findCategory(ctx.prisma, fromRef, 'fromId');
  const into = await findCategory(ctx.prisma, intoRef, 'intoId');
  enforce(policy.canManageCategoriesOf(ctx.viewer, from.departmentId));
  enforce(policy.canManageCategoriesOf(ctx.viewer, into.departmentId));
  if (from.id === into.id) throw badInput('Choose two different categories to merge.', 'intoId');
  const now = ctx.app.clock.now();
  const result = await ctx.prisma.$transaction(
    async (tx) => {
      await lockRows(tx, 'Category', [from.id, into.id]);
      const source = (await tx.category.findUnique({ where: { id: from.id } }))!;
      const target = (await tx.category.findUnique({ where: { id: into.id }, include: { department: true } }))!;
      if (source.mergedIntoId) throw badInput(`${source.name} was already merged into another category.`, 'fromId');
      if (!target.active || target.department.archivedAt)
        throw badInput(`${target.name} is archived: unarchive it first, or merge into a category in use.`, 'intoId');
      const crossing = source.departmentId !== target.departmentId;

      const tickets = await tx.ticket.findMany({ where: { categoryId: source.id }, select: { id: true } });
      await tx.ticketEvent.createMany({
        data: tickets.map((ticket) => ({
          ticketId: ticket.id,
          actorId: admin.id,
          type: TicketEventType.CATEGORY_CHANGED,
          detail: {
            fromCategoryId: source.id,
            toCategoryId: target.id,
            ...(crossing ? { fromDepartmentId: source.departmentId, toDepartmentId: target.departmentId } : {}),
            reason: 'CATEGORIES_MERGED',
          },
          createdAt: now,
        })),
      });
      if (crossing) {
        // Ratings follow their tickets to the other department (and the daily sums with them).
        await tx.rating.updateMany({ where: { ticket: { categoryId: source.id } }, data: { departmentId: target.departmentId } });
      }
      await tx.ticket.updateMany({
        where: { categoryId: source.id },
        data: { categoryId: target.id, ...(crossing ? { departmentId: target.departmentId } : {}) },
      });
      const moved = { where: { categoryId: source.id }, data: { categoryId: target.id } };
      await tx.article.updateMany(moved);
      await tx.incident.updateMany(moved);
      await tx.suggestion.updateMany(moved);
      await tx.deflection.updateMany(moved);
      await recordAudit(tx, ctx, {
        action: AuditAction.CATEGORIES_MERGED,
        subject: { type: 'Category', id: source.id },
        details: { intoCategoryId: target.id, movedTickets: tickets.length },
      });
      const archived = await tx.category.update({ where: { id: source.id }, data: { active: false, mergedIntoId: target.id } });
      return { from: archived, into: target, movedTickets: tickets.length };
    },
    { timeout: 60_000 },
  );
  ctx.loaders.category.clearAll();
  ctx.loaders.ticket.clearAll();
  return result;
}
