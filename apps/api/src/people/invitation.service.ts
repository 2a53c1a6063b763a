// Staff join by invitation: an admin names the person, their role and department; the email's link
// (single use, 7 days, only its SHA-256 stored) lets them choose a password, which creates the
// account and signs them in. The account exists only once they accept, so an address typed wrong
// leaves nothing behind but an expired invitation.
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { hashPassword, type Invitation as InvitationRow } from '@studentdesk/db';
import { signInAs } from '../account/account.service.js';
import { checkNewPassword } from '../account/password-policy.js';
import { hashLinkToken, LINK_TOKEN_PREFIX, newLinkToken } from '../auth/link-tokens.js';
import { enforce, isStaffRole, requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, isUniqueViolation, notFound } from '../errors.js';
import { staffInvitationEmail } from '../notifications/email.templates.js';
import { fromGlobalId } from '../relay/global-id.js';
import { newestFirst, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';
import * as peoplePolicy from './people.policy.js';
import { InvitationStatus, type InviteStaffInput } from './people.type.js';

export const INVITATION_VALID_DAYS = 7;
const ROLE_NAMES = { STAFF: 'staff', MANAGER: 'a manager', ADMIN: 'an administrator', STUDENT: 'a student' } as const;
const SPENT = 'This invitation has expired, was withdrawn or was already used. Ask an administrator for a new one.';
const TAKEN = 'An account with this email address already exists: sign in, or reset its password.';
// Deliberately loose: the invitation email itself is the real test of an address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function invitationStatus(invitation: InvitationRow, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  if (invitation.revokedAt) return InvitationStatus.REVOKED;
  return invitation.expiresAt <= now ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
}

/** Sends an invitation (replacing any pending one to the same address) and writes its email to the outbox. */
export async function inviteStaff(ctx: Context, input: InviteStaffInput): Promise<InvitationRow> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 254) throw badInput('Enter an email address such as name@school.edu.', 'email');
  if (!name || name.length > 100) throw badInput('Enter their name (up to 100 characters).', 'name');
  if (!isStaffRole(input.role)) throw badInput('Invite staff, managers or admins; students do not need an invitation.', 'role');
  const department = await ctx.prisma.department.findUnique({
    where: { id: fromGlobalId(input.departmentId, 'Department', 'departmentId') },
  });
  if (!department) throw badInput('There is no such department.', 'departmentId');
  if (department.archivedAt) throw badInput(`${department.name} is archived: invite people to a department in use.`, 'departmentId');
  if (await ctx.prisma.user.findUnique({ where: { email }, select: { id: true } })) throw badInput(TAKEN, 'email');

  const now = ctx.app.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);
  const token = newLinkToken(LINK_TOKEN_PREFIX.invitation);
  const message = staffInvitationEmail(`${ctx.app.config.publicUrl}/console/accept-invitation#token=${token}`, {
    name,
    roleName: ROLE_NAMES[input.role],
    departmentName: department.name,
    inviterName: admin.name,
    expiresAt,
  });
  return ctx.prisma.$transaction(async (tx) => {
    // One live link per address: the latest invitation says the role and department that count.
    await tx.invitation.updateMany({ where: { email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const invitation = await tx.invitation.create({
      data: {
        email,
        name,
        role: input.role,
        departmentId: department.id,
        tokenHash: hashLinkToken(token),
        invitedById: admin.id,
        createdAt: now,
        expiresAt,
      },
    });
    await tx.emailMessage.create({ data: { kind: message.kind, toAddress: email, subject: message.subject, text: message.text } });
    await recordAudit(tx, ctx, {
      action: AuditAction.STAFF_INVITED,
      subject: { type: 'Invitation', id: invitation.id },
      details: { role: input.role, departmentId: department.id },
    });
    return invitation;
  });
}

/** Creates the account the invitation describes, with the chosen password, and signs it in. */
export async function acceptInvitation(ctx: Context, token: string, password: string) {
  const now = ctx.app.clock.now();
  const invitation = token.trim() ? await ctx.prisma.invitation.findUnique({ where: { tokenHash: hashLinkToken(token) } }) : null;
  if (!invitation || invitationStatus(invitation, now) !== InvitationStatus.PENDING) throw badInput(SPENT, 'token');
  checkNewPassword(password, invitation.email, 'password');
  const passwordHash = await hashPassword(password);
  try {
    const user = await ctx.prisma.$transaction(async (tx) => {
      // Claimed in the transaction: of two uses at the same moment, one creates the account.
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: now },
      });
      if (count !== 1) throw badInput(SPENT, 'token');
      const created = await tx.user.create({
        data: {
          email: invitation.email,
          name: invitation.name,
          role: invitation.role,
          departmentId: invitation.departmentId,
          passwordHash,
        },
      });
      await recordAudit(tx, ctx, {
        action: AuditAction.INVITATION_ACCEPTED,
        actorUserId: created.id,
        subject: { type: 'Invitation', id: invitation.id },
        details: { userId: created.id, role: created.role, departmentId: invitation.departmentId },
      });
      return created;
    });
    return await signInAs(ctx, user);
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput(TAKEN, 'token');
    throw error;
  }
}

const INVITATION_ORDER = newestFirst<InvitationRow>('invitations');

export function listInvitations(ctx: Context, page: PageArgs) {
  enforce(peoplePolicy.canReadInvitation(ctx.viewer));
  return paginate(pageRequest(page, INVITATION_ORDER), (window) =>
    ctx.prisma.invitation.findMany({ where: window.prismaWhere(), orderBy: window.prismaOrderBy(), take: window.limit }),
  );
}

/** Withdraws a pending invitation: its link stops working. An accepted one stays as it is (deactivate the account instead). */
export async function revokeInvitation(ctx: Context, globalId: string): Promise<InvitationRow> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  const id = fromGlobalId(globalId, 'Invitation', 'id');
  const invitation = await ctx.prisma.invitation.findUnique({ where: { id } });
  if (!invitation) throw notFound('There is no invitation with this ID.');
  if (invitation.acceptedAt) throw badInput('This invitation was accepted: deactivate the account instead.', 'id');
  if (invitation.revokedAt) return invitation;
  return ctx.prisma.$transaction(async (tx) => {
    const revoked = await tx.invitation.update({ where: { id }, data: { revokedAt: ctx.app.clock.now() } });
    await recordAudit(tx, ctx, { action: AuditAction.INVITATION_REVOKED, subject: { type: 'Invitation', id } });
    return revoked;
  });
}
