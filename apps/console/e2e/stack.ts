// The real thing for end-to-end tests: a fresh database with a small school, the API started as
// `pnpm start` starts it (node dist/main.js) serving the BUILT console and portal, and Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHealth } from '@studentdesk/api';
import { createTestDatabase, hashPassword, openDatabase, type PrismaClient } from '@studentdesk/db';
import { chromium, type Browser, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const CONSOLE_DIST = resolve(here, '../dist');
const PORTAL_DIST = resolve(here, '../../portal/dist');
export const SCREENSHOTS = resolve(here, '../test-results');
const API_MAIN = resolve(here, '../../api/dist/main.js');
export const PASSWORD = 'studentdesk-e2e';

export const PEOPLE = {
  staff: { name: 'Jonas Weber', email: 'jonas@e2e.studentdesk', role: 'STAFF' },
  manager: { name: 'Priya Raman', email: 'priya@e2e.studentdesk', role: 'MANAGER' },
  admin: { name: 'Noor Haddad', email: 'noor@e2e.studentdesk', role: 'ADMIN' },
  amara: { name: 'Amara Okafor', email: 'amara@e2e.studentdesk', role: 'STUDENT', studentNumber: 'S2024-0117' },
  ben: { name: 'Ben Lee', email: 'ben@e2e.studentdesk', role: 'STUDENT', studentNumber: 'S2024-0288' },
  chloe: { name: 'Chloe Martin', email: 'chloe@e2e.studentdesk', role: 'STUDENT', studentNumber: 'S2024-0342' },
} as const;

export type Person = keyof typeof PEOPLE;

/** Where each app's sign-in form is, what its email field is called, and what shows once signed in. */
const SIGN_IN = {
  console: { path: '/console/', emailLabel: 'Email', signedIn: (page: Page) => page.getByRole('navigation', { name: 'Main' }) },
  portal: { path: '/', emailLabel: 'School email', signedIn: (page: Page) => page.getByRole('heading', { level: 1, name: 'My tickets' }) },
} as const;

export type App = keyof typeof SIGN_IN;

export interface School {
  /** Global IDs of the categories, by name. */
  categories: Record<string, string>;
}

/** A small school: IT (open around the clock, so due times are plain) and Financial Aid. */
async function seedSchool(prisma: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD);
  const department = (name: string, slug: string) =>
    prisma.department.create({
      data: {
        name,
        slug,
        timeZone: 'UTC',
        businessDays: [1, 2, 3, 4, 5, 6, 7],
        businessDayStart: 0,
        businessDayEnd: 1440,
        slaPolicies: {
          create: [
            { priority: 'LOW', firstResponseMinutes: 480, resolutionMinutes: 2880 },
            { priority: 'NORMAL', firstResponseMinutes: 240, resolutionMinutes: 1440 },
            { priority: 'HIGH', firstResponseMinutes: 60, resolutionMinutes: 480 },
            { priority: 'URGENT', firstResponseMinutes: 30, resolutionMinutes: 240 },
          ],
        },
      },
    });
  const it = await department('IT', 'it');
  const finance = await department('Financial Aid', 'financial-aid');
  await Promise.all([
    prisma.category.create({ data: { name: 'Login & accounts', departmentId: it.id } }),
    prisma.category.create({ data: { name: 'Wi-Fi & network', departmentId: it.id } }),
    prisma.category.create({ data: { name: 'Fees & invoices', departmentId: finance.id } }),
  ]);
  for (const person of Object.values(PEOPLE)) {
    await prisma.user.create({
      data: {
        name: person.name,
        email: person.email,
        role: person.role,
        passwordHash,
        departmentId: person.role === 'STUDENT' ? null : it.id,
        studentNumber: 'studentNumber' in person ? person.studentNumber : null,
      },
    });
  }
  await prisma.cannedResponse.create({
    data: {
      title: 'Password reset done',
      body: 'Hi {{student.firstName}},\n\nI have reset your password; the new one is in your personal email.\n\n{{agent.firstName}}, {{department.name}}',
      departmentId: it.id,
    },
  });
}

