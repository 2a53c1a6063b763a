// Load generators: autocannon against the API over HTTP, and the same work as direct calls in this
// process, both reported the same way so they can be compared as a ratio.
import { Agent, request, type RequestOptions } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface HttpLoad {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

/** A response counts as an error unless it is HTTP 2xx with GraphQL data and no errors. */
function isGraphQLSuccess(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown };
    return parsed.data !== null && parsed.data !== undefined && parsed.errors === undefined;
  } catch {
    return false;
  }
}

export async function httpLoad(load: HttpLoad): Promise<LoadResult> {
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    body: load.body,
    connections: load.connections,
    duration: load.seconds,
    expectBody: undefined,
    verifyBody: isGraphQLSuccess,
  } as autocannon.Options & { verifyBody: (body: string) => boolean });
  const mismatches = (result as unknown as { mismatches?: number }).mismatches ?? 0;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts + mismatches,
  };
}

/** A run whose every latency is known (not autocannon's histogram), so any percentile can be read. */
export type LatencyResult = LoadResult & { p95: number };

/** Latencies (ms, any order) in autocannon's terms, and the 95th percentile. */
function summarize(latencies: number[], errors: number, seconds: number): LatencyResult {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, requestsPerSecond: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}

/** One POST with `options` (over a keep-alive agent); resolves true for a GraphQL success within 10 s (autocannon's timeout). */
function post(options: RequestOptions, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sent = request(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(response.statusCode === 200 && isGraphQLSuccess(Buffer.concat(chunks).toString('utf8'))));
    });
    sent.on('timeout', () => sent.destroy());
    sent.on('error', () => resolve(false));
    sent.end(body);
  });
}

/**
 * Open-loop load at a stated rate: requests arrive as independent users' would (Poisson, mean
 * `rate` per second), whether or not earlier ones were answered, over at most `connections`
 * keep-alive connections. Latency counts from the moment a request was due, so a stall cannot hide
 * the requests that should have been sent during it. (autocannon's overallRate instead starts every
 * connection's request at the same instant each second: a burst, not a rate.)
 */
export async function pacedLoad(load: HttpLoad & { rate: number }): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const url = new URL(load.url);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(load.body), ...load.headers };
  const options: RequestOptions = {
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers,
    agent,
    timeout: 10_000,
  };
  const latencies: number[] = [];
  let errors = 0;
  const answers: Promise<void>[] = [];
  const started = performance.now();
  const end = started + load.seconds * 1000;
  for (let due = started; ; due += (-Math.log(1 - Math.random()) / load.rate) * 1000) {
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    answers.push(post(options, load.body).then((ok) => (ok ? void latencies.push(performance.now() - due) : void (errors += 1))));
  }
  await Promise.all(answers);
  agent.destroy();
  return summarize(latencies, errors, load.seconds);
}

/** `connections` concurrent loops calling `work` for `seconds`, timed like autocannon. */
export async function directLoad(work: () => Promise<unknown>, connections: number, seconds: number): Promise<LatencyResult> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      try {
        await work();
        latencies.push(performance.now() - start);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  return summarize(latencies, errors, (performance.now() - started) / 1000);
}

export interface ReportOutcomes {
  /** Tickets the API answered with. */
  confirmedTicketIds: string[];
  /** Idempotency keys of the reports the API answered with an error. */
  refusedKeys: string[];
}

/**
 * `reportProblem` under load, each request with its own idempotency key, recording which answered
 * with a ticket and which with an error. Requests still in flight when the run ends are in neither.
 */
export async function reportLoad(
  load: Omit<HttpLoad, 'body'> & { input: Record<string, unknown>; mutation: string },
): Promise<ReportOutcomes> {
  const outcomes: ReportOutcomes = { confirmedTicketIds: [], refusedKeys: [] };
  await autocannon({
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    connections: load.connections,
    duration: load.seconds,
    requests: [
      {
        setupRequest: (request, context: Record<string, string>) => {
          context.key = crypto.randomUUID();
          return {
            ...request,
            body: JSON.stringify({ query: load.mutation, variables: { input: { ...load.input, idempotencyKey: context.key } } }),
          };
        },
        onResponse: (_status, body, context: Record<string, string>) => {
          try {
            const ticketId = (JSON.parse(body) as { data?: { reportProblem?: { ticket?: { id?: string } } } }).data?.reportProblem?.ticket
              ?.id;
            if (ticketId) return void outcomes.confirmedTicketIds.push(ticketId);
          } catch {
            // not JSON: an error
          }
          outcomes.refusedKeys.push(context.key!);
        },
      },
    ],
  } as autocannon.Options);
  return outcomes;
}
