// A real webhook receiver on loopback: it records every request (headers and raw body, so a test
// can verify signatures as an integrator would) and answers as the test tells it.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  body: string;
  /** What the receiver answered. */
  status: number;
}

export interface ReceiverAnswer {
  status: number;
  body?: string;
}

/** Decides the answer to `request`, knowing the requests received before it. */
export type AnswerRule = (request: Omit<ReceivedRequest, 'status'>, earlier: readonly ReceivedRequest[]) => ReceiverAnswer;

export const ACCEPT: AnswerRule = () => ({ status: 200, body: 'thanks' });

/** Fails the first `attempts` requests of each event (by its webhook-id) with `failure`, then accepts. */
export function failFirstAttempts(attempts: number, failure: ReceiverAnswer = { status: 500, body: 'not now' }): AnswerRule {
  return (request, earlier) => {
    const id = request.headers['webhook-id'];
    return earlier.filter((before) => before.headers['webhook-id'] === id).length < attempts ? failure : ACCEPT(request, earlier);
  };
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Changes how the receiver answers from the next request on. */
  answerWith: (rule: AnswerRule) => void;
  close: () => Promise<void>;
}

export async function startWebhookReceiver(rule: AnswerRule = ACCEPT, path = '/hooks'): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let answer = rule;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const reply = answer({ headers: request.headers, body }, received);
      received.push({ headers: request.headers, body, status: reply.status });
      response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    answerWith: (next) => (answer = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
