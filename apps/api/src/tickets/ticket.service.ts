// The rules of a ticket's life: reporting, talking, assigning, resolving, reopening. Every change
// is one transaction that also writes its TicketEvent; live updates go out after it commits.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type Message as MessageRow,
  type Prisma,
  TicketEventType,
  type Priority,
  type Ticket as TicketRow,
  type TicketChannel,
  type User as UserRow,
} from '@studentdesk/db';
import { isLanguage, LANGUAGES, TicketStatus } from '@studentdesk/domain';
import { linkAttachments, referencedIds } from '../attachments/attachment.link.js';
import { actsIn, enforce, isStaffRole, requireStaff, viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, ClientError, ErrorCode, isUniqueViolation, notFound } from '../errors.js';
import { recordEvent, recordManyTicketChanges, recordMessageCreated, ticketSnapshot } from '../integrations/webhook-events.js';
import { emailResolved, emailStaffReply, emailTrackingLink } from './ticket.notifications.js';
import type { StaffNotice } from '../notifications/staff-notices.js';
import { announceStaffNotices, announceTicketChange } from '../realtime/pubsub.js';
import { fromGlobalId } from '../relay/global-id.js';
import { departmentCalendar } from '../sla/sla.calendar.js';
import { dueTimes, type DueTimes } from '../sla/sla.due-times.js';
import { slaClockChange } from '../sla/sla.pause.js';
import type { ReplyInput, ReportProblemInput, ResolveTicketInput } from './ticket.inputs.js';
import { refuseIfChangedSince } from './reply-conflict.js';
import { mentionedColleagues, noticeStaff, noticeStudentReply } from './ticket.staff-notices.js';
import * as ticketPolicy from './ticket.policy.js';
import type { TicketAccess } from './ticket.policy.js';
import { assertTransition, isResolved } from './ticket.status.js';
import { issueTrackingCode, newTrackingCode, openTrackingCode, submissionTrackingCode, ticketIdForTrackingCode } from './tracking-code.js';

type Tx = Prisma.TransactionClient;

/** Trimmed text, or BAD_USER_INPUT naming the field when nothing but spaces is left. */
function requiredText(value: string | null | undefined, field: string, message: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(message, field);
  return text;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a < b ? a : b;
}

/** Proves a tracking code for this request, so the ticket's fields resolve for a guest. */
export async function grantTrackingCode(ctx: Context, code: string | null | undefined): Promise<void> {
  if (!code) return;
  const ticketId = await openTrackingCode(ctx, code);
  if (ticketId) ctx.trackingGrants.add(ticketId);
}

/** The ticket behind a global ID and how the viewer may act on it; NOT_FOUND / FORBIDDEN otherwise. */
export async function loadTicket(ctx: Context, globalId: string, field = 'ticketId'): Promise<{ ticket: TicketRow; access: TicketAccess }> {
  const id = fromGlobalId(globalId, 'Ticket', field);
  const ticket = await ctx.loaders.ticket.load(id);
  if (!ticket) throw notFound('There is no ticket with this ID.');
  enforce(ticketPolicy.canRead(ctx.viewer, ticket, ctx.trackingGrants));
  return { ticket, access: ticketPolicy.ticketAccess(ctx.viewer, ticket, ctx.trackingGrants)! };
}

/** A ticket staff are about to change: the acting staff member and the ticket they work on. */
export async function loadTicketAsStaff(
  ctx: Context,
  globalId: string,
  field = 'ticketId',
): Promise<{ actor: UserRow; ticket: TicketRow }> {
  const actor = requireStaff(ctx.viewer);
  const { ticket } = await loadTicket(ctx, globalId, field);
  enforce(ticketPolicy.canWork(ctx.viewer, ticket));
  return { actor, ticket };
}

/** After a change committed: later reads in this request see it, and followers hear of it. */
export function afterChange(ctx: Context, updated: TicketRow): TicketRow {
  ctx.loaders.ticket.clear(updated.id).prime(updated.id, updated);
  announceTicketChange(ctx.app.pubSub, updated);
  return updated;
}

