// HTTP + GraphQL + websocket wiring, nothing else.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { parseCookie as parseCookies } from 'cookie';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { type GraphQLError, type GraphQLSchema } from 'graphql';
import proxyAddress from 'proxy-addr';
import { createContext, createLoaders, viewerFromToken, type App, type Context, type SessionCookie } from './context.js';
import { bearerToken } from './auth/api-keys.js';
import { anonymous, isAdmin, type Viewer } from './auth/viewer.js';
import { databaseOutagePlugin, isDatabaseUnavailable } from './database-outage.js';
import { compiledExecution } from './compiled-execution.js';
import { ClientError, createErrorFormatter, ErrorCode, serviceUnavailable } from './errors.js';
import { graphiqlLandingPage, serveGraphiql } from './graphiql.js';
import { applyCors, requestLogging, securityHeaders } from './http-hardening.js';
import { createAdmission, type Admission } from './limits/admission.js';
import { admissionPlugin } from './limits/admission.plugin.js';
import { OIDC_PATH, oidcRoutes } from './sso/oidc.routes.js';
import { SAML_PATH, samlRoutes } from './sso/saml.routes.js';
import { SCIM_PATH, scimRoutes } from './scim/scim.routes.js';
import { PRIVACY_EXPORT_PATH, privacyRoutes } from './privacy/export.routes.js';
import { ATTACHMENTS_PATH, attachmentRoutes } from './attachments/attachment.routes.js';
import { createStorage } from './attachments/storage.js';
import { attachmentAccess } from './tickets/attachment-access.js';
import { serveWebApps } from './web-apps.js';
import { helpCentreRoutes, helpPage } from './articles/help-pages.js';
import { WEB_MANIFEST_PATH, webManifestRoute } from './school/web-manifest.js';
import { serveWebsocket } from './websocket.js';

export const SESSION_COOKIE = 'sd_session';
const GRAPHQL_PATH = '/graphql';
/** Big enough to reject an oversized field with a clear validation error, small enough to be safe. */
const BODY_LIMIT = '2mb';
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** An admin's upload (a people import's CSV, ADMIN_UPLOAD_BYTES of variables) with the rest of the request. */
const ADMIN_BODY_LIMIT = '11mb';

export interface ApiServer {
  url: string;
  port: number;
  /** From now on /health answers 503 "draining" while everything else is still served: load balancers stop sending. */
  drain: () => void;
  close: () => Promise<void>;
}

function sessionCookie(app: App, res: Response): SessionCookie {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure: app.config.production, path: '/' };
  return {
    set: (token, expiresAt) => res.cookie(SESSION_COOKIE, token, { ...options, expires: expiresAt }),
    clear: () => res.clearCookie(SESSION_COOKIE, options),
  };
}

const invalidToken = () =>
  new ClientError(ErrorCode.UNAUTHENTICATED, 'The session token or API key is invalid, expired or revoked.', { http: { status: 401 } });

/** Errors outside GraphQL (malformed JSON, a body over the limit) still answer in GraphQL's shape. */
const bodyErrorHandler: ErrorRequestHandler = (error: { status?: unknown } | undefined, _req, res, next) => {
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (status >= 500) return next(error);
  const limit = res.locals.uploader ? ADMIN_BODY_LIMIT : BODY_LIMIT;
  const message = status === 413 ? `The request is larger than ${limit}.` : 'The request body is not valid JSON.';
  res
    .status(status)
    .json({ errors: [{ message, extensions: { code: status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST } }] });
};

/**
 * The admission's first step for HTTP, before Apollo parses anything: a document or variables over
 * their byte limits (admission.ts) are refused here, as they would be over a websocket.
 */
function refuseOversized(admission: Admission, formatError: ReturnType<typeof createErrorFormatter>): RequestHandler {
  const field = (value: unknown) => (typeof value === 'string' || (typeof value === 'object' && value !== null) ? value : undefined);
  return (req, res, next) => {
    const sent = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
    if (!sent || typeof sent !== 'object' || Array.isArray(sent)) return next();
    const uploader = res.locals.uploader as Viewer | undefined;
    const refusal = admission.sizeRefusal(
      {
        query: typeof sent.query === 'string' ? sent.query : undefined,
        variables: field(sent.variables) as Record<string, unknown> | string | undefined,
      },
      uploader && { viewer: uploader },
    );
    if (!refusal) return next();
    res.status(413).json({ errors: [formatError(refusal.toJSON(), refusal)] });
  };
}

/**
 * Counts GraphQL operations from start to answer. Apollo's drain waits for requests on open
 * connections only; an operation whose client hung up still runs, and must finish before the
 * database pool closes under it.
 */
function operationsInFlight() {
  let running = 0;
  let waiting: Array<() => void> = [];
  const finished = () => {
    running -= 1;
    if (running > 0) return;
    for (const resolve of waiting) resolve();
    waiting = [];
  };
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      running += 1;
      return { willSendResponse: async () => finished() };
    },
  };
  const settled = () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)));
  return { plugin, settled };
}

