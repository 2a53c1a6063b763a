// Automation rules in real Chromium against the built console and API: Priya (IT's manager)
// makes "remind after 3 business days, close after 5" for tickets waiting on the student, previewing
// each before saving. Jonas sets Amara's ticket waiting; the API's clock (CLOCK_FILE, the journeys'
// controllable clock) moves through a weekend: Amara is reminded first, then the ticket closes,
// and both the console's activity and Amara's portal show it. Every wait is on a condition.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNEY_PEOPLE } from '@studentdesk/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const CLOSE_AFTER = 'Close after 5 days';
const REMINDER_SUBJECT = 'We are waiting for your answer';
const SET_STATUS = 'mutation($id: ID!, $status: TicketStatus!) { updateTicketStatus(ticketId: $id, status: $status) { status } }';
const STATUS = 'query($id: ID!) { ticket(id: $id) { status } }';
const OUTBOX = '{ emailOutbox(first: 100) { edges { node { kind subject toAddress ticketId } } } }';

describe('automation rules', () => {
  let stack: Stack;
  const clockDir = mkdtempSync(join(tmpdir(), 'studentdesk-clock-'));
  const clockFile = join(clockDir, 'now');
  /** Puts the API's clock at this moment (the app reads the file at every tick). */
  const setClock = (iso: string) => writeFileSync(clockFile, iso);

  beforeAll(async () => {
    // Wednesday 3 March 2027, 09:30 UTC.
    setClock('2027-03-03T09:30:00Z');
    stack = await startStack(
      // IT works Monday to Friday, 09:00–17:00 UTC: the weekend does not count.
      (prisma) =>
        prisma.department.updateMany({
          where: { name: 'IT' },
          data: { businessDays: [1, 2, 3, 4, 5], businessDayStart: 540, businessDayEnd: 1020 },
        }),
      // Sweeps often, so the waits below are short; cleanup (sessions) not while the clock is days ahead.
      { CLOCK_FILE: clockFile, SWEEP_INTERVAL_MS: '300', CLEANUP_INTERVAL_MS: String(7 * 24 * 3_600_000) },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(clockDir, { recursive: true, force: true });
  });

  async function addRule(page: Page, name: string, businessDays: number, action: { type: string; subject?: string; text: string }) {
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel(/^Status/).selectOption('WAITING_ON_STUDENT');
    await form.getByLabel(/^Business days/).fill(String(businessDays));
    await form.getByLabel('Action 1', { exact: true }).selectOption(action.type);
    if (action.subject) await form.getByLabel('Action 1 subject').fill(action.subject);
    await form.getByLabel('Action 1 text').fill(action.text);
    const save = form.getByRole('button', { name: 'Save rule' });
    expect(await save.isDisabled(), 'saving waits for the preview').toBe(true);
    await form.getByRole('button', { name: 'Preview matching tickets' }).click();
    await expect
      .poll(() => form.getByRole('status').filter({ hasText: 'Would act on' }).textContent())
      .toContain('Would act on 0 tickets now');
    await save.click();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(1);
  }

  it('reminds the student, then closes a ticket that waited five business days', async () => {
    const page = await stack.signedInPage('manager');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automation' }).click();
    await addRule(page, 'Remind after 3 days', 3, {
      type: 'EMAIL_STUDENT',
      subject: REMINDER_SUBJECT,
      text: 'Please answer, or we will close this ticket in two days.',
    });
    await addRule(page, CLOSE_AFTER, 5, { type: 'CLOSE', text: 'We closed this ticket as we did not hear back. Reopen it any time.' });
    expect(await stack.accessibilityProblems(page), 'axe on the automation page').toEqual([]);
    await stack.screenshot(page, 'automation-rules');

    // Staff read the rules but get no edit controls.
    const staffPage = await stack.signedInPage('staff');
    await staffPage.goto(`${stack.origin}/console/automation`);
    await expect.poll(() => staffPage.getByRole('row', { name: new RegExp(CLOSE_AFTER) }).count()).toBe(1);
    expect(await staffPage.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await staffPage.getByRole('form', { name: 'New rule' }).count()).toBe(0);

    const ticket = await stack.report('amara', 'Login & accounts', 'Locked out of the library account', 'It says my card is blocked.');
    setClock('2027-03-03T10:00:00Z');
    await stack.gqlAs('staff', SET_STATUS, { id: ticket.id, status: 'WAITING_ON_STUDENT' });
    const status = async () => ((await stack.gqlAs('staff', STATUS, { id: ticket.id })) as { ticket: { status: string } }).ticket.status;
    const reminders = async () => {
      const outbox = (await stack.gqlAs('admin', OUTBOX)) as {
        emailOutbox: { edges: Array<{ node: { subject: string; toAddress: string; ticketId: string } }> };
      };
      return outbox.emailOutbox.edges.filter(({ node }) => node.ticketId === ticket.id && node.subject.startsWith(REMINDER_SUBJECT));
    };

    // Monday 12:00: three business days and a bit (Wednesday to Friday, then Monday morning); the weekend did not count.
    setClock('2027-03-08T12:00:00Z');
    await expect.poll(async () => (await reminders()).length, { timeout: 20_000 }).toBe(1);
    const [reminder] = await reminders();
    expect(reminder!.node.toAddress).toBe(JOURNEY_PEOPLE.amara.email);
    expect(await status()).toBe('WAITING_ON_STUDENT');

    // Wednesday 11:00: five business days are over.
    setClock('2027-03-10T11:00:00Z');
    await expect.poll(status, { timeout: 20_000 }).toBe('CLOSED');
    expect(await reminders()).toHaveLength(1);

    // The console's activity names the rule.
    await page.goto(`${stack.origin}/console/tickets/${ticket.id}`);
    await expect.poll(() => page.getByText(`Automation ‘${CLOSE_AFTER}’`).count()).toBeGreaterThan(0);
    await stack.screenshot(page, 'automation-closed-ticket');

    // Amara sees it closed in the portal.
    const portal = await stack.signedInPage('amara', 'portal');
    const row = portal.getByRole('listitem').filter({ hasText: 'Locked out of the library account' });
    await expect.poll(() => row.textContent()).toContain('Closed');
    // The rule's words come from the desk, not from her.
    await row.getByRole('link').first().click();
    await expect.poll(() => portal.getByText(/The help desk/).count()).toBeGreaterThan(0);
  });
});
