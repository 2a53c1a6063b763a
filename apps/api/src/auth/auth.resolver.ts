import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { signIn, signOut } from './auth.service.js';
import { AuthPayload } from './auth.type.js';

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

  @Mutation(() => Boolean, { description: 'End the browser session (clears the cookie). Bearer tokens simply expire.' })
  signOut(@Ctx() ctx: Context): boolean {
    return signOut(ctx);
  }
}
