// Single sign-on over HTTP: GET /auth/oidc/start sends the browser to the provider, and
// GET /auth/oidc/callback brings it back signed in, with a session exactly like a password
// sign-in's (auth/sessions.ts), or back to the app's sign-in page with a problem code that names
// what went wrong without telling anything about accounts (web apps show a message for each).
import type { SsoProblem } from '@studentdesk/domain';
import { parseCookie } from 'cookie';
import { Router, type Request, type Response } from 'express';
import { startSession } from '../auth/sessions.js';
import type { App, SessionCookie } from '../context.js';
import { ClientError } from '../errors.js';
import type { AddressAttempt } from '../limits/address-failures.js';
import { userForClaims } from './identity.service.js';
import { createOidcClient, ProviderFailure } from './oidc.client.js';
import { FLOW_COOKIE, FLOW_TTL_SECONDS, isLocalPath, openFlow, sealFlow, WEB_APPS, type WebApp } from './oidc-flow.js';

export const OIDC_PATH = '/auth/oidc';
export const OIDC_START_PATH = `${OIDC_PATH}/start`;
const CALLBACK_PATH = `${OIDC_PATH}/callback`;

const LANDING: Record<WebApp, string> = { portal: '/', console: '/console/' };
const SIGN_IN_PAGE: Record<WebApp, string> = { portal: '/sign-in', console: '/console/' };

const problemPage = (app: WebApp, problem: SsoProblem) => `${SIGN_IN_PAGE[app]}?sso_error=${problem}`;

/** Mounted at OIDC_PATH; empty without OIDC configured. */
export function oidcRoutes(app: App, sessionCookie: (res: Response) => SessionCookie): Router {
  const router = Router();
  const settings = app.config.oidc;
  if (!settings) return router;
  const client = createOidcClient(settings);
  const redirectUri = `${app.config.publicUrl}${CALLBACK_PATH}`;
  const flowCookie = { httpOnly: true, sameSite: 'lax' as const, secure: app.config.production, path: OIDC_PATH };

  const refuse = (res: Response, webApp: WebApp, problem: SsoProblem, detail?: unknown) => {
    app.logger.warn({ problem, err: detail }, 'single sign-on refused');
    res.redirect(303, problemPage(webApp, problem));
  };

  router.use((_req, res, next) => {
    // Every answer here is for one browser at one moment.
    res.setHeader('cache-control', 'no-store');
    next();
  });

  router.get('/start', async (req: Request, res: Response) => {
    const webApp = WEB_APPS.find((name) => name === req.query.app) ?? 'portal';
    const asked = typeof req.query.returnTo === 'string' ? req.query.returnTo : '';
    const returnTo = isLocalPath(asked) ? asked : LANDING[webApp];
    try {
      const { url, secrets } = await client.authorizationUrl(redirectUri);
      const sealed = await sealFlow(app.config.authSecret, { ...secrets, app: webApp, returnTo }, app.clock.now());
      res.cookie(FLOW_COOKIE, sealed, { ...flowCookie, maxAge: FLOW_TTL_SECONDS * 1000 });
      res.redirect(303, url.href);
    } catch (error) {
      if (!(error instanceof ProviderFailure)) throw error;
      refuse(res, webApp, 'unavailable', error.cause);
    }
  });

  router.get('/callback', async (req: Request, res: Response) => {
    const flow = await openFlow(app.config.authSecret, parseCookie(req.headers.cookie ?? '')[FLOW_COOKIE], app.clock.now());
    // One callback per flow: whatever happens next, this browser starts again from the button.
    res.clearCookie(FLOW_COOKIE, flowCookie);
    // Counted per address before the provider is asked anything; given back when a session starts.
    let attempt: AddressAttempt;
    try {
      attempt = await app.limits.singleSignOn.attempt(req.ip);
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      return refuse(res, flow?.app ?? 'portal', 'too_many');
    }
    if (!flow) return refuse(res, 'portal', 'expired');
    if (req.query.state !== flow.state) return refuse(res, flow.app, 'state');
    if (typeof req.query.error === 'string') return refuse(res, flow.app, 'denied', { error: req.query.error.slice(0, 100) });

    // The URL the provider was given, whatever proxies did to the Host header on the way in.
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = new URL(req.originalUrl, redirectUri).search;
    let claims: Record<string, unknown>;
    try {
      claims = await client.claims(callbackUrl, flow);
    } catch (error) {
      if (!(error instanceof ProviderFailure)) throw error;
      return refuse(res, flow.app, error.reason, error.cause);
    }
    const found = await userForClaims(app.prisma, settings, claims, app.clock.now());
    if (!found.ok) return refuse(res, flow.app, found.reason);
    if (found.created) app.logger.info({ userId: found.user.id }, 'single sign-on created a user');
    const { token, expiresAt } = await startSession(app, found.user.id, req.ip);
    await attempt.succeeded();
    sessionCookie(res).set(token, expiresAt);
    res.redirect(303, flow.returnTo);
  });

  return router;
}
