// The ticket list behind the queue, "My tickets" and integrations: one SQL statement for the page
// and one for the count, with keyset pagination so page 500 costs what page 1 costs. A viewer who
// sees tickets by two rules (staff: department, assigned to me) gets one ordered subquery per
// rule, so each reads only its first page through its own index instead of sorting every match,
// and one count per rule, added up.
import { Prisma, type Priority, type PrismaClient, type Ticket as TicketRow, type TicketStatus } from '@studentdesk/db';
import { parseTicketNumber } from '@studentdesk/domain';
import type { Viewer } from '../auth/viewer.js';
import { fromGlobalId } from '../relay/global-id.js';
import { listOrder, paginate, pageRequest, type Connection, type ListOrder, type PageArgs } from '../relay/pagination.js';
import { slaBreachedSql } from '../sla/sla.breach.js';
import type { TicketFilter } from './ticket.inputs.js';
import { visibleTicketBranches, visibleTicketsSql } from './ticket.policy.js';

export type TicketOrder = 'CREATED_AT_DESC' | 'CREATED_AT_ASC' | 'RESOLUTION_DUE_AT_ASC' | 'UPDATED_AT_DESC';

export interface TicketListFilter {
  status?: TicketStatus[] | null;
  priority?: Priority[] | null;
  departmentId?: string | null;
  categoryId?: string | null;
  assigneeId?: string | null;
  unassigned?: boolean | null;
  requesterId?: string | null;
  incidentId?: string | null;
  breached?: boolean | null;
  /** Unresolved tickets whose resolution is due before this time. */
  resolutionDueBefore?: Date | null;
  search?: string | null;
  merged?: boolean | null;
  tagIds?: string[] | null;
}

const optionalId = (value: string | null | undefined, type: 'Department' | 'User' | 'Category' | 'Incident', field: string) =>
  value ? fromGlobalId(value, type, field) : null;

/** The filter as the API takes it (global IDs) turned into database ids; BAD_USER_INPUT names a wrong ID under `field`. */
export function listFilterFrom(filter: TicketFilter | null | undefined, field = 'filter'): TicketListFilter {
  return {
    ...filter,
    departmentId: optionalId(filter?.departmentId, 'Department', `${field}.departmentId`),
    assigneeId: optionalId(filter?.assigneeId, 'User', `${field}.assigneeId`),
    categoryId: optionalId(filter?.categoryId, 'Category', `${field}.categoryId`),
    requesterId: optionalId(filter?.requesterId, 'User', `${field}.requesterId`),
    incidentId: optionalId(filter?.incidentId, 'Incident', `${field}.incidentId`),
    tagIds: filter?.tagIds?.map((id) => fromGlobalId(id, 'Tag', `${field}.tagIds`)) ?? null,
  };
}

const byKey = (list: TicketOrder, column: 'createdAt' | 'updatedAt', descending: boolean) =>
  listOrder<TicketRow>(`tickets.${list}`, [
    { column, kind: 'time', descending },
    { column: 'id', kind: 'uuid', descending },
  ]);

const ORDERS: Record<TicketOrder, ListOrder<TicketRow>> = {
  CREATED_AT_DESC: byKey('CREATED_AT_DESC', 'createdAt', true),
  CREATED_AT_ASC: byKey('CREATED_AT_ASC', 'createdAt', false),
  UPDATED_AT_DESC: byKey('UPDATED_AT_DESC', 'updatedAt', true),
  // Tickets without an SLA come last.
  RESOLUTION_DUE_AT_ASC: listOrder<TicketRow>('tickets.RESOLUTION_DUE_AT_ASC', [
    { column: 'resolutionDueAt', kind: 'time', nullsLast: true },
    { column: 'id', kind: 'uuid' },
  ]),
};

/** Words of the search turned into a prefix query: "wifi dorm" → "wifi:* & dorm:*". */
function prefixQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 8)
        .map((word) => `${word}:*`)
        .join(' & ')
    : null;
}

function searchSql(search: string): Prisma.Sql {
  const number = parseTicketNumber(search);
  if (number !== null) return Prisma.sql`t."number" = ${number}`;
  if (search.includes('@')) return Prisma.sql`lower(t."contactEmail") = ${search.trim().toLowerCase()}`;
  const query = prefixQuery(search);
  // Must repeat the expression of the "Ticket_search_idx" GIN index exactly.
  return query
    ? Prisma.sql`to_tsvector('simple'::regconfig, t."title" || ' ' || t."description") @@ to_tsquery('simple'::regconfig, ${query})`
    : Prisma.sql`TRUE`;
}

