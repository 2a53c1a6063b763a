import type { Incident as IncidentRow, IncidentStatus, PrismaClient } from '@studentdesk/db';
import { decodeCursor, encodeCursor, isTimeCursor, toPage, type Page } from '../relay/pagination.js';

/** Incidents newest first, paged by (startedAt, id). */
export async function listIncidents(
  prisma: PrismaClient,
  args: { status?: IncidentStatus[] | null; first: number; after?: string | null },
): Promise<Page<IncidentRow> & { cursorOf: (incident: IncidentRow) => string }> {
  const cursor = args.after ? decodeCursor(args.after, isTimeCursor) : null;
  const rows = await prisma.incident.findMany({
    where: {
      ...(args.status?.length ? { status: { in: args.status } } : {}),
      ...(cursor ? { OR: [{ startedAt: { lt: new Date(cursor[0]) } }, { startedAt: new Date(cursor[0]), id: { lt: cursor[1] } }] } : {}),
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: args.first + 1,
  });
  return { ...toPage(rows, args.first), cursorOf: (incident) => encodeCursor([incident.startedAt.toISOString(), incident.id]) };
}
