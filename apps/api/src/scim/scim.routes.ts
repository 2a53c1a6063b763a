// SCIM 2.0 over HTTP at /scim/v2, for the school's identity provider (Microsoft Entra ID, Okta).
// The provider authenticates with an API key that has the scim:provision scope (bearer token), so
// the key's lifecycle (shown once, hashed, expiry, revocation, last used, audit) is the API keys'.
// Each request spends the key's query budget like a GraphQL operation; a request without a valid
// key spends its address's anonymous budget, so guessing keys here is limited as it is at /graphql.
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { authenticateApiKey, bearerToken, looksLikeApiKey } from '../auth/api-keys.js';
import { createContext, createLoaders, type App, type Context } from '../context.js';
import { isDatabaseUnavailable } from '../database-outage.js';
import type { BudgetOwner } from '../limits/limits.js';
import { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery.js';
import { createGroup, deleteGroup, getGroup, listGroups, membersExcluded, patchGroup, replaceGroup, toScimGroup } from './scim-groups.js';
import { listResponse, SCIM_CONTENT_TYPE, ScimError, scimNotFound } from './scim-protocol.js';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser, toScimUser } from './scim-users.js';

export const SCIM_PATH = '/scim/v2';
const SCIM_SCOPE = 'scim:provision';
/** What one SCIM request spends of a budget: about a small GraphQL mutation. */
const SCIM_REQUEST_COST = 10;

function send(res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body === undefined) {
    res.end();
    return;
  }
  res.type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

type ScimResource = { meta: { version: string; location: string } };

/** A single resource: its version as the ETag header too (RFC 7644 §3.14). */
function sendResource(res: Response, status: number, resource: ScimResource): void {
  res.setHeader('etag', resource.meta.version);
  if (status === 201) res.setHeader('location', resource.meta.location);
  send(res, status, resource);
}

const sendError = (res: Response, error: ScimError) => send(res, error.status, error.toJSON());

type ScimHandler = (ctx: Context, req: Request, res: Response) => Promise<void>;