/** For reporters who did not sign in: the ticket their code opens, or NOT_FOUND. */
export async function trackTicket(ctx: Context, trackingCode: string): Promise<TicketRow> {
  const ticketId = await openTrackingCode(ctx, trackingCode);
  const ticket = ticketId ? await ctx.loaders.ticket.load(ticketId) : null;
  if (!ticket) throw notFound('This tracking link is not valid. Check that you copied the whole link.');
  ctx.trackingGrants.add(ticket.id);
  return ticket;
}

type StatusEvent = { type: TicketEventType; detail?: Prisma.InputJsonObject };

/** A status change: to what, by whom, when, the history entry, and more fields to write with it. */
type StatusChange = [to: TicketStatus, actor: UserRow | null, now: Date, event: StatusEvent, data?: Prisma.TicketUncheckedUpdateManyInput];

/**
 * Changes a ticket's status at `now` if it is still what we read; a concurrent change makes the
 * second writer fail with CONFLICT instead of silently overwriting the first. Waiting on the
 * student stops the resolution clock, and leaving the wait starts it again (sla/sla.pause.ts).
 */
async function transition(tx: Tx, ticket: TicketRow, ...change: StatusChange): Promise<TicketRow> {
  return (await transitionAll(tx, [ticket], ...change))[0]!;
}

/** transition, for many tickets in one go (a bulk update). */
async function transitionAll(tx: Tx, tickets: readonly TicketRow[], ...change: StatusChange): Promise<TicketRow[]> {
  for (const ticket of tickets) assertTransition(ticket.status, change[0]);
  return writeStatuses(tx, tickets, ...change);
}

/** The tickets as they now are, in the order given. */
async function reread(tx: Tx, tickets: readonly Pick<TicketRow, 'id'>[]): Promise<TicketRow[]> {
  const rows = new Map(
    (await tx.ticket.findMany({ where: { id: { in: tickets.map((ticket) => ticket.id) } } })).map((row) => [row.id, row]),
  );
  return tickets.map((ticket) => rows.get(ticket.id)!);
}

/**
 * The write behind every status change, without the status machine's check: only an undo
 * (tickets/ticket.bulk.ts), which puts tickets back where they were, calls it directly.
 */
export async function writeStatuses(
  tx: Tx,
  tickets: readonly TicketRow[],
  ...[to, actor, now, event, data = {}]: StatusChange
): Promise<TicketRow[]> {
  if (!tickets.length) return [];
  // Tickets from one status whose change writes the same values (most of a batch) share one guarded UPDATE.
  const writes = new Map<string, { from: TicketStatus; data: Prisma.TicketUncheckedUpdateManyInput; ids: string[] }>();
  for (const ticket of tickets) {
    const write = { ...data, ...(await slaClockChange(tx, ticket, to, now)), status: to };
    const key = JSON.stringify([ticket.status, write]);
    const group = writes.get(key) ?? { from: ticket.status, data: write, ids: [] };
    group.ids.push(ticket.id);
    writes.set(key, group);
  }
  for (const { from, data: write, ids } of writes.values()) {
    const { count } = await tx.ticket.updateMany({ where: { id: { in: ids }, status: from }, data: write });
    if (count !== ids.length)
      throw new ClientError(ErrorCode.CONFLICT, 'Someone changed this ticket at the same moment. Reload and try again.');
  }
  await tx.ticketEvent.createMany({
    data: tickets.map((ticket) => ({
      ticketId: ticket.id,
      actorId: actor?.id ?? null,
      type: event.type,
      fromStatus: ticket.status,
      toStatus: to,
      detail: event.detail,
    })),
  });
  const updated = await reread(tx, tickets);
  await recordManyTicketChanges(
    tx,
    tickets.map((ticket, index) => [ticket, updated[index]!]),
  );
  return updated;
}

/** A message written at `now` and, when public, its message.created event for webhooks. */
async function writeMessage(
  tx: Tx,
  ticket: TicketRow,
  authorId: string | null,
  body: string,
  now: Date,
  internal = false,
  idempotencyKey: string | null = null,
) {
  const message = await tx.message.create({ data: { ticketId: ticket.id, authorId, body, internal, createdAt: now, idempotencyKey } });
  await recordMessageCreated(tx, ticket, message);
  return message;
}

/**
 * Who reports, through which channel, and the reporter's contact: a signed-in person, a guest, or
 * an integration (API key with tickets:write) reporting on behalf of a student. The integration's
 * student is linked as requester when their student number, or else their email, is known.
 */
