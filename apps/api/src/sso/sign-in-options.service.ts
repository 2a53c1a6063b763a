import type { Config } from '../config.js';
import { OIDC_START_PATH } from './oidc.routes.js';
import type { SignInOptions } from './sign-in-options.type.js';

/** Public on purpose: the sign-in pages ask before anyone is signed in. */
export function signInOptions(config: Pick<Config, 'oidc'>): SignInOptions {
  return {
    password: true,
    oidc: config.oidc ? { displayName: config.oidc.displayName, startPath: OIDC_START_PATH } : null,
  };
}