export function scimRoutes(app: App, bodyLimit: string): Router {
  const router = Router();
  const baseUrl = `${app.config.publicUrl}${SCIM_PATH}`;

  const spend = async (owner: BudgetOwner, key: string, res: Response): Promise<boolean> => {
    const budget = await app.limits.budgets[owner].spend(key, SCIM_REQUEST_COST);
    if (budget.allowed) return true;
    res.setHeader('retry-after', String(Math.ceil(budget.retryAfterMs / 1000)));
    sendError(
      res,
      new ScimError(429, 'Too many requests: the budget of this key (or address) is spent. Try again after Retry-After seconds.'),
    );
    return false;
  };

  const contexts = new WeakMap<Request, Context>();

  /** Anything but a ScimError is ours: logged, and answered without details. */
  const fail = (res: Response, error: unknown) => {
    if (error instanceof ScimError) return sendError(res, error);
    const unavailable = isDatabaseUnavailable(error);
    app.logger.error({ err: error }, unavailable ? 'database unavailable: answered 503 to SCIM' : 'unexpected error in SCIM');
    sendError(
      res,
      new ScimError(
        unavailable ? 503 : 500,
        unavailable ? 'The database is unavailable; try again shortly.' : 'Something went wrong on our side.',
      ),
    );
  };

  const authenticate: RequestHandler = (req, res, next) => {
    checkKey(req, res, next).catch((error: unknown) => fail(res, error));
  };

  const checkKey = async (req: Request, res: Response, next: () => void) => {
    res.setHeader('cache-control', 'no-store');
    const token = bearerToken(req.headers.authorization);
    const apiKey = token && looksLikeApiKey(token) ? await authenticateApiKey(app.prisma, token, app.clock.now()) : null;
    if (!apiKey) {
      if (!(await spend('anonymous', `address:${req.ip}`, res))) return;
      res.setHeader('www-authenticate', 'Bearer realm="StudentDesk SCIM"');
      return sendError(
        res,
        new ScimError(
          401,
          'Send an API key with the scim:provision scope as Authorization: Bearer <key>; this one is missing, invalid, expired or revoked.',
        ),
      );
    }
    if (!(await spend('apiKey', `apiKey:${apiKey.id}`, res))) return;
    if (!apiKey.scopes.includes(SCIM_SCOPE))
      return sendError(res, new ScimError(403, `This API key does not have the ${SCIM_SCOPE} scope.`));
    contexts.set(req, createContext(app, { kind: 'apiKey', apiKey }, createLoaders(app.prisma), undefined, req.ip));
    next();
  };

  const handle =
    (handler: ScimHandler): RequestHandler =>
    async (req, res) => {
      try {
        await handler(contexts.get(req)!, req, res);
      } catch (error) {
        fail(res, error);
      }
    };

  /** Malformed JSON or a body over the limit, answered as SCIM errors. */
  const bodyErrors: ErrorRequestHandler = (error: { status?: unknown } | undefined, _req, res, next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 500) return next(error);
    sendError(
      res,
      status === 413
        ? new ScimError(413, `The request is larger than ${bodyLimit}.`)
        : new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax'),
    );
  };

  router.use(authenticate, express.json({ limit: bodyLimit, type: ['application/scim+json', 'application/json'] }), bodyErrors);

  router.get(
    '/ServiceProviderConfig',
    handle(async (_ctx, _req, res) => send(res, 200, serviceProviderConfig(baseUrl))),
  );
  /** A discovery list (RFC 7644 §4), and each of its entries by id. */
  const discoveryList = (path: string, entries: (baseUrl: string) => Array<{ id: string }>, entryName: string) => {
    router.get(
      path,
      handle(async (_ctx, _req, res) => {
        const all = entries(baseUrl);
        send(res, 200, listResponse(all, all.length, 1));
      }),
    );
    router.get(
      `${path}/:id`,
      handle(async (_ctx, req, res) => {
        const found = entries(baseUrl).find((entry) => entry.id === req.params.id);
        if (!found) throw scimNotFound(entryName);
        send(res, 200, found);
      }),
    );
  };
  discoveryList('/ResourceTypes', resourceTypes, 'resource type');
  discoveryList('/Schemas', schemas, 'schema');

  const query = (req: Request) => req.query as Record<string, unknown>;
  const id = (req: Request) => String(req.params.id);

  /** Create, replace, patch and delete (RFC 7644 §3.3, §3.5, §3.6): the same for Users and Groups. */
  const writableResource = <Row>(
    path: string,
    toScim: (row: Row) => ScimResource,
    writes: {
      read: (ctx: Context, id: string) => Promise<Row>;
      create: (ctx: Context, body: unknown) => Promise<Row>;
      replace: (ctx: Context, id: string, body: unknown) => Promise<Row>;
      patch: (ctx: Context, id: string, body: unknown) => Promise<Row>;
      remove: (ctx: Context, id: string) => Promise<void>;
    },
  ) => {
    /**
     * If-Match (RFC 7644 §3.14, etags are advertised): a change to a version the client no longer
     * has is refused with 412. Checked before the write, not inside it: two provisioning clients
     * changing one person in the same instant is not what this guards against, a stale copy is.
     */
    const unlessChanged = async (ctx: Context, req: Request) => {
      const wanted = req.get('if-match');
      if (!wanted || wanted.trim() === '*') return;
      const current = toScim(await writes.read(ctx, id(req))).meta.version;
      const versions = wanted.split(',').map((version) => version.trim());
      if (!versions.includes(current)) {
        throw new ScimError(412, `The resource changed since you read it: its version is now ${current}. Read it again, then retry.`);
      }
    };
    router.post(
      path,
      handle(async (ctx, req, res) => sendResource(res, 201, toScim(await writes.create(ctx, req.body)))),
    );
    router.put(
      `${path}/:id`,
      handle(async (ctx, req, res) => {
        await unlessChanged(ctx, req);
        sendResource(res, 200, toScim(await writes.replace(ctx, id(req), req.body)));
      }),
    );
    router.patch(
      `${path}/:id`,
      handle(async (ctx, req, res) => {
        await unlessChanged(ctx, req);
        sendResource(res, 200, toScim(await writes.patch(ctx, id(req), req.body)));
      }),
    );
    router.delete(
      `${path}/:id`,
      handle(async (ctx, req, res) => {
        await unlessChanged(ctx, req);
        await writes.remove(ctx, id(req));
        send(res, 204);
      }),
    );
  };

  router.get(
    '/Users',
    handle(async (ctx, req, res) => send(res, 200, await listUsers(ctx, query(req), baseUrl))),
  );
  writableResource('/Users', (person) => toScimUser(person, baseUrl), {
    read: getUser,
    create: createUser,
    replace: replaceUser,
    patch: patchUser,
    remove: deleteUser,
  });
  router.get(
    '/Users/:id',
    handle(async (ctx, req, res) => sendResource(res, 200, toScimUser(await getUser(ctx, id(req)), baseUrl))),
  );

  router.get(
    '/Groups',
    handle(async (ctx, req, res) => {
      const { groups, total, startIndex } = await listGroups(ctx, query(req));
      const withMembers = !membersExcluded(query(req));
      send(
        res,
        200,
        listResponse(
          groups.map((group) => toScimGroup(group, baseUrl, withMembers)),
          total,
          startIndex,
        ),
      );
    }),
  );
  writableResource('/Groups', (group) => toScimGroup(group, baseUrl), {
    read: getGroup,
    create: createGroup,
    replace: replaceGroup,
    patch: patchGroup,
    remove: deleteGroup,
  });
  router.get(
    '/Groups/:id',
    handle(async (ctx, req, res) =>
      sendResource(res, 200, toScimGroup(await getGroup(ctx, id(req)), baseUrl, !membersExcluded(query(req)))),
    ),
  );

  router.use(
    handle(async () => {
      throw new ScimError(
        404,
        `There is no SCIM endpoint here: use ${SCIM_PATH}/Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.`,
      );
    }),
  );
  return router;
}