async function reporterOf(ctx: Context, input: ReportProblemInput) {
  const contact = (fallback: { name: string; email: string } | null) => ({
    contactName: input.contactName?.trim() || fallback?.name || requiredText(input.contactName, 'contactName', 'Tell us your name.'),
    contactEmail: (fallback && !input.contactEmail?.trim()
      ? fallback.email
      : requiredText(input.contactEmail, 'contactEmail', 'Tell us an email address to reach you.')
    ).toLowerCase(),
  });
  const { viewer } = ctx;
  if (viewer.kind === 'apiKey') {
    enforce(ticketPolicy.canReport(viewer));
    const studentNumber = input.studentNumber?.trim();
    const email = input.contactEmail?.trim().toLowerCase();
    const student =
      studentNumber || email
        ? await ctx.prisma.user.findFirst({
            where: { role: 'STUDENT', deactivatedAt: null, ...(studentNumber ? { studentNumber } : { email }) },
          })
        : null;
    return {
      user: null,
      requester: student,
      channel: 'API' as TicketChannel,
      idempotencyScope: `apiKey:${viewer.apiKey.id}`,
      eventDetail: { apiKeyId: viewer.apiKey.id },
      ...contact(student),
    };
  }
  const user = viewerUser(viewer);
  return {
    user,
    requester: user && !isStaffRole(user.role) ? user : null,
    channel: (!user ? 'GUEST' : isStaffRole(user.role) ? 'CONSOLE' : 'PORTAL') as TicketChannel,
    idempotencyScope: user ? `user:${user.id}` : null,
    eventDetail: undefined,
    ...(user ? { contactName: input.contactName?.trim() || user.name, contactEmail: user.email.toLowerCase() } : contact(null)),
  };
}

/**
 * What makes two submissions one report: everything the reporter sent except the key, as it will
 * be stored. Kept with the key, so a replay with other content is told apart from a retry.
 */
function submissionHash(fields: Array<string | number | null>): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** In constant time, like every comparison of a hash: what the first submission said is not to be learnt by timing. */
function sameSubmission(stored: string | null, requestHash: string): boolean {
  const [a, b] = [Buffer.from(stored ?? '', 'hex'), Buffer.from(requestHash, 'hex')];
  return a.length === b.length && timingSafeEqual(a, b);
}

const keyReused = () =>
  new ClientError(ErrorCode.CONFLICT, 'This idempotency key was already used for a different report. Send a new report with a new key.', {
    http: { status: 409 },
  });

/**
 * Reports a problem. With an idempotency key, a retry of the same submission by the same caller
 * returns the ticket the first attempt stored and the very code it was given (derived, never a
 * new one: see submissionTrackingCode); the same key with different content is CONFLICT (409).
 * Keys are scoped to the caller: a signed-in person or an API key by its id; a guest, who has no
 * identity, by the address they typed, and, because anyone can type anyone's address, they must
 * also send the whole submission again, word for word, to get anything back. Guests are capped
 * per address and their tracking emails per recipient (limits/guest-report-limits.ts).
 */
