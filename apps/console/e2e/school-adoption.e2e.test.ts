// A school adopts StudentDesk, in real Chromium, from an empty PostgreSQL database and a production
// start (NODE_ENV=production: Secure cookies, no demo, migrations run by the API itself): the
// printed setup link makes the first admin, who signs in, creates the Library with its business
// hours, a category and SLA targets, and invites a librarian by email (a real SMTP receiver). The
// librarian accepts. A student signs in for the first time through the school's OIDC provider (a
// real oidc-provider), reports a problem to the Library, and sees when a reply is due counted in
// the Library's hours; the librarian answers it from the console and the student reads the answer,
// then downloads their data: the ticket and the answer, never the librarian's internal note.
import {
  createTestDatabase,
  freePort,
  startApiProcess,
  startOidcProvider,
  startSmtpReceiver,
  until,
  type ApiProcess,
  type SmtpReceiver,
  type TestDatabase,
  type TestOidcProvider,
} from '@studentdesk/testing';
import { accessibilityProblems, launchChromium, watchSubscriptions } from '@studentdesk/testing/browser';
import { dueInWords, WEEKDAYS } from '@studentdesk/domain';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST, PORTAL_DIST } from './stack.js';

const LIBRARY_TIME_ZONE = 'Europe/London';
const ADMIN = { name: 'Rosa Lind', email: 'rosa@lakeside.edu', password: 'lakeside first admin' };
const LIBRARIAN = { name: 'Idris Bello', email: 'idris@lakeside.edu', password: 'quiet shelves at dawn' };
const CLIENT_SECRET = 'lakeside-oidc-client-secret';
const DAY_MS = 86_400_000;

/** The weekday name and local date (YYYY-MM-DD) of an instant in the Library's time zone. */
function libraryDay(instant: Date): { weekday: string; date: string } {
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: LIBRARY_TIME_ZONE, weekday: 'long' }).format(instant);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: LIBRARY_TIME_ZONE }).format(instant);
  return { weekday, date };
}

/** The local time (HH:MM) of an instant in the Library's time zone. */
const libraryTime = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: LIBRARY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);

