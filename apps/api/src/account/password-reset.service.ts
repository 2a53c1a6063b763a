// "Forgot password": a link by email that sets a new password once, within 30 minutes. The request
// answers the same whether or not the address has an account (and is capped per caller address and
// per recipient: limits/password-reset-limits.ts). Using the link ends every session of the account,
// as a password change does, and signs the caller in.
import { AuditAction } from '../audit/audit-action.js';
import type { User as UserRow } from '@studentdesk/db';
import { hashLinkToken, LINK_TOKEN_PREFIX, newLinkToken } from '../auth/link-tokens.js';
import { passwordAllowedFor, passwordSignInOff, passwordSignInSetting } from '../auth/password-sign-in.js';
import { isStaffRole } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { passwordResetEmail } from '../notifications/email.templates.js';
import { setPasswordAndSignIn } from './account.service.js';
import { checkNewPassword } from './password-policy.js';

export const PASSWORD_RESET_VALID_MINUTES = 30;

const SPENT = 'This reset link has expired or was already used. Ask for a new one from the sign-in page.';

/** Staff reset in the console, students in the portal; the token rides in the fragment, which no server or log sees. */
function resetLink(publicUrl: string, user: Pick<UserRow, 'role'>, token: string): string {
  return `${publicUrl}${isStaffRole(user.role) ? '/console' : ''}/reset-password#token=${encodeURIComponent(token)}`;
}

/**
 * Always true, unless password sign-in is off for everyone. For an active account that may sign in
 * with a password (one with a password, or without one and not linked to single sign-on: imported
 * people choose their first password this way), stores a reset and writes its email to the outbox.
 * A student's address, with password sign-in off for students, gets nothing, like an unknown one,
 * so the answer does not tell who is a student. An account that signs in only through the identity
 * provider gets no password here: the provider decides whether that person may still sign in.
 */
export async function requestPasswordReset(ctx: Context, email: string): Promise<true> {
  const setting = await passwordSignInSetting(ctx.prisma);
  if (setting === 'NOBODY') throw passwordSignInOff();
  const address = email.trim().toLowerCase();
  const limits = ctx.app.limits.passwordResets;
  await limits.request(ctx.clientAddress);
  if (!address || !(await limits.mayEmail(address))) return true;
  const user = await ctx.prisma.user.findUnique({
    where: { email: address },
    include: { externalIdentities: { select: { id: true }, take: 1 } },
  });
  if (!user || user.deactivatedAt || (!user.passwordHash && user.externalIdentities.length > 0)) return true;
  if (!passwordAllowedFor(setting, user.role)) return true;

  const now = ctx.app.clock.now();
  const token = newLinkToken(LINK_TOKEN_PREFIX.passwordReset);
  const message = passwordResetEmail(resetLink(ctx.app.config.publicUrl, user, token), PASSWORD_RESET_VALID_MINUTES);
  await ctx.prisma.$transaction(async (tx) => {
    // Only the newest link works: an older one still lying in the inbox is spent.
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.passwordReset.create({
      data: {
        userId: user.id,
        tokenHash: hashLinkToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_VALID_MINUTES * 60_000),
      },
    });
    await tx.emailMessage.create({ data: { kind: message.kind, toAddress: user.email, subject: message.subject, text: message.text } });
  });
  return true;
}

/** Sets the new password with a live reset link, spends the link, ends every session and starts one for the caller. */
export async function resetPassword(ctx: Context, token: string, newPassword: string) {
  const now = ctx.app.clock.now();
  const reset = token.trim()
    ? await ctx.prisma.passwordReset.findUnique({ where: { tokenHash: hashLinkToken(token) }, include: { user: true } })
    : null;
  if (!reset || reset.usedAt || reset.expiresAt <= now || reset.user.deactivatedAt) throw badInput(SPENT, 'token');
  // A link sent before the switch went off must not bring the password back.
  if (!passwordAllowedFor(await passwordSignInSetting(ctx.prisma), reset.user.role)) throw passwordSignInOff();
  checkNewPassword(newPassword, reset.user.email, 'newPassword');
  const session = await setPasswordAndSignIn(ctx, reset.user, newPassword, AuditAction.PASSWORD_RESET, async (tx) => {
    // Claimed in the transaction: of two uses at the same moment, one sets the password.
    const { count } = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
    if (count !== 1) throw badInput(SPENT, 'token');
  });
  // The lockout message says "or reset your password": the owner, back in, is not kept out of signing in from here.
  await ctx.app.limits.signIn.forgive(reset.user.email, ctx.clientAddress);
  return session;
}
