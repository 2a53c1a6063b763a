// Staff notifications as the changes that cause them write them: one row per recipient, inside the
// change's transaction (a rolled-back change notifies nobody), shaped by each recipient's settings
// at that moment (shown in the console bell or not; emailed in the next digest or not). Who may
// receive one (active staff who can see the ticket, never the person acting) the caller decides
// with the ticket rules (tickets/ticket.staff-notices.ts); this room is below tickets/ and sla/.
import { type Prisma, StaffNotificationKind } from '@studentdesk/db';

type Tx = Prisma.TransactionClient;

export interface Channels {
  console: boolean;
  email: boolean;
}

/**
 * Without a choice of their own, staff see every kind in the console and get email for the ones
 * that ask something of them; a student's reply on a followed ticket is too frequent to email.
 */
export const DEFAULT_CHANNELS: Record<StaffNotificationKind, Channels> = {
  [StaffNotificationKind.ASSIGNED_TO_ME]: { console: true, email: true },
  [StaffNotificationKind.STUDENT_REPLIED]: { console: true, email: false },
  [StaffNotificationKind.SLA_ABOUT_TO_BREACH]: { console: true, email: true },
  [StaffNotificationKind.MENTIONED]: { console: true, email: true },
};

/**
 * Emails wait this long, so a burst (ten replies, a bulk assignment) reaches each person as one
 * digest: the first notification of a quiet inbox sets when the digest leaves (notifications/staff-digest.ts).
 */
export const EMAIL_DIGEST_MINUTES = 5;

export interface StaffNoticeDraft {
  kind: StaffNotificationKind;
  ticketId: string;
  /** Who caused it: never notified about their own action. Null for the SLA sweep or a guest. */
  actorId: string | null;
  messageId?: string | null;
  slaTarget?: string | null;
  dueAt?: Date | null;
}

/** A notification shown in the console, to announce live once the transaction commits (realtime/pubsub.ts). */
export interface StaffNotice {
  id: string;
  recipientId: string;
}

/** Each person's channels for one kind: their saved choice, else the default. */
export async function channelsFor(tx: Tx, userIds: readonly string[], kinds: readonly StaffNotificationKind[]) {
  const saved = await tx.staffNotificationSetting.findMany({ where: { userId: { in: [...userIds] }, kind: { in: [...kinds] } } });
  return (userId: string, kind: StaffNotificationKind): Channels => {
    const row = saved.find((setting) => setting.userId === userId && setting.kind === kind);
    return row ? { console: row.console, email: row.email } : DEFAULT_CHANNELS[kind];
  };
}

/**
 * Writes each notification (none to the person who acted, none that its recipient turned both
 * channels off for) at `now`, in one statement. Returns those shown in the console, to announce
 * after commit.
 */
export async function writeStaffNotices(tx: Tx, now: Date, notices: ReadonlyArray<StaffNoticeDraft & { recipientId: string }>) {
  const wanted = notices.filter((notice) => notice.recipientId !== notice.actorId);
  if (!wanted.length) return [];
  const channels = await channelsFor(
    tx,
    [...new Set(wanted.map((notice) => notice.recipientId))],
    [...new Set(wanted.map((notice) => notice.kind))],
  );
  const emailDueAt = new Date(now.getTime() + EMAIL_DIGEST_MINUTES * 60_000);
  const data = wanted.flatMap((notice) => {
    const choice = channels(notice.recipientId, notice.kind);
    if (!choice.console && !choice.email) return [];
    return [
      {
        recipientId: notice.recipientId,
        kind: notice.kind,
        ticketId: notice.ticketId,
        actorId: notice.actorId,
        messageId: notice.messageId ?? null,
        slaTarget: notice.slaTarget ?? null,
        dueAt: notice.dueAt ?? null,
        inConsole: choice.console,
        emailDueAt: choice.email ? emailDueAt : null,
        createdAt: now,
      },
    ];
  });
  if (!data.length) return [];
  const written = await tx.staffNotification.createManyAndReturn({ data, select: { id: true, recipientId: true, inConsole: true } });
  return written.filter((row) => row.inConsole).map(({ id, recipientId }): StaffNotice => ({ id, recipientId }));
}

/**
 * The people mentioned in an internal note: the console writes a mention as
 * `@[Display name](mention:<User global ID>)`, so the server never guesses from names.
 */
const MENTION = /@\[([^\]\n]{1,120})\]\(mention:([A-Za-z0-9_-]{1,200})\)/g;

export function mentionTokens(body: string): Array<{ name: string; userGlobalId: string }> {
  return [...body.matchAll(MENTION)].map((match) => ({ name: match[1]!, userGlobalId: match[2]! }));
}

/** The body as people read it: each mention token shown as "@Name". */
export const withPlainMentions = (body: string) => body.replaceAll(MENTION, (_token, name: string) => `@${name}`);