export async function reportProblem(
  ctx: Context,
  input: ReportProblemInput,
  /** A channel other than the viewer's: EMAIL, for a report that came in by mail (mail-in/). */
  options: { channel?: TicketChannel } = {},
): Promise<{ ticket: TicketRow; trackingCode: string }> {
  const categoryId = fromGlobalId(input.categoryId, 'Category', 'categoryId');
  const title = requiredText(input.title, 'title', 'Give the problem a short title.');
  const description = requiredText(input.description, 'description', 'Describe the problem in a few words.');
  const reporter = await reporterOf(ctx, input);
  const { user, contactName, contactEmail } = reporter;
  const studentNumber = input.studentNumber?.trim() || reporter.requester?.studentNumber || null;
  const expectedResolutionHours = input.expectedResolutionHours ?? null;
  const desiredOutcome = input.desiredOutcome?.trim() || null;
  const attachmentIds = referencedIds(input, ctx.app.config.attachments.maxPerMessage);
  if (input.language && !isLanguage(input.language))
    throw badInput(`Choose one of the languages StudentDesk speaks: ${LANGUAGES.join(', ')}.`, 'language');
  const language = input.language || reporter.requester?.language || null;

  const category = await ctx.prisma.category.findUnique({ where: { id: categoryId }, include: { department: true } });
  // An archived category or department is not offered any more; its tickets stay where they are.
  if (!category?.active || category.department.archivedAt) throw badInput('Choose one of the listed categories.', 'categoryId');

  const submission = input.idempotencyKey
    ? {
        scope: reporter.idempotencyScope ?? `guest:${contactEmail}`,
        key: input.idempotencyKey,
        requestHash: submissionHash([
          category.id,
          title,
          description,
          contactName,
          contactEmail,
          studentNumber,
          expectedResolutionHours,
          desiredOutcome,
        ]),
      }
    : null;
  const trackingCode = submission ? submissionTrackingCode(ctx.app.config.authSecret, submission) : newTrackingCode();
  const replay = async (existing: TicketRow) => {
    // A ticket from before keys were bound to their content has no hash: nothing proves a match.
    if (!sameSubmission(existing.idempotencyRequestHash, submission!.requestHash)) throw keyReused();
    // The code was stored with the ticket; if it no longer opens it (AUTH_SECRET changed), the
    // reporter has it in the tracking email, and no second code is made.
    if ((await ticketIdForTrackingCode(ctx.prisma, trackingCode)) !== existing.id) throw keyReused();
    ctx.loaders.ticket.prime(existing.id, existing);
    return { ticket: existing, trackingCode };
  };
  const stored = () =>
    ctx.prisma.ticket.findUnique({
      where: { idempotencyScope_idempotencyKey: { idempotencyScope: submission!.scope, idempotencyKey: submission!.key } },
    });
  if (submission) {
    const existing = await stored();
    if (existing) return replay(existing);
  }

  const guestLimits = ctx.app.limits.guestReports;
  if (ctx.viewer.kind === 'anonymous') await guestLimits.request(ctx.clientAddress);
  // Only a guest's report is emailed: a signed-in student has "My tickets", an integration its own channel.
  const emailed = ctx.viewer.kind === 'anonymous' && (await guestLimits.mayEmail(contactEmail));

  const priority = category.defaultPriority;
  const policy = await ctx.prisma.slaPolicy.findUnique({
    where: { departmentId_priority: { departmentId: category.departmentId, priority } },
  });
  const createdAt = ctx.app.clock.now();
  const calendar = await departmentCalendar(ctx.prisma, category.department, createdAt);
  try {
    const ticket = await ctx.prisma.$transaction(async (tx) => {
      const created = await tx.ticket.create({
        data: {
          title,
          description,
          priority,
          channel: options.channel ?? reporter.channel,
          categoryId: category.id,
          departmentId: category.departmentId,
          requesterId: reporter.requester?.id ?? null,
          contactName,
          contactEmail,
          studentNumber,
          expectedResolutionHours,
          desiredOutcome,
          language,
          idempotencyScope: submission?.scope ?? null,
          idempotencyKey: submission?.key ?? null,
          idempotencyRequestHash: submission?.requestHash ?? null,
          createdAt,
          ...dueTimes(createdAt, policy, calendar),
          events: {
            create: { actorId: user?.id ?? null, type: TicketEventType.CREATED, toStatus: TicketStatus.NEW, detail: reporter.eventDetail },
          },
        },
      });
      await linkAttachments(tx, attachmentIds, { userId: user?.id ?? null, uploadToken: input.uploadToken }, { ticketId: created.id });
      await recordEvent(tx, 'ticket.created', { ticket: ticketSnapshot(created) });
      await issueTrackingCode(tx, created.id, trackingCode);
      if (emailed) await emailTrackingLink(tx, ctx.app.config.publicUrl, created, trackingCode, category.department.timeZone);
      return created;
    });
    // What the answer usually shows is at hand: once stored, answering needs no more connections,
    // so a saturated pool cannot turn a stored report into an error.
    ctx.loaders.ticket.prime(ticket.id, ticket);
    const { department, ...categoryRow } = category;
    ctx.loaders.category.prime(categoryRow.id, categoryRow);
    ctx.loaders.department.prime(department.id, department);
    if (reporter.requester) ctx.loaders.user.prime(reporter.requester.id, reporter.requester);
    announceTicketChange(ctx.app.pubSub, ticket);
    return { ticket, trackingCode };
  } catch (error) {
    // Two copies of one submission raced; the loser answers with the winner's ticket.
    if (submission && isUniqueViolation(error)) {
      const existing = await stored();
      if (existing) return replay(existing);
    }
    throw error;
  }
}

