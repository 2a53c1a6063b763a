// Per-request DataLoaders: every relation a list can ask for is fetched in one statement per
// kind, whatever the page size.
import DataLoader from 'dataloader';
import { createMessageWindowLoader } from './tickets/message.page.js';
import type {
  Category,
  Department,
  Incident,
  IncidentUpdate,
  OutboxEvent,
  PrismaClient,
  Rating,
  SuggestionComment,
  SuggestionVote,
  Ticket,
  TicketEvent,
  User,
  Webhook,
  WebhookAttempt,
} from '@studentdesk/db';

function byId<Row extends { id: string }>(fetch: (ids: string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await fetch([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

function groupedBy<Row, Key extends keyof Row>(key: Key, fetch: (keys: string[]) => Promise<Row[]>): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, Row[]>(keys.map((value) => [value, []]));
    for (const row of await fetch([...keys])) groups.get(row[key] as string)?.push(row);
    return keys.map((value) => groups.get(value) ?? []);
  });
}

export function createLoaders(prisma: PrismaClient) {
  return {
    user: byId<User>((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
    department: byId<Department>((ids) => prisma.department.findMany({ where: { id: { in: ids } } })),
    category: byId<Category>((ids) => prisma.category.findMany({ where: { id: { in: ids } } })),
    ticket: byId<Ticket>((ids) => prisma.ticket.findMany({ where: { id: { in: ids } } })),
    ratingByTicket: new DataLoader<string, Rating | null>(async (ticketIds) => {
      const rows = new Map(
        (await prisma.rating.findMany({ where: { ticketId: { in: [...ticketIds] } } })).map((row) => [row.ticketId, row]),
      );
      return ticketIds.map((id) => rows.get(id) ?? null);
    }),
    incident: byId<Incident>((ids) => prisma.incident.findMany({ where: { id: { in: ids } } })),
    incidentUpdates: groupedBy<IncidentUpdate, 'incidentId'>('incidentId', (incidentIds) =>
      prisma.incidentUpdate.findMany({ where: { incidentId: { in: incidentIds } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    ),
    incidentTicketCount: new DataLoader<string, number>(async (incidentIds) => {
      const counts = await prisma.ticket.groupBy({ by: ['incidentId'], where: { incidentId: { in: [...incidentIds] } }, _count: true });
      const byIncident = new Map(counts.map((row) => [row.incidentId, row._count]));
      return incidentIds.map((id) => byIncident.get(id) ?? 0);
    }),
    messageWindow: createMessageWindowLoader(prisma),
    categoriesByDepartment: groupedBy<Category, 'departmentId'>('departmentId', (departmentIds) =>
      prisma.category.findMany({ where: { departmentId: { in: departmentIds }, active: true }, orderBy: { name: 'asc' } }),
    ),
    suggestionVotes: groupedBy<SuggestionVote, 'suggestionId'>('suggestionId', (suggestionIds) =>
      prisma.suggestionVote.findMany({ where: { suggestionId: { in: suggestionIds } } }),
    ),
    suggestionComments: groupedBy<SuggestionComment, 'suggestionId'>('suggestionId', (suggestionIds) =>
      prisma.suggestionComment.findMany({ where: { suggestionId: { in: suggestionIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ),
    eventsByTicket: groupedBy<TicketEvent, 'ticketId'>('ticketId', (ticketIds) =>
      prisma.ticketEvent.findMany({ where: { ticketId: { in: ticketIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ),
    webhook: byId<Webhook>((ids) => prisma.webhook.findMany({ where: { id: { in: ids } } })),
    outboxEvent: byId<OutboxEvent>((ids) => prisma.outboxEvent.findMany({ where: { id: { in: ids } } })),
    webhookAttempts: groupedBy<WebhookAttempt, 'deliveryId'>('deliveryId', (deliveryIds) =>
      prisma.webhookAttempt.findMany({ where: { deliveryId: { in: deliveryIds } }, orderBy: { number: 'asc' } }),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
