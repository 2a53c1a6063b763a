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

export function listIncidents({ prisma }: { prisma: PrismaClient }, status: IncidentStatus[] | null | undefined, page: PageArgs) {
  return paginate(pageRequest(page, INCIDENT_ORDER), (window) =>
    prisma.incident.findMany({
      where: { ...(status?.length ? { status: { in: status } } : {}), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}