/**
 * Writes a message and what it implies, inside the caller's transaction: the event, the first
 * response time, and the status (a staff answer opens a new ticket; a student's answer ends the
 * wait for them, at `now`). Shared by replies and incident updates.
 */
export async function addMessage(
  tx: Tx,
  ticket: TicketRow,
  author: UserRow | null,
  access: TicketAccess,
  body: string,
  internal: boolean,
  publicUrl: string,
  now: Date,
  idempotencyKey: string | null = null,
  detail: Prisma.InputJsonObject = {},
) {
  const created = await writeMessage(tx, ticket, author?.id ?? null, body, now, internal, idempotencyKey);
  await tx.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      actorId: author?.id ?? null,
      type: internal ? TicketEventType.NOTE_ADDED : TicketEventType.REPLIED,
      detail: { ...detail, messageId: created.id },
    },
  });
  const staffAnswer = !internal && access === 'staff';
  await tx.ticket.update({
    where: { id: ticket.id },
    data: { updatedAt: created.createdAt, ...(staffAnswer && !ticket.firstRespondedAt ? { firstRespondedAt: created.createdAt } : {}) },
  });
  if (staffAnswer) await emailStaffReply(tx, publicUrl, ticket, author, body);
  const opens = staffAnswer ? ticket.status === TicketStatus.NEW : !internal && ticket.status === TicketStatus.WAITING_ON_STUDENT;
  if (opens) await transition(tx, ticket, TicketStatus.OPEN, author, now, { type: TicketEventType.STATUS_CHANGED, detail });
  return created;
}

/**
 * Resolves inside the caller's transaction: the resolution as a public message, then the status.
 * `actor` null: an automation rule (named in `detail`) resolves it.
 */
export async function resolveWithin(
  tx: Tx,
  ticket: TicketRow,
  actor: UserRow | null,
  resolution: string,
  predictedScore: number | null,
  publicUrl: string,
  now: Date,
  detail: Prisma.InputJsonObject = {},
) {
  const message = await writeMessage(tx, ticket, actor?.id ?? null, resolution, now);
  await emailResolved(tx, publicUrl, ticket, resolution);
  return transition(
    tx,
    ticket,
    TicketStatus.RESOLVED,
    actor,
    now,
    { type: TicketEventType.RESOLVED, detail: { ...detail, messageId: message.id, predictedScore } },
    {
      resolvedAt: message.createdAt,
      resolvedById: actor?.id ?? null,
      predictedScore,
      firstRespondedAt: ticket.firstRespondedAt ?? message.createdAt,
      assigneeId: ticket.assigneeId ?? actor?.id ?? null,
    },
  );
}

