// The real thing for the console's journeys: the built API (as `pnpm start` runs it) on a fresh
// database with the journey school, serving the BUILT console and portal, and Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JOURNEY_PEOPLE, PASSWORD, startJourneyStack, type JourneyOptions, type JourneyPerson } from '@studentdesk/testing';
import { accessibilityProblems, launchChromium, type AccessibilityProblem } from '@studentdesk/testing/browser';
import type { Browser, Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_DIST = resolve(here, '../dist');
export const PORTAL_DIST = resolve(here, '../../portal/dist');
export const SCREENSHOTS = resolve(here, '../test-results');

export type Person = JourneyPerson;

/** Where each app's sign-in form is, what its email field is called, and what shows once signed in. */
const SIGN_IN = {
  console: { path: '/console/', emailLabel: 'Email', signedIn: (page: Page) => page.getByRole('navigation', { name: 'Main' }) },
  portal: { path: '/', emailLabel: 'School email', signedIn: (page: Page) => page.getByRole('heading', { level: 1, name: 'My tickets' }) },
} as const;

export type App = keyof typeof SIGN_IN;

const REPORT_PROBLEM = /* GraphQL */ `
  mutation Report($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      ticket {
        id
        number
        priority
      }
    }
  }
`;

/** A ticket as a journey reports it. */
export interface ReportedTicket {
  id: string;
  number: string;
  priority: string;
}

export interface School {
  /** Global IDs of the categories, by name. */
  categories: Record<string, string>;
}

export interface Stack {
  origin: string;
  school: School;
  browser: Browser;
  /** GraphQL over HTTP as a person (bearer token), as the portal or an integration would call; errors throw. */
  gqlAs: (person: Person, query: string, variables?: Record<string, unknown>) => Promise<any>;
  /** A student reports a problem to one of the school's categories (by name) through the API, as the portal does. */
  report: (
    student: Person,
    category: string,
    title: string,
    description: string,
    more?: { expectedResolutionHours?: number },
  ) => Promise<ReportedTicket>;
  /** A new browser page, in a context of its own (own cookies), signed in through the app's own sign-in form. */
  signedInPage: (person: Person, app?: App) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<void>;
  /** Serious and critical accessibility violations axe-core finds on the page. */
  accessibilityProblems: (page: Page) => Promise<AccessibilityProblem[]>;
  stop: () => Promise<void>;
}

/** `prepare` adds what a test file needs to the school before the API starts; `env` more API configuration. */
export async function startStack(prepare?: JourneyOptions['prepare'], env: Record<string, string> = {}): Promise<Stack> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const [desk, browser] = await Promise.all([
    startJourneyStack({
      consoleDist: CONSOLE_DIST,
      portalDist: PORTAL_DIST,
      prepare,
      env: {
        // A failed webhook delivery waits an hour for its retry, so only a redelivery resends it.
        WEBHOOK_RETRY_FIRST_DELAY_MS: '3600000',
        // The journeys' webhook receiver runs on loopback, an internal address refused by default.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        ...env,
      },
    }),
    launchChromium(),
  ]);
  return {
    origin: desk.origin,
    school: { categories: desk.categories },
    browser,
    gqlAs: async (person, query, variables) => (await desk.as(person))(query, variables),
    async report(student, category, title, description, more = {}) {
      const categoryId = desk.categories[category];
      if (!categoryId) throw new Error(`The journey school has no category "${category}"`);
      const answer = await (
        await desk.as(student)
      )<{ reportProblem: { ticket: ReportedTicket } }>(REPORT_PROBLEM, {
        input: { categoryId, title, description, ...more },
      });
      return answer.reportProblem.ticket;
    },
    async signedInPage(person, app = 'console') {
      const form = SIGN_IN[app];
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${desk.origin}${form.path}`);
      await page.getByLabel(form.emailLabel, { exact: true }).fill(JOURNEY_PEOPLE[person].email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await form.signedIn(page).waitFor();
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    accessibilityProblems,
    async stop() {
      await browser.close();
      await desk.stop();
    },
  };
}
