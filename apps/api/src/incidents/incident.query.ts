import { IncidentStatus, type Incident as IncidentRow, type PrismaClient } from '@studentdesk/db';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { listOrder, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';

/** Incidents newest first, by when they started. */
const INCIDENT_ORDER = listOrder<IncidentRow>('incidents', [
  { column: 'startedAt', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);

/** Known issues not yet resolved, newest first; only those affecting the category when one is given. */
export function listActiveIncidents({ prisma }: { prisma: PrismaClient }, categoryId: string | null): Promise<IncidentRow[]> {
  return prisma.incident.findMany({
    where: { status: { not: IncidentStatus.RESOLVED }, ...(categoryId ? { categoryId } : {}) },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: LIST_MAXIMUM.activeIncidents,
  });
}

/** How far back the status page lists resolved incidents. */
export const RECENTLY_RESOLVED_DAYS = 14;

/** Incidents resolved in the last RECENTLY_RESOLVED_DAYS, latest first. */
export function listRecentlyResolvedIncidents({ prisma }: { prisma: PrismaClient }, now: Date): Promise<IncidentRow[]> {
  return prisma.incident.findMany({
    where: { status: IncidentStatus.RESOLVED, resolvedAt: { gte: new Date(now.getTime() - RECENTLY_RESOLVED_DAYS * 86_400_000) } },
    orderBy: [{ resolvedAt: 'desc' }, { id: 'desc' }],
    take: LIST_MAXIMUM.recentlyResolvedIncidents,
  });
}

export function listIncidents({ prisma }: { prisma: PrismaClient }, status: IncidentStatus[] | null | undefined, page: PageArgs) {
  return paginate(pageRequest(page, INCIDENT_ORDER), (window) =>
    prisma.incident.findMany({
      where: { ...(status?.length ? { status: { in: status } } : {}), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}
