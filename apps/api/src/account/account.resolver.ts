import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import { changePassword, signIn, signOut, signOutEverywhere } from './account.service.js';
import { PASSWORD_RESET_VALID_MINUTES, requestPasswordReset, resetPassword } from './password-reset.service.js';
import { AuthPayload } from './account.type.js';

const NEW_PASSWORD = `The new password: ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not a common password, not containing the email address or the site's name.`;

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Sign in with email and password. Also sets the session cookie for browser apps.' })
  signIn(
    @Arg('email', () => String, { description: 'The account’s email address.' }) email: string,
    @Arg('password', () => String, { description: 'The account’s password.' }) password: string,
    @Ctx() ctx: Context,
  ) {
    return signIn(ctx, email, password);
  }

  @Mutation(() => Boolean, {
    description: 'End this session: its token stops working at once, its websockets close, and the browser’s cookie is cleared.',
  })
  signOut(@Ctx() ctx: Context): Promise<boolean> {
    return signOut(ctx);
  }

  @Mutation(() => Int, {
    description: 'End every session of the signed-in person, this one included (a lost phone, a shared computer). Returns how many ended.',
  })
  signOutEverywhere(@Ctx() ctx: Context): Promise<number> {
    return signOutEverywhere(ctx);
  }

  @Mutation(() => AuthPayload, {
    description: `Change the password, given the current one. Every session of the account ends; the answer is a new session for this one.`,
  })
  changePassword(
    @Arg('currentPassword', () => String, { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: NEW_PASSWORD }) newPassword: string,
    @Ctx() ctx: Context,
  ) {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, {
    description: `Forgot password: emails a link that sets a new one (valid ${PASSWORD_RESET_VALID_MINUTES} minutes, once) when the address has an active account with a password, or one without a password that does not sign in through single sign-on (an imported person choosing their first). Always answers true, so it does not tell which addresses have accounts; capped per caller address (RATE_LIMITED) and per recipient (no email).`,
  })
  requestPasswordReset(
    @Arg('email', () => String, { description: 'The account’s email address.' }) email: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Set a new password with the token from a reset email. The link is spent, every session of the account ends, and the answer is a new session. An expired or used token is BAD_USER_INPUT on field "token".',
  })
  resetPassword(
    @Arg('token', () => String, { description: 'The token from the reset link.' }) token: string,
    @Arg('newPassword', () => String, { description: NEW_PASSWORD }) newPassword: string,
    @Ctx() ctx: Context,
  ) {
    return resetPassword(ctx, token, newPassword);
  }
}
