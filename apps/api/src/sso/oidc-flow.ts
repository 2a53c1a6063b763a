// One sign-in through the provider, between leaving for it and coming back: its secrets (state,
// nonce, PKCE verifier) and where to land, in a short-lived cookie signed with AUTH_SECRET. Only
// the browser that started the sign-in holds it, so a callback URL replayed elsewhere, or a state
// that is not this browser's, signs nobody in.
import { jwtVerify, SignJWT } from 'jose';
import type { FlowSecrets } from './oidc.client.js';

export const FLOW_COOKIE = 'sd_oidc';
/** Time enough to type a password and answer a second factor at the provider. */
export const FLOW_TTL_SECONDS = 10 * 60;
const AUDIENCE = 'studentdesk:oidc-flow';

export const WEB_APPS = ['portal', 'console'] as const;
export type WebApp = (typeof WEB_APPS)[number];

export interface Flow extends FlowSecrets {
  app: WebApp;
  /** A path on this site (never another origin) to land on once signed in. */
  returnTo: string;
}

export async function sealFlow(secret: Uint8Array, flow: Flow, now: Date): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...flow })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + FLOW_TTL_SECONDS)
    .sign(secret);
}

/** The flow the cookie holds; null when it is missing, forged or expired. */
export async function openFlow(secret: Uint8Array, cookie: string | undefined, now: Date): Promise<Flow | null> {
  if (!cookie) return null;
  try {
    const { payload } = await jwtVerify(cookie, secret, { audience: AUDIENCE, algorithms: ['HS256'], currentDate: now });
    const { state, nonce, codeVerifier, app, returnTo } = payload;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string') return null;
    if (!WEB_APPS.includes(app as WebApp) || typeof returnTo !== 'string' || !isLocalPath(returnTo)) return null;
    return { state, nonce, codeVerifier, app: app as WebApp, returnTo };
  } catch {
    return null;
  }
}

/** A path on this origin: "/x" but not "//evil.example" or "/\evil.example", which browsers read as another host. */
export function isLocalPath(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !/[\s\\]/.test(path) && path.length <= 2000;
}
