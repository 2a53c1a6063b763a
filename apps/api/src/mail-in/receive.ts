// One inbound email, whichever way it came (smtp-listener.ts, imap-poller.ts): parsed, checked,
// routed to a ticket (reply token, then In-Reply-To/References) or to a new ticket in the
// recipient's department, and recorded as an InboundEmail row with the original kept. Anything
// refused is HELD with its reason for an admin (inbound-email.service.ts), never dropped.
// Tickets and replies go through the same rules as the portal's (tickets/ticket.service.ts), with
// the Message-ID as idempotency key, so a mail seen twice (a restart, SMTP and IMAP both) is one.
import { createHash } from 'node:crypto';
import type { InboundEmailSource, Ticket as TicketRow } from '@studentdesk/db';
import { DESCRIPTION_MAX, formatTicketNumber, MESSAGE_MAX, TITLE_MAX } from '@studentdesk/domain';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { anonymous, type Viewer } from '../auth/viewer.js';
import { createContext, createLoaders, type App } from '../context.js';
import { ClientError, isUniqueViolation } from '../errors.js';
import { messageIdsIn, splitReplyAddress, ticketIdOfReplyToken } from '../notifications/threading.js';
import { toGlobalId } from '../relay/global-id.js';
import { reply, reportProblem } from '../tickets/ticket.service.js';
import { automaticMailReason } from './automatic-mail.js';
import { stripQuotedText } from './quoted-text.js';

export interface ReceivedMail {
  source: InboundEmailSource;
  raw: Buffer;
  /** The SMTP envelope's recipients; for IMAP, none (the headers name them). */
  recipients: string[];
  /** SMTP's MAIL FROM ('' for a bounce); undefined for IMAP. */
  envelopeFrom?: string;
  /** "mailbox:uidvalidity:uid" of an IMAP message. */
  imapKey?: string;
  /** Why it is refused before it is read (too large): held with this reason. */
  refusal?: string;
}

export type Outcome =
  | { status: 'ACCEPTED'; id: string; ticketId: string }
  | { status: 'HELD'; id: string; reason: string }
  | { status: 'DUPLICATE'; id: string };

type Decision =
  | { status: 'ACCEPTED'; departmentId: string; ticketId: string; messageRowId: string | null; toAddress: string }
  | { status: 'HELD'; departmentId: string | null; reason: string; toAddress: string };

/** What a release skips: the checks an admin overrides by releasing (not the department, nor who may answer a ticket). */
interface Overrides {
  released: boolean;
}

const hold = (reason: string, toAddress: string, departmentId: string | null = null): Decision => ({
  status: 'HELD',
  reason,
  toAddress,
  departmentId,
});

/** Postgres text keeps every byte of the source but NUL; latin1 round-trips the rest exactly. */
export const rawText = (raw: Buffer) => raw.toString('latin1').replace(/\0/g, '');
export const rawBytes = (text: string) => Buffer.from(text, 'latin1');

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => entry.address ?? ''));

/** Where it was sent: the envelope, else the headers a mailbox keeps (Delivered-To, X-Original-To, To, Cc). */
function recipientsOf(mail: ParsedMail, envelope: readonly string[]): string[] {
  const header = (name: string) =>
    mail.headerLines.filter((line) => line.key === name).flatMap((line) => messageIdsIn(line.line.slice(line.line.indexOf(':') + 1)));
  const found = envelope.length > 0 ? [...envelope] : [...header('delivered-to'), ...header('x-original-to')];
  found.push(...addressesOf(mail.to), ...addressesOf(mail.cc));
  return [...new Set(found.map((address) => address.trim().toLowerCase()).filter((address) => address.includes('@')))];
}

/** The sender's Message-ID, or one made from the content when it has none (the same mail twice is still one). */
export const messageIdOf = (mail: ParsedMail | null, raw: Buffer) =>
  messageIdsIn(mail?.messageId)[0] ?? `sha256-${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid`;

