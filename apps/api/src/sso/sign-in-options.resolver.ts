import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { signInOptions } from './sign-in-options.service.js';
import { SignInOptions } from './sign-in-options.type.js';

@Resolver()
export class SignInOptionsResolver {
  @Query(() => SignInOptions, { description: 'How people can sign in (password, single sign-on). Needs no sign-in.' })
  signInOptions(@Ctx() ctx: Context): Promise<SignInOptions> {
    return signInOptions(ctx);
  }
}