export async function startServer(app: App, schema: GraphQLSchema): Promise<ApiServer> {
  const reportError = (error: unknown) =>
    app.logger.error(
      { err: error },
      isDatabaseUnavailable(error) ? 'database unavailable: answered SERVICE_UNAVAILABLE' : 'unexpected error in a resolver',
    );
  const formatError = createErrorFormatter(reportError);
  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', app.config.trustProxy);
  expressApp.use(requestLogging(app.logger), securityHeaders(app.config.production));
  applyCors(expressApp, GRAPHQL_PATH, app.config.corsOrigins);
  applyCors(expressApp, ATTACHMENTS_PATH, app.config.corsOrigins);
  const httpServer: Server = createServer(expressApp);

  const admission = createAdmission(schema, app.limits, { production: app.config.production });
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  // The caller's address as express reads it (TRUST_PROXY), for requests express never sees: websocket upgrades.
  const clientAddressOf = (request: IncomingMessage) =>
    proxyAddress(request, expressApp.get('trust proxy fn') as (address: string, hop: number) => boolean);
  const websocket = serveWebsocket(httpServer, {
    app,
    schema,
    admission,
    settings: app.config.websocket,
    path: GRAPHQL_PATH,
    sessionCookie: SESSION_COOKIE,
    formatErrors,
    clientAddressOf,
  });

  const operations = operationsInFlight();
  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema).gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Every check runs in the one admission path (limits/admission.ts), for HTTP through admissionPlugin.
    parseOptions: admission.parseOptions,
    dangerouslyDisableValidation: true,
    stringifyResult: admission.serializeAnswer,
    // main.ts owns SIGINT/SIGTERM; Apollo's own handlers re-raise the signal and fight ours.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operations.plugin,
      // Answers are per viewer, never cacheable; without cache hints Apollo need not wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      graphiqlLandingPage(),
      admissionPlugin(admission, app.limits, formatError),
      databaseOutagePlugin(),
      { serverWillStart: async () => ({ drainServer: () => websocket.close() }) },
    ],
  });
  await apollo.start();

  // Liveness: the process answers. It says nothing of the database, so an outage takes processes out
  // of the load balancer (/health, readiness) without getting every one of them restarted.
  expressApp.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  let draining = false;
  expressApp.get('/health', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await app.prisma.$queryRaw`SELECT 1`;
      res.json({ status: 'ok', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  const json = express.json({ limit: BODY_LIMIT });
  const adminJson = express.json({ limit: ADMIN_BODY_LIMIT });
  /**
   * Bodies over BODY_LIMIT are read only for admins (a people import): the token is checked before
   * a byte of the body, so nobody else can make the server read more than BODY_LIMIT.
   */
  const readBody: RequestHandler = (req, res, next) => {
    const length = Number(req.headers['content-length']);
    if (!(length > BODY_LIMIT_BYTES)) return json(req, res, next);
    const token = bearerToken(req.headers.authorization) ?? parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    viewerFromToken(app, createLoaders(app.prisma), token)
      .then((check) => {
        if (check.ok && isAdmin(check.viewer)) {
          res.locals.uploader = check.viewer;
          return adminJson(req, res, next);
        }
        return json(req, res, next);
      })
      .catch(next);
  };

  expressApp.use(
    GRAPHQL_PATH,
    readBody,
    bodyErrorHandler,
    refuseOversized(admission, formatError),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const loaders = createLoaders(app.prisma);
        const bearer = bearerToken(req.headers.authorization);
        const session = sessionCookie(app, res);
        const check = await viewerFromToken(app, loaders, bearer ?? parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE]).catch(
          (error: unknown) => {
            if (!isDatabaseUnavailable(error)) throw error;
            reportError(error);
            throw serviceUnavailable();
          },
        );
        if (check.ok) return createContext(app, check.viewer, loaders, session, req.ip);
        if (bearer) throw invalidToken();
        // A stale browser cookie just means "signed out".
        session.clear();
        return createContext(app, anonymous, loaders, session, req.ip);
      },
    }),
  );

  expressApp.use(
    OIDC_PATH,
    oidcRoutes(app, (res) => sessionCookie(app, res)),
  );
  expressApp.use(
    SAML_PATH,
    samlRoutes(app, (res) => sessionCookie(app, res)),
  );
  // The identity provider's door (Entra ID, Okta): SCIM's own JSON errors, same body limit and budgets.
  expressApp.use(SCIM_PATH, scimRoutes(app, BODY_LIMIT));
  // Downloads authenticate as GraphQL does; a bad token is refused, no token is anonymous.
  const viewerOf = async (req: Request): Promise<Viewer | null> => {
    const token = bearerToken(req.headers.authorization) ?? parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    const check = await viewerFromToken(app, createLoaders(app.prisma), token);
    return check.ok ? check.viewer : null;
  };
  expressApp.use(PRIVACY_EXPORT_PATH, privacyRoutes(app, viewerOf));
  expressApp.use(
    ATTACHMENTS_PATH,
    attachmentRoutes(app, {
      viewerOf,
      access: (viewer, attachment, request) => attachmentAccess(app, viewer, attachment, request),
      storage: createStorage(app.config.attachments.store),
    }),
  );
  serveGraphiql(expressApp);
  const portal = app.config.webApps.find((webApp) => webApp.mountPath === '/');
  const webManifest = portal && webManifestRoute(app, portal.dir);
  if (webManifest) expressApp.get(WEB_MANIFEST_PATH, webManifest);
  expressApp.use(helpCentreRoutes(app.prisma, app.config.publicUrl));
  serveWebApps(
    expressApp,
    app.config.webApps.map((webApp) =>
      webApp.mountPath === '/' ? { ...webApp, pageFor: (path: string) => helpPage(app.prisma, path) } : webApp,
    ),
    app.config.publicUrl,
  );

  // A taken port must be caught here or start-up hangs.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(app.config.port, app.config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(app.config.host) ? 'localhost' : app.config.host;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    drain() {
      draining = true;
    },
    async close() {
      await apollo.stop();
      await operations.settled();
    },
  };
}