export async function reply(ctx: Context, input: ReplyInput) {
  await grantTrackingCode(ctx, input.trackingCode);
  const { ticket, access } = await loadTicket(ctx, input.ticketId);
  const internal = input.internal ?? false;
  enforce((internal ? ticketPolicy.canAddInternalNote : ticketPolicy.canTakePart)(ctx.viewer, ticket, ctx.trackingGrants));
  const author = viewerUser(ctx.viewer);
  const body = requiredText(input.body, 'body', 'Write a message first.');
  const attachmentIds = referencedIds(input, ctx.app.config.attachments.maxPerMessage);
  if (ticket.status === TicketStatus.CLOSED) throw badInput('This ticket is closed. Reopen it to continue the conversation.', 'ticketId');
  if (access !== 'staff' && ticket.status === TicketStatus.RESOLVED) {
    throw badInput('This ticket is resolved. Reopen it if the problem is not solved.', 'ticketId');
  }

  const idempotencyKey = input.idempotencyKey?.trim() || null;
  const stored = () =>
    idempotencyKey ? ctx.prisma.message.findUnique({ where: { ticketId_idempotencyKey: { ticketId: ticket.id, idempotencyKey } } }) : null;
  // The same key is the same message: only from its author, with the same words.
  const replay = (existing: MessageRow) => {
    if (existing.authorId !== (author?.id ?? null) || existing.body !== body || existing.internal !== internal) throw replyKeyReused();
    return existing;
  };
  const earlier = await stored();
  if (earlier) return replay(earlier);
  // Mentions notify only from internal notes: a public reply is the student's to read, not a call to colleagues.
  const mentioned = internal ? await mentionedColleagues(ctx.prisma, ticket, body) : [];

  try {
    const { message, notices } = await ctx.prisma.$transaction(async (tx) => {
      if (input.basedOn) await refuseIfChangedSince(tx, ctx.viewer, ticket, input.basedOn);
      // Sent: the author's draft of it (reply-draft.service.ts) is done with.
      if (author) await tx.replyDraft.deleteMany({ where: { userId: author.id, ticketId: ticket.id } });
      const now = ctx.app.clock.now();
      const written = await addMessage(tx, ticket, author, access, body, internal, ctx.app.config.publicUrl, now, idempotencyKey);
      await linkAttachments(
        tx,
        attachmentIds,
        { userId: author?.id ?? null, uploadToken: input.uploadToken },
        { ticketId: ticket.id, messageId: written.id },
      );
      const actorId = author?.id ?? null;
      const noticed = internal
        ? await noticeStaff(tx, now, [ticket], mentioned, { kind: 'MENTIONED', actorId, messageId: written.id })
        : access === 'staff'
          ? []
          : await noticeStudentReply(tx, now, ticket, actorId, written.id);
      return { message: written, notices: noticed };
    });
    ctx.loaders.ticket.clear(ticket.id);
    announceTicketChange(ctx.app.pubSub, ticket);
    announceStaffNotices(ctx.app.pubSub, notices);
    return message;
  } catch (error) {
    // Two copies of one reply raced; the loser answers with the winner's message.
    const winner = isUniqueViolation(error) ? await stored() : null;
    if (winner) return replay(winner);
    throw error;
  }
}

const replyKeyReused = () =>
  new ClientError(ErrorCode.CONFLICT, 'This idempotency key was already used for a different message on this ticket. Use a new key.', {
    http: { status: 409 },
  });

/** An active staff member who may be given tickets of these departments; BAD_USER_INPUT otherwise. */
export async function loadAssignee(ctx: Context, assigneeGlobalId: string, departmentIds: Iterable<string>): Promise<UserRow> {
  const assignee = await ctx.loaders.user.load(fromGlobalId(assigneeGlobalId, 'User', 'assigneeId'));
  if (!assignee || assignee.deactivatedAt || !isStaffRole(assignee.role)) {
    throw badInput('Tickets can only be assigned to active staff.', 'assigneeId');
  }
  const person = { ...assignee, memberships: await ctx.loaders.memberships.load(assignee.id) };
  for (const departmentId of departmentIds) {
    if (!actsIn(person, departmentId)) {
      throw badInput('Assign the ticket to someone in its department, or move it to their department first.', 'assigneeId');
    }
  }
  return assignee;
}

/**
 * Gives the tickets to `assigneeId` (null: to nobody) inside the caller's transaction. Someone
 * picking up a new ticket is working on it, so it opens, unless `pickUp` is false (an undo).
 */
export async function assignWithin(
  tx: Tx,
  tickets: readonly TicketRow[],
  actor: UserRow | null,
  assigneeId: string | null,
  now: Date,
  {
    pickUp = true,
    detail = {},
    notify = true,
    notices = [],
  }: {
    pickUp?: boolean;
    /** Tell the new assignee (ASSIGNED_TO_ME); an undo, which only puts tickets back, does not. */
    notify?: boolean;
    detail?: Prisma.InputJsonObject;
    /** Collects the ASSIGNED_TO_ME notifications written, for the caller to announce after commit. */
    notices?: StaffNotice[];
  } = {},
): Promise<TicketRow[]> {
  if (!tickets.length) return [];
  await tx.ticket.updateMany({ where: { id: { in: tickets.map((ticket) => ticket.id) } }, data: { assigneeId } });
  if (assigneeId && notify) {
    const given = tickets.filter((ticket) => ticket.assigneeId !== assigneeId).map((ticket) => ({ ...ticket, assigneeId }));
    notices.push(...(await noticeStaff(tx, now, given, [assigneeId], { kind: 'ASSIGNED_TO_ME', actorId: actor?.id ?? null })));
  }
  await tx.ticketEvent.createMany({
    data: tickets.map((ticket) => ({
      ticketId: ticket.id,
      actorId: actor?.id ?? null,
      type: TicketEventType.ASSIGNED,
      detail: { ...detail, fromAssigneeId: ticket.assigneeId, toAssigneeId: assigneeId },
    })),
  });
  const current = await reread(tx, tickets);
  await recordManyTicketChanges(
    tx,
    tickets.map((ticket, index) => [ticket, current[index]!]),
  );
  const picked = pickUp && assigneeId ? current.filter((ticket) => ticket.status === TicketStatus.NEW) : [];
  if (!picked.length) return current;
  const opened = new Map(
    (await transitionAll(tx, picked, TicketStatus.OPEN, actor, now, { type: TicketEventType.STATUS_CHANGED, detail })).map((ticket) => [
      ticket.id,
      ticket,
    ]),
  );
  return current.map((ticket) => opened.get(ticket.id) ?? ticket);
}