/** The ticket the mail answers: the reply token in a recipient, then the thread it quotes. */
async function ticketAnswered(app: App, recipients: readonly string[], mail: ParsedMail): Promise<{ ticketId: string; to: string } | null> {
  for (const recipient of recipients) {
    const { token } = splitReplyAddress(recipient);
    const ticketId = token ? ticketIdOfReplyToken(app.config.authSecret, token) : null;
    if (ticketId) return { ticketId, to: recipient };
  }
  const ids = [...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references)].reverse();
  if (ids.length === 0) return null;
  const [ours, theirs] = await Promise.all([
    app.prisma.emailMessage.findFirst({ where: { messageId: { in: ids }, ticketId: { not: null } }, select: { ticketId: true } }),
    app.prisma.inboundEmail.findFirst({ where: { messageId: { in: ids }, ticketId: { not: null } }, select: { ticketId: true } }),
  ]);
  const root = ids.map((id) => /^ticket-([0-9a-f-]{36})@/.exec(id)?.[1]).find(Boolean);
  const ticketId = ours?.ticketId ?? theirs?.ticketId ?? root;
  return ticketId ? { ticketId, to: recipients[0] ?? '' } : null;
}

const ticketViewer = async (app: App, ticket: TicketRow, from: string): Promise<Viewer | 'tracking' | null> => {
  if (ticket.requesterId) {
    const requester = await app.prisma.user.findUnique({ where: { id: ticket.requesterId } });
    if (requester && !requester.deactivatedAt && requester.email.toLowerCase() === from)
      return { kind: 'user', user: { ...requester, memberships: [] } };
  }
  return ticket.contactEmail.toLowerCase() === from ? 'tracking' : null;
};

async function decide(app: App, mail: ParsedMail, received: ReceivedMail, messageId: string, overrides: Overrides): Promise<Decision> {
  const from = (mail.from?.value[0]?.address ?? '').trim().toLowerCase();
  const recipients = recipientsOf(mail, received.recipients);
  const departments = await app.prisma.department.findMany({
    where: { inboundAddress: { in: recipients.map((recipient) => splitReplyAddress(recipient).address) }, archivedAt: null },
  });
  const department = recipients
    .map((recipient) => ({ recipient, department: departments.find((row) => row.inboundAddress === splitReplyAddress(recipient).address) }))
    .find((match): match is { recipient: string; department: (typeof departments)[number] } => Boolean(match.department));
  const toAddress = department?.recipient ?? recipients[0] ?? '';
  if (!from) return hold('It has no sender address.', toAddress, department?.department.id);
  if (!overrides.released) {
    const automatic = automaticMailReason({
      headerLines: mail.headerLines,
      contentType: (mail.headers.get('content-type') as { value?: string } | undefined)?.value ?? '',
      fromAddress: from,
      envelopeFrom: received.envelopeFrom,
    });
    if (automatic) return hold(`${automatic}: no ticket and no answer, so no mail loop.`, toAddress, department?.department.id);
  }
  const answered = await ticketAnswered(app, recipients, mail);
  const ticket = answered ? await app.prisma.ticket.findUnique({ where: { id: answered.ticketId } }) : null;
  const home = ticket?.departmentId ?? department?.department.id ?? null;
  if (!ticket && !department) return hold('It is not addressed to any department’s address.', toAddress);

  if (!overrides.released) {
    const anHourAgo = new Date(app.clock.now().getTime() - 3600_000);
    const recent = await app.prisma.inboundEmail.count({
      where: { fromAddress: from, status: 'ACCEPTED', receivedAt: { gte: anHourAgo } },
    });
    if (recent >= app.config.mailIn.perSenderPerHour)
      return hold(`More than ${app.config.mailIn.perSenderPerHour} mails from this sender in an hour.`, toAddress, home);
  }

  const text = stripQuotedText(mail.text ?? '');
  const loaders = createLoaders(app.prisma);
  // Per sender, as the portal's guest limits are per address: there is no caller's IP for mail.
  const clientAddress = `email:${from}`;

  if (ticket) {
    const who = await ticketViewer(app, ticket, from);
    if (!who)
      return hold(`A reply to ${formatTicketNumber(ticket.number)} from an address that is not the reporter’s.`, answered!.to, home);
    const ctx = createContext(app, who === 'tracking' ? anonymous : who, loaders, undefined, clientAddress);
    if (who === 'tracking') ctx.trackingGrants.add(ticket.id);
    try {
      const message = await reply(ctx, {
        ticketId: toGlobalId('Ticket', ticket.id),
        body: (text || '(no text)').slice(0, MESSAGE_MAX),
        idempotencyKey: messageId,
      });
      return {
        status: 'ACCEPTED',
        departmentId: ticket.departmentId,
        ticketId: ticket.id,
        messageRowId: message.id,
        toAddress: answered!.to,
      };
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      return hold(`Not added to the ticket: ${error.message}`, answered!.to, home);
    }
  }

  const target = department!.department;
  const student = await app.prisma.user.findFirst({
    where: { email: { equals: from, mode: 'insensitive' }, role: 'STUDENT', deactivatedAt: null },
  });
  if (!student && target.holdUnknownSenders && !overrides.released)
    return hold(`The sender is not a known student, and ${target.name} holds such mail for review.`, toAddress, target.id);
  const category = await app.prisma.category.findFirst({ where: { departmentId: target.id, active: true }, orderBy: { createdAt: 'asc' } });
  if (!category) return hold(`${target.name} has no category in use for new tickets.`, toAddress, target.id);
  const viewer: Viewer = student ? { kind: 'user', user: { ...student, memberships: [] } } : anonymous;
  try {
    const { ticket: created } = await reportProblem(
      createContext(app, viewer, loaders, undefined, clientAddress),
      {
        categoryId: toGlobalId('Category', category.id),
        title: (mail.subject?.trim() || '(no subject)').slice(0, TITLE_MAX),
        description: (text || '(no text)').slice(0, DESCRIPTION_MAX),
        contactName: mail.from?.value[0]?.name?.trim() || from,
        contactEmail: from,
        idempotencyKey: messageId,
      },
      { channel: 'EMAIL' },
    );
    return { status: 'ACCEPTED', departmentId: target.id, ticketId: created.id, messageRowId: null, toAddress };
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return hold(`No ticket was made: ${error.message}`, toAddress, target.id);
  }
}