/** Conditions of the filter on "Ticket" t, without the viewer's visibility. */
function filterSql(filter: TicketListFilter, now: Date): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.status?.length) conditions.push(Prisma.sql`t."status" = ANY(${filter.status}::"TicketStatus"[])`);
  if (filter.priority?.length) conditions.push(Prisma.sql`t."priority" = ANY(${filter.priority}::"Priority"[])`);
  if (filter.departmentId) conditions.push(Prisma.sql`t."departmentId" = ${filter.departmentId}::uuid`);
  if (filter.categoryId) conditions.push(Prisma.sql`t."categoryId" = ${filter.categoryId}::uuid`);
  if (filter.assigneeId) conditions.push(Prisma.sql`t."assigneeId" = ${filter.assigneeId}::uuid`);
  if (filter.unassigned) conditions.push(Prisma.sql`t."assigneeId" IS NULL`);
  if (filter.requesterId) conditions.push(Prisma.sql`t."requesterId" = ${filter.requesterId}::uuid`);
  if (filter.incidentId) conditions.push(Prisma.sql`t."incidentId" = ${filter.incidentId}::uuid`);
  if (filter.breached !== null && filter.breached !== undefined) {
    conditions.push(filter.breached ? slaBreachedSql(now) : Prisma.sql`NOT ${slaBreachedSql(now)}`);
  }
  if (filter.resolutionDueBefore) {
    conditions.push(Prisma.sql`t."resolvedAt" IS NULL AND t."resolutionDueAt" < ${filter.resolutionDueBefore}::timestamptz`);
  }
  if (filter.search?.trim()) conditions.push(searchSql(filter.search));
  if (filter.merged !== null && filter.merged !== undefined) {
    conditions.push(filter.merged ? Prisma.sql`t."mergedIntoId" IS NOT NULL` : Prisma.sql`t."mergedIntoId" IS NULL`);
  }
  if (filter.tagIds?.length) {
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "TicketTag" tt WHERE tt."ticketId" = t."id" AND tt."tagId" = ANY(${filter.tagIds}::uuid[]))`,
    );
  }
  return conditions;
}

export interface TicketList extends Connection<TicketRow> {
  count: () => Promise<number>;
}

export async function listTickets(
  { prisma }: { prisma: PrismaClient },
  viewer: Viewer,
  args: { filter: TicketListFilter; order: TicketOrder; page: PageArgs; now: Date },
): Promise<TicketList> {
  const branches = visibleTicketBranches(viewer);
  const filters = filterSql(args.filter, args.now);
  const connection = await paginate(pageRequest(args.page, ORDERS[args.order]), (window) => {
    const orderBy = window.sqlOrderBy('t');
    const branchPage = (branch: Prisma.Sql) => Prisma.sql`
      SELECT t.* FROM "Ticket" t
      WHERE ${Prisma.join([branch, ...filters, window.sqlWhere('t')], ' AND ')}
      ORDER BY ${orderBy}
      LIMIT ${window.limit}`;
    return prisma.$queryRaw<TicketRow[]>(
      branches.length === 1
        ? branchPage(branches[0]!)
        : Prisma.sql`SELECT * FROM (${Prisma.join(
            branches.map((branch) => Prisma.sql`(${branchPage(branch)})`),
            ' UNION ALL ',
          )}) t ORDER BY ${orderBy} LIMIT ${window.limit}`,
    );
  });
  // The branches are disjoint, so their counts add up; each counts through its own index, where
  // one OR condition would visit every matching row in the table.
  const branchCount = (branch: Prisma.Sql) =>
    Prisma.sql`(SELECT count(*)::int FROM "Ticket" t WHERE ${Prisma.join([branch, ...filters], ' AND ')})`;
  return {
    ...connection,
    async count() {
      const [{ count }] = await prisma.$queryRaw<[{ count: number }]>`SELECT ${Prisma.join(branches.map(branchCount), ' + ')} AS count`;
      return count;
    },
  };
}

/**
 * How many tickets the viewer may see match each filter, in one statement: one pass over the
 * visible tickets with a FILTER clause per filter (a sidebar of saved views costs one round trip).
 */
export async function countTicketsMatching(
  { prisma }: { prisma: PrismaClient },
  viewer: Viewer,
  filters: ReadonlyArray<{ filter: TicketListFilter; upTo: number | null }>,
  now: Date,
): Promise<number[]> {
  if (!filters.length) return [];
  // One subquery per count, so each is planned on its own and uses its indexes (a search its GIN
  // index rather than a vector computed per row); `upTo` stops counting there.
  const counts = filters.map(({ filter, upTo }) => {
    const matching = Prisma.sql`SELECT 1 FROM "Ticket" t WHERE ${Prisma.join([visibleTicketsSql(viewer), ...filterSql(filter, now)], ' AND ')}`;
    return upTo === null
      ? Prisma.sql`(SELECT count(*)::int FROM (${matching}) m)`
      : Prisma.sql`(SELECT count(*)::int FROM (${matching} LIMIT ${upTo}) m)`;
  });
  const [row] = await prisma.$queryRaw<[{ counts: number[] }]>`SELECT ARRAY[${Prisma.join(counts)}] AS counts`;
  return row.counts;
}
