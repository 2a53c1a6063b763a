// What every HTTP answer carries: security headers, a request id in the log (with secrets in the
// URL redacted) and the response, and CORS only for the origins CORS_ORIGINS names (the portal and
// console are served from the API's own origin, so they need none); the same origins may open a
// websocket (originAllowed).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cors from 'cors';
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { redactUrl } from './logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's (or proxy's) request id is kept when it looks like one, so logs line up across hops. */
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}

export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // React and GraphiQL's editor set style attributes.
        'style-src': ["'self'", "'unsafe-inline'"],
        // blob: for the portal's previews of files being attached (only the page's own scripts make blob: URLs).
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        // GraphiQL's editor runs its language service in workers.
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': production ? [] : null,
      },
    },
    // Only meaningful over HTTPS, which production runs behind.
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = requestId(req);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // Load balancers and orchestrators poll the health checks every few seconds; those lines would drown the rest.
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/health/live' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a page from `origin` may open a websocket (browsers send Origin with every websocket;
 * other clients carry no one else's cookie): our own origin (the portal and console are served by
 * the API), PUBLIC_URL's, CORS_ORIGINS, and in development the web apps' Vite servers on loopback.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  config: { corsOrigins: string[]; publicUrl: string; production: boolean },
): boolean {
  if (origin === undefined) return true;
  if (config.corsOrigins.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === host || url.origin === new URL(config.publicUrl).origin) return true;
  return !config.production && LOOPBACK_HOSTS.has(url.hostname);
}

export function applyCors(app: Express, path: string, origins: string[]): void {
  if (origins.length === 0) return;
  app.use(
    path,
    cors({
      origin: origins,
      credentials: true,
      exposedHeaders: [
        REQUEST_ID_HEADER,
        'x-query-cost',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-restore-rate',
        'retry-after',
      ],
      maxAge: 600,
    }),
  );
}