export async function assignTicket(ctx: Context, ticketGlobalId: string, assigneeGlobalId: string | null | undefined) {
  const { actor, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  const assignee = assigneeGlobalId ? await loadAssignee(ctx, assigneeGlobalId, [ticket.departmentId]) : null;
  if ((assignee?.id ?? null) === ticket.assigneeId) return ticket;

  const notices: StaffNotice[] = [];
  const [updated] = await ctx.prisma.$transaction((tx) =>
    assignWithin(tx, [ticket], actor, assignee?.id ?? null, ctx.app.clock.now(), { notices }),
  );
  announceStaffNotices(ctx.app.pubSub, notices);
  return afterChange(ctx, updated!);
}

export async function resolveTicket(ctx: Context, input: ResolveTicketInput) {
  const { actor, ticket } = await loadTicketAsStaff(ctx, input.ticketId);
  assertTransition(ticket.status, TicketStatus.RESOLVED);
  const resolution = requiredText(input.resolution, 'resolution', 'Say what was done, in words the student understands.');

  const updated = await ctx.prisma.$transaction((tx) =>
    resolveWithin(tx, ticket, actor, resolution, input.predictedScore ?? null, ctx.app.config.publicUrl, ctx.app.clock.now()),
  );
  return afterChange(ctx, updated);
}

export async function reopenTicket(ctx: Context, ticketGlobalId: string, reasonText: string, trackingCode?: string | null) {
  await grantTrackingCode(ctx, trackingCode);
  const { ticket } = await loadTicket(ctx, ticketGlobalId);
  enforce(ticketPolicy.canTakePart(ctx.viewer, ticket, ctx.trackingGrants));
  const actor = viewerUser(ctx.viewer);
  const reason = requiredText(reasonText, 'reason', 'Tell us why the problem is not solved.');
  if (!isResolved(ticket.status)) throw badInput('Only a resolved or closed ticket can be reopened.', 'ticketId');

  const now = ctx.app.clock.now();
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const message = await writeMessage(tx, ticket, actor?.id ?? null, reason, now);
    return transition(
      tx,
      ticket,
      TicketStatus.OPEN,
      actor,
      now,
      { type: TicketEventType.REOPENED, detail: { messageId: message.id } },
      { resolvedAt: null, resolvedById: null, closedAt: null, predictedScore: null },
    );
  });
  return afterChange(ctx, updated);
}

/** BAD_USER_INPUT unless `status` is a staff move that needs no words: open, wait on the student, close. */
export function assertPlainStatusChange(ticket: Pick<TicketRow, 'status'>, status: TicketStatus): void {
  if (status === TicketStatus.RESOLVED) throw badInput('Use resolveTicket, which records the resolution.', 'status');
  if (isResolved(ticket.status) && status === TicketStatus.OPEN) throw badInput('Use reopenTicket, which records the reason.', 'status');
}

/** A plain status change (see assertPlainStatusChange) of tickets inside the caller's transaction; closing records when. */
export function changeStatusWithin(
  tx: Tx,
  tickets: readonly TicketRow[],
  status: TicketStatus,
  actor: UserRow | null,
  now: Date,
  detail?: Prisma.InputJsonObject,
): Promise<TicketRow[]> {
  for (const ticket of tickets) assertPlainStatusChange(ticket, status);
  return transitionAll(
    tx,
    tickets,
    status,
    actor,
    now,
    { type: TicketEventType.STATUS_CHANGED, detail },
    status === TicketStatus.CLOSED ? { closedAt: now } : {},
  );
}

