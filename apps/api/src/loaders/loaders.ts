// Per-request DataLoaders: every relation a list can ask for is fetched in one statement per
// kind, whatever the page size.
import DataLoader from 'dataloader';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { MEMBERSHIP_ORDER } from '../auth/viewer.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { createMessageWindowLoader } from './message-window.js';
import {
  Prisma,
  type ApiKey,
  type Attachment,
  type Article,
  type CannedResponse,
  type CannedResponseVersion,
  type Category,
  type Department,
  type DepartmentMembership,
  type EmailMessage,
  type InboundEmail,
  type Holiday,
  type Incident,
  type Invitation,
  type IncidentUpdate,
  type Message,
  type OutboxEvent,
  type PrismaClient,
  type ReplyDraft,
  type SavedView,
  type AutomationRule,
  type Macro,
  type Tag,
  type Rating,
  type SlaPolicy,
  type StaffNotification,
  type Suggestion,
  type SuggestionComment,
  type SuggestionVote,
  type Ticket,
  type TicketEvent,
  type TicketFollower,
  type User,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
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

/** Which rows of a capped list are read: at most `limit` per key, the first ones in `order` (SQL). */
interface ListCap {
  table: string;
  order: string;
  limit: number;
  where?: Prisma.Sql;
}

/**
 * Like groupedBy, but reads at most `cap.limit` rows per key (LIST_MAXIMUM), so a ticket with
 * thousands of events costs no more to read than its list may show: the ids come from a window
 * over the keys' rows, then the rows themselves, in two statements whatever the number of keys.
 */
function cappedGroupedBy<Row, Key extends keyof Row & string>(
  prisma: PrismaClient,
  key: Key,
  cap: ListCap,
  fetch: (ids: string[]) => Promise<Row[]>,
): DataLoader<string, Row[]> {
  return groupedBy(key, async (keys) => {
    const ranked = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM (
        SELECT "id", row_number() OVER (PARTITION BY ${Prisma.raw(`"${key}"`)} ORDER BY ${Prisma.raw(cap.order)}) AS position
        FROM ${Prisma.raw(`"${cap.table}"`)}
        WHERE ${Prisma.raw(`"${key}"`)} = ANY(${keys}::uuid[]) AND ${cap.where ?? Prisma.sql`TRUE`}
      ) ranked
      WHERE position <= ${cap.limit}`;
    return fetch(ranked.map((row) => row.id));
  });
}

/** Tags by name as people read them: the database's collation may put every capital first. */
export const byTagName = (a: Pick<Tag, 'name'>, b: Pick<Tag, 'name'>) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

export function createLoaders(prisma: PrismaClient) {
  return {
    /** A person's departments, primary (oldest) first. */
    memberships: groupedBy<DepartmentMembership, 'userId'>('userId', (userIds) =>
      prisma.departmentMembership.findMany({ where: { userId: { in: userIds } }, orderBy: MEMBERSHIP_ORDER }),
    ),
    cannedResponseVersions: groupedBy<CannedResponseVersion, 'cannedResponseId'>('cannedResponseId', (ids) =>
      prisma.cannedResponseVersion.findMany({ where: { cannedResponseId: { in: ids } }, orderBy: { language: 'asc' } }),
    ),
    user: byId<User>((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
    department: byId<Department>((ids) => prisma.department.findMany({ where: { id: { in: ids } } })),
    category: byId<Category>((ids) => prisma.category.findMany({ where: { id: { in: ids } } })),
    ticket: byId<Ticket>((ids) => prisma.ticket.findMany({ where: { id: { in: ids } } })),
    /** Keyed by "<userId> <ticketId>". */
    replyDraft: new DataLoader<string, ReplyDraft | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(' ') as [string, string]);
      const rows = await prisma.replyDraft.findMany({
        where: { userId: { in: [...new Set(pairs.map(([userId]) => userId))] }, ticketId: { in: pairs.map(([, ticketId]) => ticketId) } },
      });
      const found = new Map(rows.map((row) => [`${row.userId} ${row.ticketId}`, row]));
      return keys.map((key) => found.get(key) ?? null);
    }),
    staffNotification: byId<StaffNotification>((ids) => prisma.staffNotification.findMany({ where: { id: { in: ids } } })),
    /** A ticket's followers, first to follow first. */
    ticketFollowers: groupedBy<TicketFollower, 'ticketId'>('ticketId', (ticketIds) =>
      prisma.ticketFollower.findMany({ where: { ticketId: { in: ticketIds } }, orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }] }),
    ),
    /** Keyed by "<userId> <ticketId>": the oldest message by someone else since the person last read the ticket. */
    firstUnreadMessage: new DataLoader<string, Message | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(' ') as [string, string]);
      const rows = await prisma.$queryRaw<Array<Message & { readerId: string }>>`
        SELECT DISTINCT ON (k."readerId", m."ticketId") k."readerId", m.*
        FROM unnest(${pairs.map(([userId]) => userId)}::uuid[], ${pairs.map(([, ticketId]) => ticketId)}::uuid[]) AS k("readerId", "ticketId")
        JOIN "Message" m ON m."ticketId" = k."ticketId"
        LEFT JOIN "TicketRead" r ON r."userId" = k."readerId" AND r."ticketId" = k."ticketId"
        WHERE m."authorId" IS DISTINCT FROM k."readerId" AND (r."readAt" IS NULL OR m."createdAt" > r."readAt")
        ORDER BY k."readerId", m."ticketId", m."createdAt", m."id"`;
      const found = new Map(rows.map(({ readerId, ...message }) => [`${readerId} ${message.ticketId}`, message]));
      return keys.map((key) => found.get(key) ?? null);
    }),
    ratingByTicket: new DataLoader<string, Rating | null>(async (ticketIds) => {
      const rows = new Map(
        (await prisma.rating.findMany({ where: { ticketId: { in: [...ticketIds] } } })).map((row) => [row.ticketId, row]),
      );
      return ticketIds.map((id) => rows.get(id) ?? null);
    }),
    incident: byId<Incident>((ids) => prisma.incident.findMany({ where: { id: { in: ids } } })),
    incidentUpdates: cappedGroupedBy<IncidentUpdate, 'incidentId'>(
      prisma,
      'incidentId',
      { table: 'IncidentUpdate', order: '"createdAt" DESC, "id" DESC', limit: LIST_MAXIMUM.incidentUpdates },
      (ids) => prisma.incidentUpdate.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    ),
    /** Each article's "was this helpful?" votes, counted. */
    articleVotes: new DataLoader<string, { helpful: number; notHelpful: number }>(async (articleIds) => {
      const rows = await prisma.articleVote.groupBy({
        by: ['articleId', 'helpful'],
        where: { articleId: { in: [...articleIds] } },
        _count: true,
      });
      return articleIds.map((id) => ({
        helpful: rows.find((row) => row.articleId === id && row.helpful)?._count ?? 0,
        notHelpful: rows.find((row) => row.articleId === id && !row.helpful)?._count ?? 0,
      }));
    }),
    /** Other published articles of each one's category, else of its department, most voted first. */
    relatedArticles: new DataLoader<Article, Article[], string>(
      async (articles) => {
        const categoryIds = [...new Set(articles.flatMap((article) => (article.categoryId ? [article.categoryId] : [])))];
        const departmentIds = [...new Set(articles.flatMap((article) => (article.departmentId ? [article.departmentId] : [])))];
        const candidates = await prisma.article.findMany({
          where: { status: 'PUBLISHED', OR: [{ categoryId: { in: categoryIds } }, { departmentId: { in: departmentIds } }] },
          orderBy: [{ votes: { _count: 'desc' } }, { updatedAt: 'desc' }, { id: 'asc' }],
          take: 1_000,
        });
        return articles.map((article) => {
          const others = candidates.filter((candidate) => candidate.id !== article.id);
          const sameCategory = others.filter((candidate) => article.categoryId !== null && candidate.categoryId === article.categoryId);
          const sameDepartment = others.filter(
            (candidate) =>
              !sameCategory.includes(candidate) && article.departmentId !== null && candidate.departmentId === article.departmentId,
          );
          return [...sameCategory, ...sameDepartment].slice(0, LIST_MAXIMUM.relatedArticles);
        });
      },
      { cacheKeyFn: (article) => article.id },
    ),
    /** Followers of each incident who said "me too". */
    incidentAffectedCount: new DataLoader<string, number>(async (incidentIds) => {
      const counts = await prisma.incidentFollower.groupBy({
        by: ['incidentId'],
        where: { incidentId: { in: [...incidentIds] }, affected: true },
        _count: true,
      });
      const byIncident = new Map(counts.map((row) => [row.incidentId, row._count]));
      return incidentIds.map((id) => byIncident.get(id) ?? 0);
    }),
    incidentTicketCount: new DataLoader<string, number>(async (incidentIds) => {
      const counts = await prisma.ticket.groupBy({ by: ['incidentId'], where: { incidentId: { in: [...incidentIds] } }, _count: true });
      const byIncident = new Map(counts.map((row) => [row.incidentId, row._count]));
      return incidentIds.map((id) => byIncident.get(id) ?? 0);
    }),
    /** Who owns the tickets linked to each incident: the distinct department and assignee pairs, enough for incident.policy's canManage. */
    incidentTicketOwners: new DataLoader<string, Array<Pick<Ticket, 'departmentId' | 'assigneeId'>>>(async (incidentIds) => {
      const owners = await prisma.ticket.groupBy({
        by: ['incidentId', 'departmentId', 'assigneeId'],
        where: { incidentId: { in: [...incidentIds] } },
      });
      return incidentIds.map((id) => owners.filter((owner) => owner.incidentId === id));
    }),
    messageWindow: createMessageWindowLoader(prisma),
    categoriesByDepartment: cappedGroupedBy<Category, 'departmentId'>(
      prisma,
      'departmentId',
      { table: 'Category', order: '"name", "id"', limit: LIST_MAXIMUM.categoriesPerDepartment, where: Prisma.sql`"active"` },
      (ids) => prisma.category.findMany({ where: { id: { in: ids } }, orderBy: { name: 'asc' } }),
    ),
    /** Archived ones too, for staff administering the department. */
    allCategoriesByDepartment: cappedGroupedBy<Category, 'departmentId'>(
      prisma,
      'departmentId',
      { table: 'Category', order: '"name", "id"', limit: LIST_MAXIMUM.categoriesPerDepartment },
      (ids) => prisma.category.findMany({ where: { id: { in: ids } }, orderBy: { name: 'asc' } }),
    ),
    departmentCounts: new DataLoader<string, { tickets: number; openTickets: number; members: number }>(async (departmentIds) => {
      const ids = [...departmentIds];
      const [tickets, open, members] = await Promise.all([
        prisma.ticket.groupBy({ by: ['departmentId'], where: { departmentId: { in: ids } }, _count: true }),
        prisma.ticket.groupBy({
          by: ['departmentId'],
          where: { departmentId: { in: ids }, status: { in: [...UNRESOLVED_STATUSES] } },
          _count: true,
        }),
        prisma.departmentMembership.groupBy({
          by: ['departmentId'],
          where: { departmentId: { in: ids }, user: { deactivatedAt: null } },
          _count: true,
        }),
      ]);
      const count = (rows: Array<{ departmentId: string | null; _count: number }>, id: string) =>
        rows.find((row) => row.departmentId === id)?._count ?? 0;
      return ids.map((id) => ({ tickets: count(tickets, id), openTickets: count(open, id), members: count(members, id) }));
    }),
    suggestionVotes: groupedBy<SuggestionVote, 'suggestionId'>('suggestionId', (suggestionIds) =>
      prisma.suggestionVote.findMany({ where: { suggestionId: { in: suggestionIds } } }),
    ),
    suggestionComments: cappedGroupedBy<SuggestionComment, 'suggestionId'>(
      prisma,
      'suggestionId',
      { table: 'SuggestionComment', order: '"createdAt" DESC, "id" DESC', limit: LIST_MAXIMUM.suggestionComments },
      (ids) => prisma.suggestionComment.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ),
    eventsByTicket: cappedGroupedBy<TicketEvent, 'ticketId'>(
      prisma,
      'ticketId',
      { table: 'TicketEvent', order: '"createdAt" DESC, "id" DESC', limit: LIST_MAXIMUM.ticketHistory },
      (ids) => prisma.ticketEvent.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ),
    webhook: byId<Webhook>((ids) => prisma.webhook.findMany({ where: { id: { in: ids } } })),
    webhookDelivery: byId<WebhookDelivery>((ids) => prisma.webhookDelivery.findMany({ where: { id: { in: ids } } })),
    message: byId<Message>((ids) => prisma.message.findMany({ where: { id: { in: ids } } })),
    attachment: byId<Attachment>((ids) => prisma.attachment.findMany({ where: { id: { in: ids } } })),
    /** A message's files, in the order they were uploaded. */
    attachmentsByMessage: cappedGroupedBy<Attachment, 'messageId'>(
      prisma,
      'messageId',
      { table: 'Attachment', order: '"createdAt", "id"', limit: LIST_MAXIMUM.attachments },
      (ids) => prisma.attachment.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ),
    /** The files sent with a report itself (on the ticket, on no message). */
    reportAttachments: cappedGroupedBy<Attachment, 'ticketId'>(
      prisma,
      'ticketId',
      { table: 'Attachment', order: '"createdAt", "id"', limit: LIST_MAXIMUM.attachments, where: Prisma.sql`"messageId" IS NULL` },
      (ids) => prisma.attachment.findMany({ where: { id: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ),
    rating: byId<Rating>((ids) => prisma.rating.findMany({ where: { id: { in: ids } } })),
    article: byId<Article>((ids) => prisma.article.findMany({ where: { id: { in: ids } } })),
    emailMessage: byId<EmailMessage>((ids) => prisma.emailMessage.findMany({ where: { id: { in: ids } } })),
    inboundEmail: byId<InboundEmail>((ids) => prisma.inboundEmail.findMany({ where: { id: { in: ids } } })),
    invitation: byId<Invitation>((ids) => prisma.invitation.findMany({ where: { id: { in: ids } } })),
    slaPolicy: byId<SlaPolicy>((ids) => prisma.slaPolicy.findMany({ where: { id: { in: ids } } })),
    holiday: byId<Holiday>((ids) => prisma.holiday.findMany({ where: { id: { in: ids } } })),
    apiKey: byId<ApiKey>((ids) => prisma.apiKey.findMany({ where: { id: { in: ids } } })),
    suggestion: byId<Suggestion>((ids) => prisma.suggestion.findMany({ where: { id: { in: ids } } })),
    cannedResponse: byId<CannedResponse>((ids) => prisma.cannedResponse.findMany({ where: { id: { in: ids } } })),
    savedView: byId<SavedView>((ids) => prisma.savedView.findMany({ where: { id: { in: ids } } })),
    automationRule: byId<AutomationRule>((ids) => prisma.automationRule.findMany({ where: { id: { in: ids } } })),
    macro: byId<Macro>((ids) => prisma.macro.findMany({ where: { id: { in: ids } } })),
    tag: byId<Tag>((ids) => prisma.tag.findMany({ where: { id: { in: ids } } })),
    /** The ids of the tickets linked to a ticket as related, newest link first (at most LIST_MAXIMUM.relatedTickets). */
    relatedTicketIds: new DataLoader<string, string[]>(async (ticketIds) => {
      const keys = [...ticketIds];
      const rows = await prisma.ticketLink.findMany({
        where: { OR: [{ ticketId: { in: keys } }, { relatedTicketId: { in: keys } }] },
        orderBy: [{ createdAt: 'desc' }],
      });
      return keys.map((id) =>
        rows
          .flatMap((row) => (row.ticketId === id ? [row.relatedTicketId] : row.relatedTicketId === id ? [row.ticketId] : []))
          .slice(0, LIST_MAXIMUM.relatedTickets),
      );
    }),
    /** A ticket's tags, by name. */
    tagsByTicket: new DataLoader<string, Tag[]>(async (ticketIds) => {
      const rows = await prisma.ticketTag.findMany({
        where: { ticketId: { in: [...ticketIds] } },
        include: { tag: true },
      });
      return ticketIds.map((id) =>
        rows
          .filter((row) => row.ticketId === id)
          .map((row) => row.tag)
          .sort(byTagName),
      );
    }),
    outboxEvent: byId<OutboxEvent>((ids) => prisma.outboxEvent.findMany({ where: { id: { in: ids } } })),
    webhookAttempts: cappedGroupedBy<WebhookAttempt, 'deliveryId'>(
      prisma,
      'deliveryId',
      { table: 'WebhookAttempt', order: '"number" DESC', limit: LIST_MAXIMUM.webhookAttempts },
      (ids) => prisma.webhookAttempt.findMany({ where: { id: { in: ids } }, orderBy: { number: 'asc' } }),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
