// The benchmark's baseline over HTTP: each case's direct Prisma call behind a bare node:http
// server, in its own process with the API's pool size and heap cap. Loaded by autocannon exactly
// like the API, it leaves GraphQL (parsing, validation, limits, resolvers) as the only difference.
// Started by run.ts with DATABASE_URL (or DATA_DIR), DB_POOL_SIZE, PORT, AUTH_SECRET and BENCH_FIXTURE (JSON) in the environment.
import { createServer } from 'node:http';
import { openDatabase } from '@studentdesk/db';
import { CASES, type BenchFixture } from './cases.js';
import { quietApp } from './quiet-app.js';

const fixture = JSON.parse(process.env.BENCH_FIXTURE!) as BenchFixture;
const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR,
  poolSize: Number(process.env.DB_POOL_SIZE),
});
const app = await quietApp(db, process.env.AUTH_SECRET!);
const casesByPath = new Map(CASES.map((benchCase) => [`/${benchCase.name}`, benchCase]));

const server = createServer((request, response) => {
  const benchCase = casesByPath.get(request.url ?? '');
  // The body is read and dropped, as the API reads its query.
  request.resume();
  request.on('end', () => {
    if (!benchCase) {
      response.writeHead(request.url === '/health' ? 200 : 404).end();
      return;
    }
    benchCase.direct(app, fixture).then(
      (data) => {
        const body = JSON.stringify({ data });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
      },
    );
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
