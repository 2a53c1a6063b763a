// The websocket transport: graphql-ws on /graphql, its protocol server (makeServer) wired to ws
// here. Every operation passes the same admission as over HTTP (limits/admission.ts); the socket
// meets limits of its own (WS_* in config.ts, docs/security.md):
// - a message over WS_MAX_MESSAGE_BYTES is refused by ws before it is parsed (close 1009);
// - connection_init must come within WS_CONNECTION_INIT_TIMEOUT_MS (close 4408);
// - at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION operations at once per socket (TOO_MANY_SUBSCRIPTIONS);
// - at most WS_MAX_CONNECTIONS_PER_ADDRESS sockets not signed in per address (HTTP 429 at the
//   upgrade) and WS_MAX_CONNECTIONS_PER_USER per user or API key (close 1013), per process;
// - a page from an origin that is not ours nor in CORS_ORIGINS cannot open one (HTTP 403), so a
//   foreign site cannot ride a staff member's session cookie (cross-site websocket hijacking).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseCookie } from 'cookie';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { anonymous, type Viewer } from './auth/viewer.js';
import type { WebsocketSettings } from './config.js';
import { createContext, createLoaders, viewerFromToken, type App, type Context } from './context.js';
import { ClientError, ErrorCode, SocketCloseCode } from './errors.js';
import { originAllowed } from './http-hardening.js';
import type { Admission } from './limits/admission.js';

/** Pings keep sockets behind idle-closing proxies open, and find dead peers. */
const KEEP_ALIVE_MS = 12_000;

/** One socket, as the operations on it see it. */
export interface SocketState {
  request: IncomingMessage;
  socket: WebSocket;
  clientAddress?: string;
  /** Anonymous until connection_init names a session or API key. */
  viewer: Viewer;
  /** The connection count this socket takes a place in: its address's, then its user's once signed in. */
  countedAs: string;
}

type ConnectionParams = Record<string, unknown>;

export interface WebsocketOptions {
  app: App;
  schema: GraphQLSchema;
  admission: Admission;
  settings: WebsocketSettings;
  path: string;
  sessionCookie: string;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** The caller's address, read as express reads it (TRUST_PROXY). */
  clientAddressOf: (request: IncomingMessage) => string | undefined;
}

export interface WebsocketTransport {
  /** Closes every socket (1001 "going away") and stops accepting new ones. */
  close: () => Promise<void>;
}

/** Who a socket speaks for: connection_init's `authToken`, else the session cookie; null for a bad one. */
async function authenticateSocket(app: App, state: SocketState, params: ConnectionParams | undefined, cookieName: string) {
  const given = params?.authToken;
  if (given !== undefined && typeof given !== 'string') return null;
  const token = given ?? parseCookie(state.request.headers.cookie ?? '')[cookieName];
  const check = await viewerFromToken(app, createLoaders(app.prisma), token);
  return check.ok ? check.viewer : null;
}

/** The context of one operation on a socket: who the socket speaks for and from where, with fresh loaders. */
export function socketContext(app: App, state: SocketState): Context {
  return createContext(app, state.viewer, createLoaders(app.prisma), undefined, state.clientAddress);
}

/** Places taken per address or user, in this process. */
function connectionCounts() {
  const counts = new Map<string, number>();
  return {
    count: (key: string) => counts.get(key) ?? 0,
    take: (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1),
    release(key: string) {
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    },
  };
}

/** Answers an upgrade it will not make with a plain HTTP status, before any websocket exists. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message }] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const tooManySubscriptions = (maximum: number) =>
  new ClientError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `This connection already runs ${maximum} operations; complete some first.`, {
    limit: 'subscriptionsPerConnection',
    maximum,
  });

export function serveWebsocket(httpServer: Server, options: WebsocketOptions): WebsocketTransport {
  const { app, schema, admission, settings, formatErrors } = options;
  const { config, logger } = app;
  const counts = connectionCounts();
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes, handleProtocols });
  const answerErrors = (state: SocketState, errors: readonly GraphQLError[]) => admission.hideSchemaHints(state, formatErrors(errors));

  const protocol = makeServer<ConnectionParams, SocketState>({
    connectionInitWaitTimeout: settings.connectionInitTimeoutMs,
    onConnect: async (ctx) => {
      const state = ctx.extra;
      const viewer = await authenticateSocket(app, state, ctx.connectionParams, options.sessionCookie);
      if (!viewer) return false;
      state.viewer = viewer;
      // Closed when its session ends (auth/sessions.ts).
      app.sessions.watchSocket(viewer, state.socket);
      const owner = viewer.kind === 'user' ? `user:${viewer.user.id}` : viewer.kind === 'apiKey' ? `apiKey:${viewer.apiKey.id}` : null;
      if (!owner) return true;
      counts.release(state.countedAs);
      state.countedAs = owner;
      counts.take(owner);
      if (counts.count(owner) > settings.maxConnectionsPerUser) {
        state.socket.close(SocketCloseCode.TRY_AGAIN_LATER, 'Too many connections for this user');
        return false;
      }
      return true;
    },
    onSubscribe: async (ctx, _id, payload) => {
      // graphql-ws has already reserved this operation's id.
      if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerConnection) {
        return [tooManySubscriptions(settings.maxSubscriptionsPerConnection)];
      }
      const state = ctx.extra;
      const outcome = await admission.admit(payload, state);
      if (!outcome.ok) return outcome.errors;
      return {
        schema,
        document: outcome.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: socketContext(app, state),
      };
    },
    onNext: (ctx, _id, _payload, _args, result) =>
      admission.limitAnswer(result.errors ? { ...result, errors: answerErrors(ctx.extra, result.errors) } : result),
    onError: (ctx, _id, _payload, errors) => answerErrors(ctx.extra, errors),
  });

  const opened = (socket: WebSocket, state: SocketState) => {
    // ws closes the socket itself for a message over maxPayload (1009) or a broken frame; these are the client's doing.
    socket.on('error', (error) =>
      logger.debug({ err: { message: error.message }, clientAddress: state.clientAddress }, 'websocket refused'),
    );
    let pongWait: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => {
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer) => {
            handle(data.toString('utf8')).catch((error: unknown) => {
              logger.error({ err: error }, 'unexpected error handling a websocket message');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      state,
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      clearTimeout(pongWait);
      counts.release(state.countedAs);
      void closed(code, String(reason));
    });
  };

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) {
      return refuseUpgrade(socket, 404, 'Not Found', `Websockets are served at ${options.path}.`);
    }
    if (!originAllowed(request.headers.origin, request.headers.host, config)) {
      return refuseUpgrade(socket, 403, 'Forbidden', 'This origin may not open a websocket to StudentDesk.');
    }
    const clientAddress = options.clientAddressOf(request);
    const countedAs = `address:${clientAddress ?? ''}`;
    const full = () => counts.count(countedAs) >= settings.maxConnectionsPerAddress;
    if (full()) return refuseUpgrade(socket, 429, 'Too Many Requests', 'Too many websockets from your address.');
    wsServer.handleUpgrade(request, socket, head, (ws) => {
      if (full()) return ws.close(SocketCloseCode.TRY_AGAIN_LATER, 'Too many websockets from your address');
      counts.take(countedAs);
      opened(ws, { request, socket: ws, clientAddress, viewer: anonymous, countedAs });
    });
  };
  httpServer.on('upgrade', upgrade);

  return {
    async close() {
      httpServer.off('upgrade', upgrade);
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
