// A real StudentDesk for browser tests: the API started in-process on a fresh embedded database,
// serving the BUILT portal (dist/), with a small school in it. Everything listens on loopback.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, createLogger, createSchema, freePort, loadConfig, startServer, toGlobalId } from '@studentdesk/api';
import { createTestDatabase, hashPassword, type PrismaClient } from '@studentdesk/db';

export const PASSWORD = 'portal end-to-end password';
const PORTAL_DIST = fileURLToPath(new URL('../dist', import.meta.url));

async function createSchool(prisma: PrismaClient) {
  const it = await prisma.department.create({
    data: {
      name: 'IT Services',
      slug: 'it',
      timeZone: 'UTC',
      businessDays: [1, 2, 3, 4, 5, 6, 7],
      businessDayStart: 0,
      businessDayEnd: 1440,
    },
  });
  await prisma.slaPolicy.createMany({
    data: (['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const).map((priority, index) => ({
      departmentId: it.id,
      priority,
      firstResponseMinutes: [480, 240, 60, 30][index]!,
      resolutionMinutes: [2400, 1440, 480, 240][index]!,
    })),
  });
  const login = await prisma.category.create({ data: { name: 'Login & accounts', departmentId: it.id } });
  const wifi = await prisma.category.create({ data: { name: 'Wi-Fi & network', departmentId: it.id } });
  const passwordHash = await hashPassword(PASSWORD);
  const student = await prisma.user.create({
    data: { name: 'Amara Okafor', email: 'amara@student.test', role: 'STUDENT', passwordHash, studentNumber: 'S1000001' },
  });
  const staff = await prisma.user.create({
    data: { name: 'Jonas Weber', email: 'jonas@staff.test', role: 'STAFF', passwordHash, departmentId: it.id },
  });
  return { categories: { login, wifi }, users: { student, staff } };
}

export interface Stack {
  origin: string;
  prisma: PrismaClient;
  school: Awaited<ReturnType<typeof createSchool>>;
  /** A GraphQL request as the staff member, as the console would send it. */
  asStaff: <Data = any>(query: string, variables?: Record<string, unknown>) => Promise<Data>;
  globalId: typeof toGlobalId;
  /** How many live subscriptions pages have opened so far. */
  liveSubscriptions: () => number;
  close: () => Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const db = await createTestDatabase('pglite');
  const school = await createSchool(db.prisma);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: origin,
    AUTH_SECRET: 'portal-e2e-secret-that-is-long-enough',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'studentdesk-portal-e2e-')),
    PORTAL_DIST,
    CONSOLE_DIST: '/nonexistent',
  });
  const { app, stopBackgroundWork } = await createApp(config, db, createLogger('silent'));
  // Counted so a test can wait until a page's live subscription is registered before changing the ticket.
  let liveSubscriptions = 0;
  const subscribe = app.pubSub.subscribe.bind(app.pubSub);
  app.pubSub.subscribe = ((...args: Parameters<typeof subscribe>) => {
    liveSubscriptions += 1;
    return subscribe(...args);
  }) as typeof app.pubSub.subscribe;
  const server = await startServer(app, await createSchema(app.pubSub));

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const staffToken = (
    await gql('mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }', {
      email: school.users.staff.email,
      password: PASSWORD,
    })
  ).signIn.token as string;

  return {
    origin,
    prisma: db.prisma,
    school,
    asStaff: (query, variables) => gql(query, variables, staffToken),
    globalId: toGlobalId,
    liveSubscriptions: () => liveSubscriptions,
    async close() {
      await server.close();
      await stopBackgroundWork();
      await db.drop();
    },
  };
}
