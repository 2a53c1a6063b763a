import type { Incident as IncidentRow, IncidentStatus, PrismaClient } from '@studentdesk/db';
import { listOrder, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';

/** Incidents newest first, by when they started. */
const INCIDENT_ORDER = listOrder<IncidentRow>('incidents', [
  { column: 'startedAt', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);

export function listIncidents(prisma: PrismaClient, status: IncidentStatus[] | null | undefined, page: PageArgs) {
  return paginate(pageRequest(page, INCIDENT_ORDER), (window) =>
    prisma.incident.findMany({
      where: { ...(status?.length ? { status: { in: status } } : {}), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}