/** Staff moves that are not resolve or reopen: open, wait on the student, close. */
export async function updateTicketStatus(ctx: Context, ticketGlobalId: string, status: TicketStatus) {
  const { actor, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  assertPlainStatusChange(ticket, status);
  if (status === ticket.status) return ticket;

  const [updated] = await ctx.prisma.$transaction((tx) => changeStatusWithin(tx, [ticket], status, actor, ctx.app.clock.now()));
  return afterChange(ctx, updated!);
}

/**
 * Writes a new priority and its due times (`due`, by ticket id) inside the caller's transaction.
 * Escalating tightens the due times; lowering never pushes a promise already made further out. An
 * undo passes the due times the tickets had and `restore`, which sets them back as they were.
 */
export async function changePriorityWithin(
  tx: Tx,
  tickets: readonly TicketRow[],
  priority: Priority,
  actor: UserRow | null,
  due: ReadonlyMap<string, DueTimes>,
  { restore = false, detail = {} }: { restore?: boolean; detail?: Prisma.InputJsonObject } = {},
): Promise<TicketRow[]> {
  if (!tickets.length) return [];
  await tx.ticketEvent.createMany({
    data: tickets.map((ticket) => ({
      ticketId: ticket.id,
      actorId: actor?.id ?? null,
      type: TicketEventType.PRIORITY_CHANGED,
      detail: { ...detail, from: ticket.priority, to: priority },
    })),
  });
  // Tickets ending with the same due times (reported together) share one UPDATE.
  const writes = new Map<string, { data: Prisma.TicketUncheckedUpdateManyInput; ids: string[] }>();
  for (const ticket of tickets) {
    const { firstResponseDueAt, resolutionDueAt } = due.get(ticket.id)!;
    const data = {
      priority,
      firstResponseDueAt: restore ? firstResponseDueAt : earliest(ticket.firstResponseDueAt, firstResponseDueAt),
      resolutionDueAt: restore ? resolutionDueAt : earliest(ticket.resolutionDueAt, resolutionDueAt),
    };
    const key = JSON.stringify(data);
    const group = writes.get(key) ?? { data, ids: [] as string[] };
    group.ids.push(ticket.id);
    writes.set(key, group);
  }
  for (const { data, ids } of writes.values()) await tx.ticket.updateMany({ where: { id: { in: ids } }, data });
  return reread(tx, tickets);
}

/**
 * The due times each ticket would have at `priority`, by its department's policy and calendar
 * (one calendar per department, from its oldest ticket on, covers them all).
 */
export async function dueTimesAt(ctx: Context, tickets: readonly TicketRow[], priority: Priority): Promise<Map<string, DueTimes>> {
  const departmentIds = [...new Set(tickets.map((ticket) => ticket.departmentId))];
  const clocks = new Map(
    await Promise.all(
      departmentIds.map(async (departmentId) => {
        const [policy, department] = await Promise.all([
          ctx.prisma.slaPolicy.findUnique({ where: { departmentId_priority: { departmentId, priority } } }),
          ctx.loaders.department.load(departmentId),
        ]);
        const oldest = new Date(
          Math.min(...tickets.filter((ticket) => ticket.departmentId === departmentId).map((ticket) => +ticket.createdAt)),
        );
        return [departmentId, { policy, calendar: await departmentCalendar(ctx.prisma, department!, oldest) }] as const;
      }),
    ),
  );
  return new Map(
    tickets.map((ticket) => {
      const { policy, calendar } = clocks.get(ticket.departmentId)!;
      return [ticket.id, dueTimes(ticket.createdAt, policy, calendar, ticket.slaPausedSeconds)];
    }),
  );
}

export async function changeTicketPriority(ctx: Context, ticketGlobalId: string, priority: Priority) {
  const { actor, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  if (priority === ticket.priority) return ticket;

  const due = await dueTimesAt(ctx, [ticket], priority);
  const [updated] = await ctx.prisma.$transaction((tx) => changePriorityWithin(tx, [ticket], priority, actor, due));
  return afterChange(ctx, updated!);
}
