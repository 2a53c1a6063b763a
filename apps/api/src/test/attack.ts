// The transport attack of issue 14, as one function: anonymous huge and deep websocket messages,
// connection floods, subscription floods and over-cost HTTP queries, all at once, while a student
// keeps reporting problems and /health is polled. Both the test (security/transport-attack.test.ts,
// a few seconds) and `pnpm attack` (bench/attack.ts, a minute, figures for docs/security.md) run it.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { graphqlClient } from '@studentdesk/testing';
import { openRawSocket, socketCodes, UpgradeRefused, type RawSocket } from './raw-socket.js';

export interface AttackTarget {
  /** http://host:port/graphql */
  url: string;
  /** A student's session token: the student reporting problems (and, as a second face, flooding subscriptions). */
  studentToken: string;
  /** A category the student reports under. */
  categoryId: string;
}

export interface Latencies {
  count: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
}

export interface AttackReport {
  seconds: number;
  /** Attack messages and requests refused, by how: an error code, a close code, an upgrade status. */
  refused: Record<string, number>;
  /** Attack messages the server let through (answered with data). */
  answered: number;
  /** The student's reportProblem, paced at two a second. */
  studentReports: Latencies;
  /** GET /health every 100 ms. */
  health: Latencies;
  /** Up to ten reasons the student's reports or the health checks failed. */
  failures: string[];
}

