// Everything the desk holds about one person, as sections of rows read page by page (keyset on the
// id, EXPORT_PAGE rows at a time) and written out as they are read: a person with thousands of
// tickets streams, never one string in memory. export-format.ts writes the rows as JSON or HTML.
//
// Internal notes: an admin's export includes the internal notes on the person's tickets, marked
// `internal: true` (GDPR Art. 15 covers personal data about them, FERPA education records); the
// admin reads the package before handing it over and may withhold a note the law lets them
// withhold. A person's own export (self-service) shows what the portal shows them: no notes.
import type { Message as MessageRow, Prisma, PrismaClient, User as UserRow } from '@studentdesk/db';
import { formatTicketNumber } from '@studentdesk/domain';

/** Rows read per query: bounded memory whatever the person's history. */
export const EXPORT_PAGE = 200;

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Row = { [key: string]: Value };

export interface Section {
  key: string;
  title: string;
  /** What the section holds, for the reader of the HTML page and the JSON's documentation. */
  about: string;
  rows: () => AsyncIterable<Row>;
}

export interface ExportOptions {
  /** Internal notes on their tickets: admins' exports only. */
  includeInternalNotes: boolean;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Reads `fetch` page after page, each after the last id of the one before, until a short page. */
async function* pagesOf<T>(fetch: (after: string | undefined) => Promise<T[]>, idOf: (row: T) => string): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    after = idOf(rows.at(-1)!);
  }
}

async function* paged<T>(fetch: (after: string | undefined) => Promise<T[]>, idOf: (row: T) => string): AsyncGenerator<T> {
  for await (const page of pagesOf(fetch, idOf)) yield* page;
}

const TICKET_PARTS = {
  category: { select: { name: true } },
  department: { select: { name: true } },
  rating: true,
} satisfies Prisma.TicketInclude;
type TicketWithParts = Prisma.TicketGetPayload<{ include: typeof TICKET_PARTS }>;

function ticketRow(ticket: TicketWithParts, messages: MessageRow[], authors: Map<string, string>, person: UserRow): Row {
  return {
    reference: formatTicketNumber(ticket.number),
    title: ticket.title,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    department: ticket.department.name,
    category: ticket.category.name,
    contactName: ticket.contactName,
    contactEmail: ticket.contactEmail,
    studentNumber: ticket.studentNumber,
    expectedResolutionHours: ticket.expectedResolutionHours,
    desiredOutcome: ticket.desiredOutcome,
    reportedAt: iso(ticket.createdAt),
    resolvedAt: iso(ticket.resolvedAt),
    closedAt: iso(ticket.closedAt),
    rating: ticket.rating
      ? {
          score: ticket.rating.score,
          expectation: ticket.rating.expectation,
          comment: ticket.rating.comment,
          ratedAt: iso(ticket.rating.createdAt),
        }
      : null,
    conversation: messages
      .filter((message) => message.ticketId === ticket.id)
      .map((message) => ({
        at: iso(message.createdAt),
        author: message.authorId === person.id ? person.name : message.authorId ? (authors.get(message.authorId) ?? null) : null,
        internal: message.internal,
        body: message.body,
      })),
  };
}

const byId = { orderBy: { id: 'asc' as const }, take: EXPORT_PAGE };
const afterId = (after: string | undefined) => (after ? { id: { gt: after } } : {});

/** Tickets they reported: signed in, or as a guest with their address. */
export const reportedBy = (person: Pick<UserRow, 'id' | 'email'>) => ({
  OR: [{ requesterId: person.id }, { contactEmail: person.email.toLowerCase() }],
});

/** The opposite, spelled out: NOT over a nullable requesterId would drop guests' tickets (SQL's NULL). */
const notReportedBy = (person: Pick<UserRow, 'id' | 'email'>) => ({
  OR: [{ requesterId: null }, { requesterId: { not: person.id } }],
  contactEmail: { not: person.email.toLowerCase() },
});

