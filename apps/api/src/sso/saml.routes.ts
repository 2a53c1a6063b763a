// Single sign-on with SAML 2.0 over HTTP: GET /saml/metadata describes this service provider (the
// fixed URL an IdP registers), GET /saml/login sends the browser to the IdP with an AuthnRequest, and
// POST /saml/acs (the assertion consumer service) takes the IdP's answer: signed in, or back to the
// app's sign-in page with a problem code (sign-in-flow.ts).
import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { App, SessionCookie } from '../context.js';
import { createSamlServiceProvider, SamlFailure } from './saml.sp.js';
import { rememberRequest, spendRequest } from './saml-requests.js';
import { FLOW_TTL_SECONDS, landingOf, sealFlow, signInLanding, type FlowCookie } from './sign-in-flow.js';

export const SAML_PATH = '/saml';
export const SAML_LOGIN_PATH = `${SAML_PATH}/login`;
export const FLOW_COOKIE = 'sd_saml';
const FLOW_AUDIENCE = 'studentdesk:saml-flow';
const FLOW_SECRETS = ['requestId', 'state'] as const;
/** An IdP's answer is a form of a few kB; a large signed, encrypted one stays well under this. */
const ACS_BODY_LIMIT = '512kb';

/** Mounted at SAML_PATH; empty without SAML configured. */
export function samlRoutes(app: App, sessionCookie: (res: Response) => SessionCookie): Router {
  const router = Router();
  const settings = app.config.saml;
  if (!settings) return router;
  const sp = createSamlServiceProvider(settings, app.config.publicUrl);
  const { refuse, takeFlow, signIn } = signInLanding(app, sessionCookie);
  const flowCookie: FlowCookie<(typeof FLOW_SECRETS)[number]> = {
    name: FLOW_COOKIE,
    audience: FLOW_AUDIENCE,
    secrets: FLOW_SECRETS,
    // The IdP posts the answer from its own site: a Lax cookie would stay behind, so this one is None, hence Secure
    // (browsers keep Secure cookies from http://localhost too).
    options: { httpOnly: true, sameSite: 'none', secure: true, path: SAML_PATH },
  };

  router.use((_req, res, next) => {
    // Every answer here is for one browser at one moment.
    res.setHeader('cache-control', 'no-store');
    next();
  });

  router.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').send(sp.metadata());
  });

  router.get('/login', async (req: Request, res: Response) => {
    const landing = landingOf(req.query);
    // RelayState ties the answer to this browser's cookie; the app and landing stay in the cookie, never in the URL.
    const state = randomBytes(16).toString('base64url');
    try {
      const { url, requestId } = await sp.loginUrl(state);
      const now = app.clock.now();
      await rememberRequest(app.prisma, requestId, now);
      const sealed = await sealFlow(app.config.authSecret, FLOW_AUDIENCE, { requestId, state, ...landing }, now);
      res.cookie(FLOW_COOKIE, sealed, { ...flowCookie.options, maxAge: FLOW_TTL_SECONDS * 1000 });
      res.redirect(303, url);
    } catch (error) {
      if (!(error instanceof SamlFailure)) throw error;
      refuse(res, landing.app, error.reason, error.cause);
    }
  });

  router.post('/acs', express.urlencoded({ extended: false, limit: ACS_BODY_LIMIT }), async (req: Request, res: Response) => {
    const now = app.clock.now();
    const taken = await takeFlow(req, res, flowCookie, now);
    if (!taken) return;
    const { flow, attempt } = taken;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.RelayState !== flow.state) return refuse(res, flow.app, 'state');
    try {
      const answer = await sp.readResponse(body, now);
      if (answer.inResponseTo !== flow.requestId) return refuse(res, flow.app, 'unknown_request');
      const spent = await spendRequest(app.prisma, answer.inResponseTo, answer.assertionId, now);
      if (spent !== 'spent') return refuse(res, flow.app, spent);
      await signIn(req, res, attempt, flow, answer.person);
    } catch (error) {
      if (!(error instanceof SamlFailure)) throw error;
      refuse(res, flow.app, error.reason, error.cause);
    }
  });

  return router;
}