/** Over any message limit: a 4 MiB document (the default limit is 256 KiB). */
const HUGE_MESSAGE = JSON.stringify({ id: 'huge', type: 'subscribe', payload: { query: `{ ${'a '.repeat(2 * 1024 * 1024)}}` } });
/** Documents that are each refused by one limit, sent over an anonymous socket. */
const NASTY_DOCUMENTS = [
  // Nesting far past the token limit.
  `{${' ticket(id: "1") {'.repeat(2000)} id${' }'.repeat(2000)} }`,
  // Depth 18.
  `{ __type(name: "Ticket") { fields { type { ${'ofType { '.repeat(14)}name${' }'.repeat(14)} } } } }`,
  // 200 aliases.
  `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: departments { id }`).join(' ')} }`,
  // Cost 10,302.
  '{ tickets(first: 100) { edges { node { id messages(first: 100) { edges { node { body } } } } } } }',
  // 150 kB.
  `{ __typename ${'#'.repeat(150_000)}\n}`,
  // Introspection (refused to anonymous callers in production).
  '{ __schema { types { name fields { name } } } }',
];
/** Near the maximum cost (2,550 + 5 × 400 + 420 = 4,970), anonymous: drains the address's budget. */
const NEAR_MAX_COST = `{ a: departments { categories { id } } ${['b', 'c', 'd', 'e', 'f']
  .map((alias) => `${alias}: categories { department { id } }`)
  .join(' ')} g: activeIncidents { updates { body } } }`;
const COST_10302 = NASTY_DOCUMENTS[3]!;

function summarize(latencies: number[], failures: number): Latencies {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: latencies.length + failures, failures, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0) };
}

export async function runAttack(target: AttackTarget, { seconds }: { seconds: number }): Promise<AttackReport> {
  const deadline = Date.now() + seconds * 1000;
  const running = () => Date.now() < deadline;
  const refused: Record<string, number> = {};
  const refuse = (reason: string) => (refused[reason] = (refused[reason] ?? 0) + 1);
  let answered = 0;
  const failures: string[] = [];
  const fail = (what: string) => {
    if (failures.length < 10) failures.push(what);
  };
  const gql = graphqlClient(target.url);
  const origin = new URL(target.url).origin;

  /** Counts how a socket attempt ended when it did not get as far as the attacker wanted. */
  const socketRefusal = (error: unknown) => {
    if (error instanceof UpgradeRefused) refuse(`websocket upgrade ${error.status}`);
    else if (error && typeof error === 'object' && 'code' in error) refuse(`websocket close ${String(error.code)}`);
    else refuse('websocket error');
  };

  const hugeMessages = async () => {
    while (running()) {
      try {
        const socket = await openRawSocket(target.url);
        await socket.init();
        socket.ws.send(HUGE_MESSAGE);
        socketRefusal(await socket.closed);
      } catch (error) {
        socketRefusal(error);
        await sleep(50);
      }
    }
  };

  const nastyDocuments = async () => {
    let socket: RawSocket | undefined;
    for (let index = 0; running(); index += 1) {
      try {
        if (!socket || socket.ws.readyState !== WebSocket.OPEN) {
          socket = await openRawSocket(target.url);
          await socket.init();
        }
        const answer = await socket.run(NASTY_DOCUMENTS[index % NASTY_DOCUMENTS.length]!);
        const codes = socketCodes(answer);
        if (codes.length === 0) answered += 1;
        for (const code of codes) refuse(code);
      } catch (error) {
        socketRefusal(error);
        socket = undefined;
        await sleep(50);
      }
    }
    socket?.close();
  };

  const connectionFlood = async () => {
    while (running()) {
      const attempts = await Promise.allSettled(Array.from({ length: 100 }, () => openRawSocket(target.url)));
      for (const attempt of attempts) {
        if (attempt.status === 'rejected') socketRefusal(attempt.reason);
      }
      // The ones let in never say connection_init: the server closes them (4408).
      const opened = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
      for (const close of await Promise.all(opened.map((socket) => socket.closed))) socketRefusal(close);
    }
  };

  const subscriptionFlood = async (ticketId: string) => {
    while (running()) {
      try {
        const socket = await openRawSocket(target.url);
        await socket.init({ authToken: target.studentToken });
        for (let index = 0; index < 1000; index += 1) {
          socket.send({
            id: `flood-${index}`,
            type: 'subscribe',
            payload: { query: 'subscription($id: ID!) { ticketUpdated(ticketId: $id) { id status } }', variables: { id: ticketId } },
          });
        }
        const until = Date.now() + 5000;
        while (socket.messages.filter((message) => message.type === 'error').length < 950 && Date.now() < until && running())
          await sleep(20);
        for (const message of socket.messages) if (message.type === 'error') for (const code of socketCodes(message as never)) refuse(code);
        socket.close();
        await socket.closed;
      } catch (error) {
        socketRefusal(error);
        await sleep(50);
      }
    }
  };

  const overCostHttp = async () => {
    for (let index = 0; running(); index += 1) {
      const response = await gql(index % 2 === 0 ? COST_10302 : NEAR_MAX_COST).catch(() => undefined);
      if (!response) {
        refuse('HTTP error');
        continue;
      }
      const codes = (response.errors ?? []).map((error) => String(error.extensions?.code));
      if (codes.length === 0) answered += 1;
      for (const code of codes) refuse(code);
      if (codes.includes('RATE_LIMITED')) await sleep(20);
    }
  };

  const studentLatencies: number[] = [];
  let studentFailures = 0;
  const student = async () => {
    for (let index = 0; running(); index += 1) {
      const started = performance.now();
      const response = await gql(
        'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }',
        { input: { categoryId: target.categoryId, title: `During the attack ${index}`, description: 'The printer is jammed again.' } },
        { token: target.studentToken },
      ).catch((error: Error) => ({ status: 0, errors: [{ message: error.message }], data: undefined }));
      if (response.data?.reportProblem) studentLatencies.push(performance.now() - started);
      else {
        studentFailures += 1;
        fail(`report ${index}: ${JSON.stringify(response.errors).slice(0, 200)}`);
      }
      await sleep(Math.max(0, 500 - (performance.now() - started)));
    }
  };

  const healthLatencies: number[] = [];
  let healthFailures = 0;
  const health = async () => {
    while (running()) {
      const started = performance.now();
      const status = await new Promise<number | string>((resolve) => {
        request(`${origin}/health`, { agent: false, timeout: 5000 }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        })
          .on('timeout', function (this: { destroy: () => void }) {
            this.destroy();
            resolve('timeout');
          })
          .on('error', (error) => resolve(error.message))
          .end();
      });
      if (status === 200) healthLatencies.push(performance.now() - started);
      else {
        healthFailures += 1;
        fail(`health: ${status}`);
      }
      await sleep(Math.max(0, 100 - (performance.now() - started)));
    }
  };

  const own = await gql<{ reportProblem: { ticket: { id: string } } }>(
    'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }',
    { input: { categoryId: target.categoryId, title: 'Before the attack', description: 'To follow while flooding.' } },
    { token: target.studentToken },
  );
  if (!own.data) throw new Error(`the student could not report before the attack: ${JSON.stringify(own.errors)}`);
  const ticketId = own.data.reportProblem.ticket.id;

  await Promise.all([
    ...Array.from({ length: 3 }, hugeMessages),
    ...Array.from({ length: 3 }, nastyDocuments),
    connectionFlood(),
    subscriptionFlood(ticketId),
    ...Array.from({ length: 3 }, overCostHttp),
    student(),
    health(),
  ]);
  return {
    seconds,
    refused,
    answered,
    studentReports: summarize(studentLatencies, studentFailures),
    health: summarize(healthLatencies, healthFailures),
    failures,
  };
}