async function namesOf(prisma: PrismaClient, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

export function personSections(prisma: PrismaClient, person: UserRow, options: ExportOptions): Section[] {
  const userId = person.id;
  return [
    {
      key: 'externalIdentities',
      title: 'Single sign-on identities',
      about: 'The identity providers they sign in through, and the id each provider knows them by.',
      rows: async function* () {
        const rows = paged(
          (after) => prisma.externalIdentity.findMany({ where: { userId, ...afterId(after) }, ...byId }),
          (row) => row.id,
        );
        for await (const identity of rows) {
          yield {
            provider: identity.issuer,
            subject: identity.subject,
            linkedAt: iso(identity.createdAt),
            lastUsedAt: iso(identity.lastUsedAt),
          };
        }
      },
    },
    {
      key: 'sessions',
      title: 'Sign-ins',
      about: 'Each sign-in: when, from which address, last seen, and when it ended.',
      rows: async function* () {
        const rows = paged(
          (after) => prisma.session.findMany({ where: { userId, ...afterId(after) }, ...byId }),
          (row) => row.id,
        );
        for await (const session of rows) {
          yield {
            signedInAt: iso(session.createdAt),
            address: session.address,
            lastSeenAt: iso(session.lastSeenAt),
            expiresAt: iso(session.expiresAt),
            endedAt: iso(session.revokedAt),
          };
        }
      },
    },
    {
      key: 'tickets',
      title: 'Problems they reported',
      about: options.includeInternalNotes
        ? 'Each ticket with its conversation, internal notes of staff included (marked internal), and its rating.'
        : 'Each ticket with its conversation and its rating.',
      rows: async function* () {
        const pages = pagesOf(
          (after) => prisma.ticket.findMany({ where: { AND: [reportedBy(person), afterId(after)] }, include: TICKET_PARTS, ...byId }),
          (row) => row.id,
        );
        for await (const tickets of pages) {
          // One query for the messages of a page of tickets, not one per ticket.
          const messages = await prisma.message.findMany({
            where: { ticketId: { in: tickets.map((ticket) => ticket.id) }, ...(!options.includeInternalNotes && { internal: false }) },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          });
          const authors = await namesOf(
            prisma,
            messages.map((message) => message.authorId),
          );
          for (const ticket of tickets) yield ticketRow(ticket, messages, authors, person);
        }
      },
    },
    {
      key: 'messagesOnOtherTickets',
      title: 'Messages they wrote on other tickets',
      about: 'Replies and notes they wrote on tickets someone else reported (staff work): their own words only.',
      rows: async function* () {
        const rows = paged(
          (after) =>
            prisma.message.findMany({
              where: { authorId: userId, ticket: notReportedBy(person), ...afterId(after) },
              include: { ticket: { select: { number: true } } },
              ...byId,
            }),
          (row) => row.id,
        );
        for await (const message of rows) {
          yield {
            ticket: formatTicketNumber(message.ticket.number),
            at: iso(message.createdAt),
            internal: message.internal,
            body: message.body,
          };
        }
      },
    },
    {
      key: 'ratings',
      title: 'Ratings they gave',
      about: 'Satisfaction ratings they submitted (1–5), whether expectations were met, and their comment.',
      rows: async function* () {
        const rows = paged(
          (after) =>
            prisma.rating.findMany({
              where: { ratedById: userId, ...afterId(after) },
              include: { ticket: { select: { number: true } } },
              ...byId,
            }),
          (row) => row.id,
        );
        for await (const rating of rows) {
          yield {
            ticket: formatTicketNumber(rating.ticket.number),
            score: rating.score,
            expectation: rating.expectation,
            comment: rating.comment,
            ratedAt: iso(rating.createdAt),
          };
        }
      },
    },
    {
      key: 'suggestions',
      title: 'Improvement suggestions they made',
      about: 'Suggestions they raised, and the decision on each.',
      rows: async function* () {
        const rows = paged(
          (after) => prisma.suggestion.findMany({ where: { authorId: userId, ...afterId(after) }, ...byId }),
          (row) => row.id,
        );
        for await (const suggestion of rows) {
          yield {
            title: suggestion.title,
            body: suggestion.body,
            status: suggestion.status,
            decisionReason: suggestion.decisionReason,
            createdAt: iso(suggestion.createdAt),
          };
        }
      },
    },
    {
      key: 'suggestionComments',
      title: 'Comments on suggestions',
      about: 'What they wrote about suggestions.',
      rows: async function* () {
        const rows = paged(
          (after) =>
            prisma.suggestionComment.findMany({
              where: { authorId: userId, ...afterId(after) },
              include: { suggestion: { select: { title: true } } },
              ...byId,
            }),
          (row) => row.id,
        );
        for await (const comment of rows) yield { suggestion: comment.suggestion.title, body: comment.body, at: iso(comment.createdAt) };
      },
    },
    {
      key: 'suggestionVotes',
      title: 'Votes on suggestions',
      about: 'The suggestions they voted for.',
      rows: async function* () {
        const rows = paged(
          (after) =>
            prisma.suggestionVote.findMany({
              where: { userId, ...(after && { suggestionId: { gt: after } }) },
              include: { suggestion: { select: { title: true } } },
              orderBy: { suggestionId: 'asc' },
              take: EXPORT_PAGE,
            }),
          (row) => row.suggestionId,
        );
        for await (const vote of rows) yield { suggestion: vote.suggestion.title, at: iso(vote.createdAt) };
      },
    },
    {
      key: 'emails',
      title: 'Emails sent to them',
      about: 'Every email the desk wrote to their address, and whether it was delivered.',
      rows: async function* () {
        const rows = paged(
          (after) => prisma.emailMessage.findMany({ where: { toAddress: person.email.toLowerCase(), ...afterId(after) }, ...byId }),
          (row) => row.id,
        );
        for await (const email of rows) {
          yield {
            kind: email.kind,
            to: email.toAddress,
            subject: email.subject,
            text: email.text,
            status: email.status,
            writtenAt: iso(email.createdAt),
            sentAt: iso(email.sentAt),
          };
        }
      },
    },
    {
      key: 'auditEntries',
      title: 'Audit log entries',
      about:
        'Admin and permission-relevant actions they took, or that were taken on their account. The address is shown for their own actions only.',
      rows: async function* () {
        const rows = paged(
          (after) =>
            prisma.auditEntry.findMany({
              where: { OR: [{ actorUserId: userId }, { subjectType: 'User', subjectId: userId }], ...afterId(after) },
              ...byId,
            }),
          (row) => row.id,
        );
        for await (const entry of rows) {
          const actor = entry.actorUserId === userId;
          yield {
            at: iso(entry.at),
            action: entry.action,
            role: actor ? 'actor' : 'subject',
            address: actor ? entry.address : null,
            details: entry.details as Value,
          };
        }
      },
    },
  ];
}

/** The account itself: the first thing in every export. */
export async function accountOf(prisma: PrismaClient, person: UserRow): Promise<Row> {
  const memberships = await prisma.departmentMembership.findMany({
    where: { userId: person.id },
    orderBy: [{ createdAt: 'asc' }, { departmentId: 'asc' }],
    select: { role: true, department: { select: { name: true } } },
  });
  return {
    name: person.name,
    email: person.email,
    role: person.role,
    studentNumber: person.studentNumber,
    language: person.language,
    staffReplyEmails: person.staffReplyEmails,
    ratingReminderEmails: person.ratingReminderEmails,
    departments: memberships.map((membership) => ({ name: membership.department.name, role: membership.role })),
    createdAt: iso(person.createdAt),
    deactivatedAt: iso(person.deactivatedAt),
    erasedAt: iso(person.erasedAt),
    hasPassword: Boolean(person.passwordHash),
  };
}
