// Erasing a person (GDPR Art. 17, or a student leaving under the school's policy): the account
// stays as "Former student" / "Former staff member" so the school's records (tickets, ratings,
// the history of who did what) still add up, but nothing in it names or reaches the person.
//
// What changes, in ONE transaction (previewErasure counts the same rows and writes nothing):
//   User: name → "Former student"/"Former staff member", email → erased-<id>@erased.invalid (the
//     .invalid domain can never receive mail, RFC 2606), student number, language and password removed,
//     deactivated, erasedAt set;
//   deleted: sessions (ended at once), single sign-on identities, password resets, invitations to
//     their address, emails to their address (sent copies and any still waiting), tracking codes of
//     their tickets;
//   tickets they reported: contact name, address and student number replaced the same way;
//   open tickets assigned to them go back to the unassigned queue (as on deactivation).
// The words they wrote (ticket descriptions, messages, rating comments) are the school's record of
// the case and are kept by default; `redactText` replaces them with REDACTED_TEXT for a person whose
// words themselves must go (say, a message that names them in detail). The audit log is never
// rewritten: it holds ids only.
import { Prisma, type User as UserRow } from '@studentdesk/db';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { revokeSessionsOf } from '../auth/sessions.js';
import { enforce, requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { erasedAddress } from '../notifications/undeliverable.js';
import { announceTicketChange } from '../realtime/pubsub.js';
import { fromGlobalId } from '../relay/global-id.js';
import { reassignOpenTickets } from '../tickets/ticket.reassign.js';
import { reportedBy } from './export.js';
import { canManagePrivacy } from './privacy.policy.js';

export const REDACTED_TEXT = '[removed at the person’s request]';

export const formerName = (role: UserRow['role']) => (role === 'STUDENT' ? 'Former student' : 'Former staff member');

export interface ErasureChange {
  table: string;
  change: string;
  count: number;
}

export interface ErasurePlan {
  person: UserRow;
  /** Why it cannot be done; null when it can. */
  refusal: string | null;
  /** What the person's name will be afterwards. */
  formerName: string;
  changes: ErasureChange[];
}

type Db = Prisma.TransactionClient | Context['prisma'];

async function loadPerson(ctx: Context, globalId: string): Promise<UserRow> {
  const person = await ctx.prisma.user.findUnique({ where: { id: fromGlobalId(globalId, 'User', 'userId') } });
  if (!person) throw notFound('There is no person with this ID.');
  return person;
}

/** Why this erasure must not happen, or null. */
async function refusalFor(db: Db, viewer: UserRow, person: UserRow): Promise<string | null> {
  if (person.erasedAt) return 'This person has already been erased.';
  if (person.id === viewer.id) return 'You cannot erase your own account: ask another admin.';
  if (person.role === 'ADMIN') {
    const otherAdmins = await db.user.count({ where: { role: 'ADMIN', deactivatedAt: null, id: { not: person.id } } });
    if (otherAdmins === 0) return 'This is the last active admin: make someone else an admin first.';
  }
  return null;
}

/** Every row the erasure touches, counted; the same filters erasePerson changes. */
/** Files the person sent: uploaded by them, on their messages, or with the reports they made. */
function theirFiles(person: UserRow): Prisma.AttachmentWhereInput {
  return { OR: [{ uploaderId: person.id }, { message: { authorId: person.id } }, { messageId: null, ticket: reportedBy(person) }] };
}

async function countChanges(db: Db, person: UserRow, redactText: boolean): Promise<ErasureChange[]> {
  const email = person.email.toLowerCase();
  const tickets = reportedBy(person);
  const files = await db.attachment.count({ where: theirFiles(person) });
  const [sessions, identities, resets, invitations, emails, reported, codes, assigned, messages, ratings, memberships, provisioned] =
    await Promise.all([
      db.session.count({ where: { userId: person.id } }),
      db.externalIdentity.count({ where: { userId: person.id } }),
      db.passwordReset.count({ where: { userId: person.id } }),
      db.invitation.count({ where: { email } }),
      db.emailMessage.count({ where: { toAddress: email } }),
      db.ticket.count({ where: tickets }),
      db.trackingCode.count({ where: { ticket: tickets } }),
      db.ticket.count({ where: { assigneeId: person.id, status: { in: [...UNRESOLVED_STATUSES] } } }),
      db.message.count({ where: { authorId: person.id } }),
      db.rating.count({ where: { ratedById: person.id, comment: { not: null } } }),
      db.departmentMembership.count({ where: { userId: person.id } }),
      db.scimUser.count({ where: { userId: person.id } }),
    ]);
  const keptOrRedacted = redactText ? 'text replaced by a note that it was removed' : 'kept, now by the former person';
  return [
    { table: 'User', change: `name becomes “${formerName(person.role)}”; email, student number and password removed`, count: 1 },
    { table: 'Session', change: 'deleted (signed out everywhere at once)', count: sessions },
    { table: 'ExternalIdentity', change: 'deleted (single sign-on no longer finds them)', count: identities },
    { table: 'ScimUser', change: 'what the identity provider sent about them over SCIM deleted', count: provisioned },
    { table: 'DepartmentMembership', change: 'deleted (no longer staff of any department)', count: memberships },
    { table: 'PasswordReset', change: 'deleted', count: resets },
    { table: 'Invitation', change: 'invitations to their address deleted', count: invitations },
    { table: 'EmailMessage', change: 'emails to their address deleted (sent copies and unsent)', count: emails },
    { table: 'Ticket', change: 'tickets they reported kept; contact name, address and student number replaced', count: reported },
    { table: 'TrackingCode', change: 'tracking links of their tickets revoked', count: codes },
    { table: 'Ticket (assigned)', change: 'open tickets assigned to them go back to the unassigned queue', count: assigned },
    { table: 'Message', change: `messages they wrote: ${keptOrRedacted}`, count: messages },
    { table: 'Ticket (description)', change: `descriptions of tickets they reported: ${keptOrRedacted}`, count: redactText ? reported : 0 },
    { table: 'Rating', change: `rating comments they wrote: ${keptOrRedacted}`, count: ratings },
    {
      table: 'Attachment',
      change: redactText ? 'files they sent deleted, with their stored bytes' : 'files they sent: kept, now by the former person',
      count: files,
    },
  ];
}

export async function previewErasure(ctx: Context, userGlobalId: string, redactText: boolean): Promise<ErasurePlan> {
  enforce(canManagePrivacy(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const person = await loadPerson(ctx, userGlobalId);
  return {
    person,
    refusal: await refusalFor(ctx.prisma, admin, person),
    formerName: formerName(person.role),
    changes: await countChanges(ctx.prisma, person, redactText),
  };
}

/**
 * Erases the person in one transaction, after `confirm` repeats their email address (a typed
 * confirmation: an admin cannot erase the wrong person with one click). Their sessions end at once.
 */
export async function erasePerson(ctx: Context, userGlobalId: string, confirm: string, redactText: boolean): Promise<ErasurePlan> {
  enforce(canManagePrivacy(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const person = await loadPerson(ctx, userGlobalId);
  if (confirm.trim().toLowerCase() !== person.email.toLowerCase()) {
    throw badInput('Type the person’s email address exactly to confirm the erasure.', 'confirm');
  }
  const now = ctx.app.clock.now();
  const email = person.email.toLowerCase();
  const placeholder = erasedAddress(person.id);
  const name = formerName(person.role);
  let changes: ErasureChange[] = [];
  let moved: Awaited<ReturnType<typeof reassignOpenTickets>> = [];
  await revokeSessionsOf(ctx.app, person.id, async (tx) => {
    // Checked again inside: two admins erasing the last two admins at once must not both succeed.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "role" = 'ADMIN' FOR UPDATE`;
    const refusal = await refusalFor(tx, admin, person);
    if (refusal) throw badInput(refusal, 'userId');
    changes = await countChanges(tx, person, redactText);

    const tickets = reportedBy(person);
    if (redactText) {
      // The rows go now; a trigger lists their stored bytes, which the cleanup job deletes.
      await tx.attachment.deleteMany({ where: theirFiles(person) });
      await tx.message.updateMany({ where: { authorId: person.id }, data: { body: REDACTED_TEXT } });
      await tx.rating.updateMany({ where: { ratedById: person.id, comment: { not: null } }, data: { comment: REDACTED_TEXT } });
    }
    const redactTicket = redactText
      ? Prisma.sql`, "description" = ${REDACTED_TEXT}, "desiredOutcome" = CASE WHEN "desiredOutcome" IS NULL THEN NULL ELSE ${REDACTED_TEXT} END`
      : Prisma.empty;
    // Raw, so the tickets' updatedAt stays when they last changed for the people working them.
    await tx.$executeRaw`
      UPDATE "Ticket" SET "contactName" = ${name}, "contactEmail" = ${placeholder}, "studentNumber" = NULL ${redactTicket}
      WHERE "requesterId" = ${person.id}::uuid OR "contactEmail" = ${email}`;
    await tx.trackingCode.deleteMany({ where: { ticket: tickets } });
    await tx.session.deleteMany({ where: { userId: person.id } });
    await tx.replyDraft.deleteMany({ where: { userId: person.id } });
    await tx.externalIdentity.deleteMany({ where: { userId: person.id } });
    await tx.scimUser.deleteMany({ where: { userId: person.id } });
    await tx.departmentMembership.deleteMany({ where: { userId: person.id } });
    await tx.passwordReset.deleteMany({ where: { userId: person.id } });
    await tx.invitation.deleteMany({ where: { email } });
    await tx.incidentFollower.deleteMany({ where: { email } });
    await tx.emailMessage.deleteMany({ where: { toAddress: email } });
    moved = await reassignOpenTickets(tx, person, null, admin, 'ASSIGNEE_ERASED');
    await tx.user.update({
      where: { id: person.id },
      data: {
        name,
        email: placeholder,
        studentNumber: null,
        language: null,
        passwordHash: null,
        deactivatedAt: person.deactivatedAt ?? now,
        erasedAt: now,
      },
    });
    await recordAudit(tx, ctx, {
      action: AuditAction.PERSON_ERASED,
      subject: { type: 'User', id: person.id },
      details: { redactText, ...Object.fromEntries(changes.map((change) => [change.table, change.count])) },
    });
  });
  for (const ticket of moved) {
    ctx.loaders.ticket.clear(ticket.id);
    announceTicketChange(ctx.app.pubSub, ticket);
  }
  ctx.loaders.user.clear(person.id);
  const erased = await ctx.prisma.user.findUniqueOrThrow({ where: { id: person.id } });
  return { person: erased, refusal: null, formerName: name, changes };
}