async function parse(raw: Buffer): Promise<ParsedMail | string> {
  try {
    return await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (error) {
    return `It could not be parsed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Takes one mail in; a mail already recorded (by Message-ID or IMAP key) is a DUPLICATE and changes nothing. */
export async function receiveEmail(app: App, received: ReceivedMail): Promise<Outcome> {
  const parsed = await parse(received.raw);
  const mail = typeof parsed === 'string' ? null : parsed;
  const messageId = messageIdOf(mail, received.raw);
  const known = await app.prisma.inboundEmail.findFirst({
    where: { OR: [{ messageId }, ...(received.imapKey ? [{ imapKey: received.imapKey }] : [])] },
    select: { id: true },
  });
  if (known) return { status: 'DUPLICATE', id: known.id };

  const decision: Decision = !mail
    ? hold(parsed as string, received.recipients[0] ?? '')
    : received.refusal
      ? hold(received.refusal, recipientsOf(mail, received.recipients)[0] ?? '')
      : await decide(app, mail, received, messageId, { released: false });
  const original = mail?.text ?? '';
  try {
    const row = await app.prisma.inboundEmail.create({
      data: {
        messageId,
        source: received.source,
        imapKey: received.imapKey ?? null,
        fromAddress: (mail?.from?.value[0]?.address ?? received.envelopeFrom ?? '').toLowerCase(),
        toAddress: decision.toAddress,
        subject: mail?.subject ?? '',
        raw: rawText(received.raw),
        originalText: original,
        status: decision.status,
        reason: decision.status === 'HELD' ? decision.reason : null,
        departmentId: decision.departmentId,
        ticketId: decision.status === 'ACCEPTED' ? decision.ticketId : null,
        messageRowId: decision.status === 'ACCEPTED' ? decision.messageRowId : null,
        receivedAt: app.clock.now(),
      },
    });
    if (decision.status === 'HELD') app.logger.info({ inboundEmail: row.id, reason: decision.reason }, 'inbound email held');
    return decision.status === 'ACCEPTED'
      ? { status: 'ACCEPTED', id: row.id, ticketId: decision.ticketId }
      : { status: 'HELD', id: row.id, reason: decision.reason };
  } catch (error) {
    // The same mail, taken in at the same moment by another process: its row stands (the ticket
    // or reply was one anyway, by the idempotency key).
    if (!isUniqueViolation(error)) throw error;
    const winner = await app.prisma.inboundEmail.findFirstOrThrow({
      where: { OR: [{ messageId }, ...(received.imapKey ? [{ imapKey: received.imapKey }] : [])] },
      select: { id: true },
    });
    return { status: 'DUPLICATE', id: winner.id };
  }
}

/** An admin's release of a held mail: routed again without the checks a release overrides. */
export async function decideAgain(app: App, row: { raw: string; source: InboundEmailSource; toAddress: string; messageId: string }) {
  const raw = rawBytes(row.raw);
  const parsed = await parse(raw);
  if (typeof parsed === 'string') return hold(parsed, row.toAddress);
  return decide(app, parsed, { source: row.source, raw, recipients: row.toAddress ? [row.toAddress] : [] }, row.messageId, {
    released: true,
  });
}