/** A fresh database: throw-away PostgreSQL when the machine has one, else embedded PGlite in a temporary folder. */
async function freshDatabase(): Promise<{ env: Record<string, string>; cleanUp: () => Promise<void> }> {
  try {
    const db = await createTestDatabase('postgresql');
    await seedSchool(db.prisma);
    await db.prisma.$disconnect();
    return { env: { DATABASE_URL: db.url }, cleanUp: () => db.drop() };
  } catch (error) {
    if (!(error instanceof Error) || !/ECONNREFUSED|connect/i.test(error.message)) throw error;
    const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-console-e2e-'));
    const db = await openDatabase({ dataDir });
    await seedSchool(db.prisma);
    await db.close();
    return { env: { DATA_DIR: dataDir }, cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
}

export interface Stack {
  origin: string;
  school: School;
  browser: Browser;
  /** GraphQL over HTTP as a person (bearer token), as the portal or an integration would call. */
  gqlAs: (person: Person, query: string, variables?: Record<string, unknown>) => Promise<any>;
  /** A new browser page, in a context of its own (own cookies), signed in through the app's own sign-in form. */
  signedInPage: (person: Person, app?: App) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<void>;
  /** Serious and critical accessibility violations axe-core finds on the page. */
  accessibilityProblems: (page: Page) => Promise<Array<{ id: string; impact: string; help: string; nodes: string[] }>>;
  stop: () => Promise<void>;
}

export async function startStack(): Promise<Stack> {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) throw new Error(`Build the console first: ${CONSOLE_DIST} has no index.html`);
  if (!existsSync(join(PORTAL_DIST, 'index.html'))) throw new Error(`Build the portal first: ${PORTAL_DIST} has no index.html`);
  if (!existsSync(API_MAIN)) throw new Error(`Build the API first: ${API_MAIN} is missing`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const database = await freshDatabase();
  const port = await freePort();
  const api: ChildProcess = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      ...database.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'never',
      AUTH_SECRET: 'console-e2e-secret-that-is-long-enough-for-hs256',
      CONSOLE_DIST,
      PORTAL_DIST,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // A failed webhook delivery waits an hour for its retry, so only a redelivery resends it.
      WEBHOOK_RETRY_FIRST_DELAY_MS: '3600000',
      // The journeys' webhook receiver runs on loopback, an internal address refused by default.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  api.stdout!.on('data', (chunk) => (output += chunk));
  api.stderr!.on('data', (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  if (!(await waitForHealth(origin, { timeoutMs: 90_000, gaveUp: () => api.exitCode !== null }))) {
    throw new Error(`The API ${api.exitCode === null ? 'did not start' : 'exited'}:\n${output}`);
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const tokens = new Map<Person, string>();
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
    return body.data;
  };
  const { categories } = (await gql('{ categories { id name } }')) as { categories: Array<{ id: string; name: string }> };
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  return {
    origin,
    school: { categories: Object.fromEntries(categories.map((category) => [category.name, category.id])) },
    browser,
    async gqlAs(person, query, variables) {
      if (!tokens.has(person)) {
        const data = await gql('mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }', {
          email: PEOPLE[person].email,
          password: PASSWORD,
        });
        tokens.set(person, data.signIn.token);
      }
      return gql(query, variables, tokens.get(person));
    },
    async signedInPage(person, app = 'console') {
      const form = SIGN_IN[app];
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${origin}${form.path}`);
      await page.getByLabel(form.emailLabel, { exact: true }).fill(PEOPLE[person].email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await form.signedIn(page).waitFor();
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async accessibilityProblems(page) {
      // Evaluated through DevTools, not a script tag, so the page's Content-Security-Policy stays on.
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return result.violations as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
      });
      return violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.map((node) => node.target.join(' ')),
        }));
    },
    async stop() {
      await browser.close();
      api.kill('SIGTERM');
      await new Promise((done) => (api.exitCode !== null ? done(null) : api.once('exit', done)));
      await database.cleanUp();
    },
  };
}
