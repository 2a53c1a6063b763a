// One single sign-on, between leaving for the school's provider and coming back: the protocol's
// per-sign-in secrets (OIDC state, nonce and PKCE verifier; SAML request ID and RelayState) and where
// to land, in a short-lived cookie signed with AUTH_SECRET. Only the browser that started the
// sign-in holds it, so an answer replayed elsewhere, or a state that is not this browser's, signs
// nobody in. Then the way back, shared by both protocols: a session like a password sign-in's
// (auth/sessions.ts), or the app's sign-in page with a problem code (web apps show a message for each).
import type { SsoProblem } from '@studentdesk/domain';
import { parseCookie } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { startSession } from '../auth/sessions.js';
import { anonymous } from '../auth/viewer.js';
import type { App, SessionCookie } from '../context.js';
import { ClientError } from '../errors.js';
import type { AddressAttempt } from '../limits/address-failures.js';
import { userForPerson, type ExternalPerson } from './identity.service.js';

/** Time enough to type a password and answer a second factor at the provider. */
export const FLOW_TTL_SECONDS = 10 * 60;

export const WEB_APPS = ['portal', 'console'] as const;
export type WebApp = (typeof WEB_APPS)[number];

const LANDING: Record<WebApp, string> = { portal: '/', console: '/console/' };
const SIGN_IN_PAGE: Record<WebApp, string> = { portal: '/sign-in', console: '/console/' };

/** Where every flow lands: the app it started from, and a path on this site (never another origin). */
export interface Landing {
  app: WebApp;
  returnTo: string;
}

/** The app and landing path a start request asks for (?app=, ?returnTo=), with safe defaults. */
export function landingOf(query: Request['query']): Landing {
  const app = WEB_APPS.find((name) => name === query.app) ?? 'portal';
  const asked = typeof query.returnTo === 'string' ? query.returnTo : '';
  return { app, returnTo: isLocalPath(asked) ? asked : LANDING[app] };
}

/** A flow's claims sealed for one protocol (`audience`), e.g. studentdesk:oidc-flow. */
export async function sealFlow(secret: Uint8Array, audience: string, flow: Landing & Record<string, string>, now: Date): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...flow })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + FLOW_TTL_SECONDS)
    .sign(secret);
}

/** The flow the cookie holds, with the string claims `keys` names; null when missing, forged, expired or incomplete. */
async function openFlow<Key extends string>(
  secret: Uint8Array,
  audience: string,
  cookie: string | undefined,
  keys: readonly Key[],
  now: Date,
): Promise<(Landing & Record<Key, string>) | null> {
  if (!cookie) return null;
  try {
    const { payload } = await jwtVerify(cookie, secret, { audience, algorithms: ['HS256'], currentDate: now });
    const { app, returnTo } = payload;
    if (!WEB_APPS.includes(app as WebApp) || typeof returnTo !== 'string' || !isLocalPath(returnTo)) return null;
    if (keys.some((key) => typeof payload[key] !== 'string')) return null;
    return { ...(Object.fromEntries(keys.map((key) => [key, payload[key]])) as Record<Key, string>), app: app as WebApp, returnTo };
  } catch {
    return null;
  }
}

/** A path on this origin: "/x" but not "//evil.example" or "/\evil.example", which browsers read as another host. */
export function isLocalPath(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !/[\s\\]/.test(path) && path.length <= 2000;
}

/** One protocol's flow cookie: its name, the audience its claims are sealed for, the secrets it holds, and how it is set. */
export interface FlowCookie<Key extends string> {
  name: string;
  audience: string;
  secrets: readonly Key[];
  options: CookieOptions;
}

export interface SignInLanding {
  /**
   * The flow the provider's answer comes back to, with the address's attempt at signing in; null once
   * refused, for too many attempts from the address or a flow missing, forged or expired.
   */
  takeFlow: <Key extends string>(
    req: Request,
    res: Response,
    cookie: FlowCookie<Key>,
    now: Date,
  ) => Promise<{ flow: Landing & Record<Key, string>; attempt: AddressAttempt } | null>;
  /** Back to the app's sign-in page with ?sso_error=; `detail` goes to the log only. */
  refuse: (res: Response, app: WebApp, problem: SsoProblem, detail?: unknown) => void;
  /** The person the provider vouched for, found, linked or created, signed in and sent on; or refused. */
  signIn: (req: Request, res: Response, attempt: AddressAttempt, flow: Landing, person: ExternalPerson) => Promise<void>;
}

export function signInLanding(app: App, sessionCookie: (res: Response) => SessionCookie): SignInLanding {
  const refuse: SignInLanding['refuse'] = (res, webApp, problem, detail) => {
    app.logger.warn({ problem, err: detail }, 'single sign-on refused');
    res.redirect(303, `${SIGN_IN_PAGE[webApp]}?sso_error=${problem}`);
  };
  return {
    refuse,
    async takeFlow(req, res, cookie, now) {
      const flow = await openFlow(
        app.config.authSecret,
        cookie.audience,
        parseCookie(req.headers.cookie ?? '')[cookie.name],
        cookie.secrets,
        now,
      );
      // One answer per flow: whatever happens next, this browser starts again from the button.
      res.clearCookie(cookie.name, cookie.options);
      // Counted per address before the provider's answer is read; given back when a session starts.
      let attempt: AddressAttempt;
      try {
        attempt = await app.limits.singleSignOn.attempt(req.ip);
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        refuse(res, flow?.app ?? 'portal', 'too_many');
        return null;
      }
      if (!flow) {
        refuse(res, 'portal', 'expired');
        return null;
      }
      return { flow, attempt };
    },
    async signIn(req, res, attempt, flow, person) {
      const found = await userForPerson(app.prisma, person, { viewer: anonymous, clientAddress: req.ip, app });
      if (!found.ok) return refuse(res, flow.app, found.reason);
      if (found.created) app.logger.info({ userId: found.user.id, issuer: person.issuer }, 'single sign-on created a user');
      const { token, expiresAt } = await startSession(app, found.user.id, req.ip);
      await attempt.succeeded();
      sessionCookie(res).set(token, expiresAt);
      res.redirect(303, flow.returnTo);
    },
  };
}