describe('a school adopts StudentDesk from an empty database', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let smtp: SmtpReceiver;
  let provider: TestOidcProvider;
  let browser: Browser;
  // The Library opens on one weekday only, two days from now: whatever the hour of this run, a
  // report is first answerable at that day's opening, so its due time shows the hours are counted.
  const openDay = libraryDay(new Date(Date.now() + 2 * DAY_MS));

  const newPage = async (viewport = { width: 1400, height: 900 }): Promise<Page> => {
    const page = await (await browser.newContext({ viewport, acceptDownloads: true })).newPage();
    page.setDefaultTimeout(30_000);
    return page;
  };

  beforeAll(async () => {
    const providerPort = await freePort();
    [db, smtp, browser] = await Promise.all([createTestDatabase('postgresql', { migrate: false }), startSmtpReceiver(), launchChromium()]);
    api = await startApiProcess(
      {
        NODE_ENV: 'production',
        DATABASE_URL: db.url,
        SEED_DEMO: 'never',
        CONSOLE_DIST,
        PORTAL_DIST,
        SMTP_URL: smtp.url,
        EMAIL_FROM: 'Lakeside help desk <help@lakeside.edu>',
        OIDC_ISSUER_URL: `http://127.0.0.1:${providerPort}`,
        OIDC_CLIENT_ID: 'studentdesk',
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_DISPLAY_NAME: 'Sign in with Lakeside',
      },
      { healthyWithinMs: 90_000 },
    );
    provider = await startOidcProvider({
      port: providerPort,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${api.origin}/auth/oidc/callback`],
    });
    provider.accounts.set('noor', { email: 'noor@students.lakeside.edu', name: 'Noor Haddad' });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
    await api?.stop();
    await smtp?.close();
    await db?.drop();
  });

  it('goes from the setup link to a student’s answered report', { timeout: 240_000 }, async () => {
    // 1. The first admin, from the link the production start printed.
    const link = await until(
      () => /https?:\/\/[^\s"]+\/console\/setup#token=[A-Za-z0-9_-]+/.exec(api.output())?.[0],
      10_000,
      'the setup link',
    );
    const setup = await newPage();
    await setup.goto(link);
    await setup.getByRole('heading', { level: 1, name: 'Set up StudentDesk' }).waitFor();
    await setup.getByLabel('School name').fill('Lakeside Academy');
    await setup.getByLabel('Time zone').fill(LIBRARY_TIME_ZONE);
    await setup.getByLabel('Your name').fill(ADMIN.name);
    await setup.getByLabel('Your email').fill(ADMIN.email);
    await setup.getByLabel('Password').fill(ADMIN.password);
    await setup.getByRole('button', { name: 'Finish setup' }).click();
    await setup.waitForURL((url) => url.pathname === '/console/');
    await setup.context().close();

    // 2. The admin signs in with that password, in a browser of their own.
    const admin = await newPage();
    await admin.goto(`${api.origin}/console/`);
    await admin.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
    await admin.getByRole('navigation', { name: 'Main' }).waitFor();
    const session = (await admin.context().cookies()).find((cookie) => cookie.name === 'sd_session');
    expect(session?.secure, 'a production session cookie is Secure').toBe(true);

    // 3. The Library, open on one day a week, 09:00 to 17:00 London time, with a category.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Departments' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Departments' }).waitFor();
    const newDepartment = admin.getByRole('form', { name: 'New department' });
    await newDepartment.getByLabel('Name').fill('Library');
    await newDepartment.getByLabel('Time zone').fill(LIBRARY_TIME_ZONE);
    for (const { name } of WEEKDAYS) await newDepartment.getByRole('checkbox', { name }).setChecked(name === openDay.weekday);
    await newDepartment.getByLabel(/^Opens at/).fill('09:00');
    await newDepartment.getByLabel(/^Closes at/).fill('17:00');
    await newDepartment.getByRole('button', { name: 'Create department' }).click();
    await admin.getByRole('status').filter({ hasText: 'The department is created.' }).waitFor();
    const newCategory = admin.getByRole('form', { name: 'New category in Library' });
    await newCategory.getByLabel('Name').fill('Borrowing & returns');
    await newCategory.getByLabel('Description').fill('Loans, renewals, fines and lost books.');
    await newCategory.getByLabel('Default priority').selectOption('NORMAL');
    await newCategory.getByRole('button', { name: 'Add category' }).click();
    await admin.getByRole('status').filter({ hasText: 'The category is added.' }).waitFor();
    expect(await accessibilityProblems(admin), 'axe on Departments').toEqual([]);

    // A first answer within 2 business hours.
    await admin
      .getByRole('row', { name: /^Library\b/ })
      .getByRole('link', { name: 'Hours and SLA of Library' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Hours and SLA: Library' }).waitFor();
    const targets = admin.getByRole('form', { name: 'SLA targets' });
    await targets.getByLabel('Normal: first response, hours').fill('2');
    await targets.getByLabel('Normal: resolution, hours').fill('16');
    await targets.getByLabel('Normal: count in business hours only').check();
    await targets.getByRole('button', { name: 'Save targets' }).click();
    await admin.getByRole('status').filter({ hasText: 'SLA targets saved.' }).waitFor();

    // 4. The librarian is invited by email and accepts.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People', exact: true }).click();
    const invite = admin.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Name').fill(LIBRARIAN.name);
    await invite.getByLabel('Email').fill(LIBRARIAN.email);
    await invite.getByLabel('Role').selectOption('STAFF');
    await invite.getByLabel('Department').selectOption({ label: 'Library' });
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByRole('status').filter({ hasText: 'The invitation is on its way.' }).waitFor();
    const invitation = await smtp.waitFor((email) => email.to.includes(LIBRARIAN.email), 30_000);
    expect(invitation.from).toContain('help@lakeside.edu');
    const acceptLink = /https?:\/\/\S+\/console\/accept-invitation#token=[\w-]+/.exec(invitation.text)?.[0];
    expect(acceptLink, invitation.text).toMatch(new RegExp(`^${api.origin}/`));

    const librarian = await newPage();
    await librarian.goto(acceptLink!);
    await librarian.getByRole('heading', { level: 1, name: 'Join the help desk' }).waitFor();
    await librarian.getByLabel('Password', { exact: true }).fill(LIBRARIAN.password);
    await librarian.getByRole('button', { name: 'Create my account' }).click();
    await librarian.getByRole('navigation', { name: 'Main' }).waitFor();

    // 5. A student's first sign-in, through the school's provider, creates their account.
    const student = await newPage({ width: 390, height: 844 });
    await student.goto(`${api.origin}/`);
    await student.getByRole('link', { name: 'Sign in with Lakeside' }).click();
    await student.getByRole('heading', { name: 'School login' }).waitFor();
    await student.getByLabel('Username').fill('noor');
    await student.getByRole('button', { name: 'Log in' }).click();
    await student.getByRole('heading', { name: 'My tickets' }).waitFor();
    await student.getByText('You have not reported anything yet.').waitFor();

    // 6. The student reports a problem to the Library.
    const studentSubscriptions = watchSubscriptions(student);
    await student.getByRole('main').getByRole('link', { name: 'Report a problem' }).click();
    await student.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
    await student.getByLabel('What is it about?').selectOption({ label: 'Borrowing & returns' });
    await student.getByText('Handled by Library.').waitFor();
    await student.getByLabel('Title').fill('Fine for a book I returned');
    await student.getByLabel('What happened?').fill('I returned “Middlemarch” on Monday but my account shows a £4 fine.');
    await student.getByRole('button', { name: 'Send report' }).click();
    await student.getByText(/Thank you: we have your report, SD-\d+\./).waitFor();
    // The ticket page follows the ticket live from here on: the answer below reaches it without a reload.
    await studentSubscriptions.untilSent('TicketLive');
    expect(await accessibilityProblems(student), 'axe on the new ticket').toEqual([]);

    // 7. The reply is due at 11:00 on the Library's open day: its opening plus 2 hours.
    const promise = await student.getByText(/^Our reply is due /).textContent();
    const ticketId = new URL(student.url()).pathname.split('/').pop()!;
    const cookie = (await student.context().cookies()).find((entry) => entry.name === 'sd_session')!;
    const seen = await api.gql<{ ticket: { firstResponseDueAt: string; department: { name: string } } }>(
      'query($id: ID!) { ticket(id: $id) { firstResponseDueAt department { name } } }',
      { id: ticketId },
      { cookie: `sd_session=${cookie.value}` },
    );
    const due = new Date(seen.data!.ticket.firstResponseDueAt);
    expect(seen.data!.ticket.department.name).toBe('Library');
    expect(libraryDay(due)).toEqual(openDay);
    expect(libraryTime(due)).toBe('11:00');
    expect(promise).toBe(`Our reply is ${dueInWords(due, new Date(), LIBRARY_TIME_ZONE)}.`);
    expect(promise).toContain('by 11:00');

    // 8. The librarian finds it in the Library's queue and answers.
    await librarian.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await librarian.getByRole('link', { name: 'Unassigned' }).click();
    await librarian.getByRole('link', { name: /Fine for a book I returned/ }).click();
    await librarian.getByRole('heading', { name: /Fine for a book I returned/ }).waitFor();
    await librarian.getByLabel('Reply to Noor Haddad').fill('Hi Noor, the fine was a scanning slip: it is gone now.');
    await librarian.getByRole('button', { name: 'Send reply' }).click();
    await librarian.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    expect(await accessibilityProblems(librarian), 'axe on the answered ticket').toEqual([]);

    await librarian.keyboard.press('n');
    await librarian.getByLabel('Internal note, visible to staff only').fill('Scanner 3 misses returns; reported to facilities.');
    await librarian.getByRole('button', { name: 'Add note' }).click();
    await librarian.getByText('Scanner 3 misses returns; reported to facilities.').waitFor();

    // The student's open page shows the answer without a reload.
    await student.getByText('Hi Noor, the fine was a scanning slip: it is gone now.').waitFor();

    // 9. The student downloads their data.
    const [download] = await Promise.all([
      student.waitForEvent('download'),
      student.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported).toContain('Noor Haddad');
    expect(exported).toContain('Fine for a book I returned');
    expect(exported).toContain('Hi Noor, the fine was a scanning slip: it is gone now.');
    expect(exported).not.toContain('Scanner 3');
  });
});
