// Who on the staff hears of a ticket's change: the rules of notifications/staff-notices.ts with the
// ticket's own rule of who sees it (ticket.policy.ts `works`), so nobody is told about a ticket
// they cannot open, and a mention of such a colleague is refused before anything is written.
import type { Prisma, Ticket as TicketRow } from '@studentdesk/db';
import { isStaffRole, MEMBERSHIP_ORDER, type Person } from '../auth/viewer.js';
import { badInput } from '../errors.js';
import { mentionTokens, type StaffNotice, type StaffNoticeDraft, writeStaffNotices } from '../notifications/staff-notices.js';
import { parseGlobalId } from '../relay/global-id.js';
import * as ticketPolicy from './ticket.policy.js';

/** A transaction, or the client itself (which is one). */
type Tx = Prisma.TransactionClient;
type Ownership = Pick<TicketRow, 'id' | 'departmentId' | 'assigneeId'>;

/** Active staff among these people, with their departments. */
async function activeStaff(tx: Tx, userIds: readonly string[]): Promise<Person[]> {
  if (!userIds.length) return [];
  const people = await tx.user.findMany({
    where: { id: { in: [...userIds] }, deactivatedAt: null },
    include: { memberships: { orderBy: MEMBERSHIP_ORDER } },
  });
  return people.filter((person) => isStaffRole(person.role));
}

const sees = (person: Person, ticket: Ownership) => ticketPolicy.works({ kind: 'user', user: person }, ticket);

/** Notifies those of `userIds` who can see each ticket (never the actor) inside the caller's transaction. */
export async function noticeStaff(
  tx: Tx,
  now: Date,
  tickets: readonly Ownership[],
  userIds: Iterable<string>,
  draft: Omit<StaffNoticeDraft, 'ticketId'>,
): Promise<StaffNotice[]> {
  const people = await activeStaff(tx, [...new Set(userIds)]);
  return writeStaffNotices(
    tx,
    now,
    tickets.flatMap((ticket) =>
      people.filter((person) => sees(person, ticket)).map((person) => ({ ...draft, ticketId: ticket.id, recipientId: person.id })),
    ),
  );
}

/** The student answered: the assignee and the ticket's followers hear of it. */
export async function noticeStudentReply(
  tx: Tx,
  now: Date,
  ticket: TicketRow,
  authorId: string | null,
  messageId: string,
): Promise<StaffNotice[]> {
  const followers = await tx.ticketFollower.findMany({ where: { ticketId: ticket.id }, select: { userId: true } });
  const recipients = [...(ticket.assigneeId ? [ticket.assigneeId] : []), ...followers.map((row) => row.userId)];
  return noticeStaff(tx, now, [ticket], recipients, { kind: 'STUDENT_REPLIED', actorId: authorId, messageId });
}

/**
 * The colleagues an internal note mentions, by id. A mention of someone who cannot see the
 * ticket (another department, deactivated, a student) is refused with BAD_USER_INPUT naming them:
 * the writer learns at once that the note would not reach them, rather than the note going out
 * with a mention that silently tells nobody.
 */
export async function mentionedColleagues(prisma: Tx, ticket: Ownership, body: string): Promise<string[]> {
  const tokens = mentionTokens(body);
  if (!tokens.length) return [];
  const ids = tokens.map((token) => {
    const parsed = parseGlobalId(token.userGlobalId);
    if (parsed?.type !== 'User') throw badInput(`The mention of ${token.name} does not name a colleague. Pick them from the list.`, 'body');
    return parsed.id;
  });
  const people = await activeStaff(prisma, ids);
  for (const [index, id] of ids.entries()) {
    const person = people.find((candidate) => candidate.id === id);
    if (!person || !sees(person, ticket)) {
      throw badInput(`${tokens[index]!.name} cannot see this ticket, so a mention would not reach them. Remove the mention.`, 'body');
    }
  }
  return [...new Set(ids)];
}
