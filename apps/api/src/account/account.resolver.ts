import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { PASSWORD_MIN_LENGTH } from '@studentdesk/domain';
import { changePassword, signIn, signOut, signOutEverywhere } from './account.service.js';
import { AuthPayload } from './account.type.js';

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
    @Arg('newPassword', () => String, { description: `The new password, at least ${PASSWORD_MIN_LENGTH} characters.` }) newPassword: string,
    @Ctx() ctx: Context,
  ) {
    return changePassword(ctx, currentPassword, newPassword);
  }
}
