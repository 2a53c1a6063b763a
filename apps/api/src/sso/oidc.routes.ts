// Single sign-on with OpenID Connect over HTTP: GET /auth/oidc/start sends the browser to the
// provider, and GET /auth/oidc/callback brings it back signed in, or back to the app's sign-in page
// with a problem code that names what went wrong without telling anything about accounts (sign-in-flow.ts).
import { Router, type Request, type Response } from 'express';
import type { App, SessionCookie } from '../context.js';
import { createOidcClient, personFromClaims, ProviderFailure } from './oidc.client.js';
import { FLOW_TTL_SECONDS, landingOf, sealFlow, signInLanding, type FlowCookie } from './sign-in-flow.js';

export const OIDC_PATH = '/auth/oidc';
export const OIDC_START_PATH = `${OIDC_PATH}/start`;
const CALLBACK_PATH = `${OIDC_PATH}/callback`;
export const FLOW_COOKIE = 'sd_oidc';
const FLOW_AUDIENCE = 'studentdesk:oidc-flow';
const FLOW_SECRETS = ['state', 'nonce', 'codeVerifier'] as const;

/** Mounted at OIDC_PATH; empty without OIDC configured. */
export function oidcRoutes(app: App, sessionCookie: (res: Response) => SessionCookie): Router {
  const router = Router();
  const settings = app.config.oidc;
  if (!settings) return router;
  const client = createOidcClient(settings);
  const redirectUri = `${app.config.publicUrl}${CALLBACK_PATH}`;
  const flowCookie: FlowCookie<(typeof FLOW_SECRETS)[number]> = {
    name: FLOW_COOKIE,
    audience: FLOW_AUDIENCE,
    secrets: FLOW_SECRETS,
    options: { httpOnly: true, sameSite: 'lax', secure: app.config.production, path: OIDC_PATH },
  };

  const { refuse, takeFlow, signIn } = signInLanding(app, sessionCookie);

  router.use((_req, res, next) => {
    // Every answer here is for one browser at one moment.
    res.setHeader('cache-control', 'no-store');
    next();
  });

  router.get('/start', async (req: Request, res: Response) => {
    const landing = landingOf(req.query);
    try {
      const { url, secrets } = await client.authorizationUrl(redirectUri);
      const sealed = await sealFlow(app.config.authSecret, FLOW_AUDIENCE, { ...secrets, ...landing }, app.clock.now());
      res.cookie(FLOW_COOKIE, sealed, { ...flowCookie.options, maxAge: FLOW_TTL_SECONDS * 1000 });
      res.redirect(303, url.href);
    } catch (error) {
      if (!(error instanceof ProviderFailure)) throw error;
      refuse(res, landing.app, 'unavailable', error.cause);
    }
  });

  router.get('/callback', async (req: Request, res: Response) => {
    const taken = await takeFlow(req, res, flowCookie, app.clock.now());
    if (!taken) return;
    const { flow, attempt } = taken;
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
    await signIn(req, res, attempt, flow, personFromClaims(settings, claims));
  });

  return router;
}
