import { passwordSignInSetting } from '../auth/password-sign-in.js';
import type { Context } from '../context.js';
import { OIDC_START_PATH } from './oidc.routes.js';
import { SAML_LOGIN_PATH } from './saml.routes.js';
import type { SignInOptions } from './sign-in-options.type.js';

/** Public on purpose: the sign-in pages ask before anyone is signed in. */
export async function signInOptions(ctx: Context): Promise<SignInOptions> {
  const { config } = ctx.app;
  const passwordSignIn = await passwordSignInSetting(ctx.prisma);
  return {
    password: passwordSignIn !== 'NOBODY',
    passwordSignIn,
    oidc: config.oidc ? { displayName: config.oidc.displayName, startPath: OIDC_START_PATH } : null,
    saml: config.saml ? { displayName: config.saml.displayName, startPath: SAML_LOGIN_PATH } : null,
  };
}
