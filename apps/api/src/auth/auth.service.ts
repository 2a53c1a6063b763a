// Signing in: the same answer, and about the same time, whether the email exists or not; too
// many failures for an account or from an address make both wait (limits/sign-in-limits.ts).
import { hashPassword, verifyPassword } from '@studentdesk/db';
import type { Context } from '../context.js';
import { unauthenticated } from '../errors.js';

// Compared against when the account does not exist, so timing does not reveal which emails do.
const unknownAccountHash = hashPassword('no account has this password');

export async function signIn(ctx: Context, email: string, password: string) {
  const account = email.trim().toLowerCase();
  const limiter = ctx.app.limits.signIn;
  await limiter.check(account, ctx.clientAddress);
  const user = await ctx.prisma.user.findUnique({ where: { email: account } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await unknownAccountHash));
  if (!user || !user.passwordHash || user.deactivatedAt || !valid) {
    await limiter.failed(account, ctx.clientAddress);
    throw unauthenticated('The email or password is not right.');
  }
  await limiter.succeeded(account);
  const { token, expiresAt } = await ctx.app.tokens.sign(user.id);
  ctx.session?.set(token, expiresAt);
  return { token, user, expiresAt };
}

export function signOut(ctx: Context): boolean {
  ctx.session?.clear();
  return true;
}
