// Signing in: the same answer, and about the same time, whether the email exists or not; every
// attempt is counted before the password is checked, and too many failures lock the address out
// of the account, or slow the account down (limits/sign-in-limits.ts). Signing out, everywhere or
// here, and changing the password end sessions (auth/sessions.ts).
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { hashPassword, verifyPassword, type Prisma, type User as UserRow } from '@studentdesk/db';
import type { Context } from '../context.js';
import { badInput, unauthenticated } from '../errors.js';
import { passwordAllowedFor, passwordSignInOff, passwordSignInSetting } from '../auth/password-sign-in.js';
import { endSession, revokeSessionsOf, startSession } from '../auth/sessions.js';
import { requireUser } from '../auth/viewer.js';
import { checkNewPassword } from './password-policy.js';

// Compared against when the account does not exist, so timing does not reveal which emails do.
const unknownAccountHash = hashPassword('no account has this password');

export async function signIn(ctx: Context, email: string, password: string) {
  const setting = await passwordSignInSetting(ctx.prisma);
  if (setting === 'NOBODY') throw passwordSignInOff();
  const account = email.trim().toLowerCase();
  const attempt = await ctx.app.limits.signIn.attempt(account, ctx.clientAddress);
  const user = await ctx.prisma.user.findUnique({ where: { email: account } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await unknownAccountHash));
  if (!user || !user.passwordHash || user.deactivatedAt || !valid) throw unauthenticated('The email or password is not right.');
  await attempt.succeeded();
  // Said only to whoever knows the password, so the answer tells nobody else which addresses are students'.
  if (!passwordAllowedFor(setting, user.role)) throw passwordSignInOff();
  return signInAs(ctx, user);
}

/** Ends the session the request came with (its token stops working) and clears the browser's cookie. */
export async function signOut(ctx: Context): Promise<boolean> {
  const { viewer } = ctx;
  if (viewer.kind === 'user' && viewer.sessionId) await endSession(ctx.app, viewer.user.id, viewer.sessionId);
  ctx.session?.clear();
  return true;
}

/** Ends every session of the signed-in person, this one included; returns how many were live. */
export async function signOutEverywhere(ctx: Context): Promise<number> {
  const user = requireUser(ctx.viewer);
  const ended = await revokeSessionsOf(ctx.app, user.id);
  ctx.session?.clear();
  return ended;
}

/**
 * A new password, given the current one (a wrong one counts as a failed sign-in). Every session of
 * the account ends, so whoever else knew the old password is out; the caller gets a new session.
 */
export async function changePassword(ctx: Context, currentPassword: string, newPassword: string) {
  const user = requireUser(ctx.viewer);
  const attempt = await ctx.app.limits.signIn.attempt(user.email, ctx.clientAddress);
  if (!user.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw badInput('The current password is not right.', 'currentPassword');
  }
  await attempt.succeeded();
  checkNewPassword(newPassword, user.email, 'newPassword');
  return setPasswordAndSignIn(ctx, user, newPassword, AuditAction.PASSWORD_CHANGED);
}

/**
 * Sets the password (its hash), ends every session of the account in the same transaction, along
 * with `alongWith` (a reset link consumed), and starts a new session for this caller.
 */
export async function setPasswordAndSignIn(
  ctx: Context,
  user: UserRow,
  newPassword: string,
  how: typeof AuditAction.PASSWORD_CHANGED | typeof AuditAction.PASSWORD_RESET,
  alongWith?: (tx: Prisma.TransactionClient) => Promise<unknown>,
) {
  const passwordHash = await hashPassword(newPassword);
  await revokeSessionsOf(ctx.app, user.id, async (tx) => {
    await alongWith?.(tx);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAudit(tx, ctx, { action: how, actorUserId: user.id, subject: { type: 'User', id: user.id } });
  });
  return signInAs(ctx, { ...user, passwordHash });
}

/** A new session for the user, sent back as the answer and the browser's cookie. */
export async function signInAs(ctx: Context, user: UserRow) {
  const { token, expiresAt } = await startSession(ctx.app, user.id, ctx.clientAddress);
  ctx.session?.set(token, expiresAt);
  return { token, user, expiresAt };
}
