// A websocket speaking graphql-ws's protocol by hand, as an attacker would: any headers (Origin,
// cookie, X-Forwarded-For), any message, and every answer and close code in sight.
import WebSocket from 'ws';

export interface SocketClose {
  code: number;
  reason: string;
}

export interface RawSocket {
  ws: WebSocket;
  /** Every message received, parsed. */
  messages: Array<{ type: string; id?: string; payload?: any }>;
  closed: Promise<SocketClose>;
  send: (message: unknown) => void;
  /** Sends connection_init and waits for the ack; rejects with the close if the server closes instead. */
  init: (payload?: Record<string, unknown>) => Promise<void>;
  /** Runs one operation and resolves with its first `next` payload or its `error` payload. */
  run: (query: string, variables?: Record<string, unknown>) => Promise<{ type: 'next' | 'error'; payload: any }>;
  close: () => void;
}

/** What a refused upgrade answered: its HTTP status. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`the websocket upgrade was answered ${status}`);
  }
}

let operations = 0;

export async function openRawSocket(httpUrl: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const ws = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
  const messages: RawSocket['messages'] = [];
  const waiting = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString('utf8')) as RawSocket['messages'][number]);
    for (const wake of waiting) wake();
  });
  let isClosed = false;
  const closed = new Promise<SocketClose>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  void closed.then(() => {
    isClosed = true;
    for (const wake of waiting) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_request, response) => {
      reject(new UpgradeRefused(response.statusCode ?? 0));
      response.resume();
    });
    ws.once('error', reject);
  });

  /** Waits until a message matches, or fails with the close. */
  const waitFor = <Message>(find: () => Message | undefined): Promise<Message> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          waiting.delete(check);
          resolve(found);
        } else if (isClosed) {
          waiting.delete(check);
          void closed.then((close) => reject(Object.assign(new Error(`socket closed ${close.code} ${close.reason}`), close)));
        }
      };
      waiting.add(check);
      check();
    });

  const send = (message: unknown) => ws.send(JSON.stringify(message));
  return {
    ws,
    messages,
    closed,
    send,
    async init(payload) {
      send({ type: 'connection_init', ...(payload ? { payload } : {}) });
      await waitFor(() => messages.find((message) => message.type === 'connection_ack'));
    },
    async run(query, variables) {
      operations += 1;
      const id = `op-${operations}`;
      send({ id, type: 'subscribe', payload: { query, variables } });
      const answer = await waitFor(() =>
        messages.find((message) => message.id === id && (message.type === 'next' || message.type === 'error')),
      );
      return { type: answer.type as 'next' | 'error', payload: answer.payload };
    },
    close: () => ws.close(),
  };
}

/** The error codes of a websocket answer: an `error` message's list, or a `next` payload's errors. */
export function socketCodes(answer: { type: 'next' | 'error'; payload: any }): string[] {
  const errors = (answer.type === 'error' ? answer.payload : answer.payload.errors) as
    Array<{ extensions?: { code?: string } }> | undefined;
  return (errors ?? []).map((error) => error.extensions?.code ?? '');
}
