// Saved views in real Chromium against the built console and API: Jonas saves the queue's
// urgent Wi-Fi filter as a view, sees its count in the sidebar, and the count goes up by itself
// when Amara reports a new Wi-Fi problem through the API.
import { JOURNEY_PEOPLE } from '@studentdesk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const WIFI = 'Wi-Fi & network';
const URGENT_WIFI_TICKETS = 2;

describe('saved views in the queue', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(async (prisma) => {
      // Wi-Fi problems are urgent at this school: new reports arrive as URGENT.
      const wifi = await prisma.category.findFirstOrThrow({ where: { name: WIFI } });
      await prisma.category.update({ where: { id: wifi.id }, data: { defaultPriority: 'URGENT' } });
      const amara = await prisma.user.findUniqueOrThrow({ where: { email: JOURNEY_PEOPLE.amara.email } });
      const ticket = (title: string, priority: 'URGENT' | 'NORMAL') => ({
        title,
        description: 'No connection since this morning.',
        priority,
        channel: 'PORTAL' as const,
        categoryId: wifi.id,
        departmentId: wifi.departmentId,
        requesterId: amara.id,
        contactName: amara.name,
        contactEmail: amara.email,
      });
      await prisma.ticket.createMany({
        data: [
          ...Array.from({ length: URGENT_WIFI_TICKETS }, (_, index) => ticket(`Wi-Fi down in hall ${index + 1}`, 'URGENT')),
          // Not urgent: outside the view.
          ticket('Wi-Fi slow in the cafeteria', 'NORMAL'),
        ],
      });
    });
  });
  afterAll(() => stack?.stop());

  it('saves the current filter as a view whose count follows new tickets live', async () => {
    const page = await stack.signedInPage('staff');
    await page.goto(`${stack.origin}/console/queue/department?priority=URGENT&q=Wi-Fi`);
    await expect.poll(() => page.getByRole('link', { name: /Wi-Fi down in hall/ }).count()).toBe(URGENT_WIFI_TICKETS);

    const sidebar = page.getByRole('complementary', { name: 'Saved views' });
    await sidebar.getByRole('button', { name: 'Save view' }).click();
    await sidebar.getByLabel('Name').fill('Urgent Wi-Fi');
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    const view = sidebar.getByRole('link', { name: /Urgent Wi-Fi/ });
    const count = view.locator('.count');
    await expect.poll(() => count.textContent()).toBe(String(URGENT_WIFI_TICKETS));
    expect(await stack.accessibilityProblems(page), 'axe with the saved views').toEqual([]);

    // Opening the view from another queue tab applies its filter: the cafeteria's normal one leaves.
    await page.goto(`${stack.origin}/console/queue/open`);
    const queueTickets = page.getByRole('table').getByRole('link', { name: /Wi-Fi/ });
    await expect.poll(() => queueTickets.count()).toBe(URGENT_WIFI_TICKETS + 1);
    await view.click();
    await expect.poll(() => queueTickets.count()).toBe(URGENT_WIFI_TICKETS);

    const reported = await stack.report('amara', WIFI, 'Wi-Fi gone in the library', 'Nothing connects.');
    expect(reported.priority).toBe('URGENT');
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(String(URGENT_WIFI_TICKETS + 1));
    await stack.screenshot(page, 'saved-views-live-count');

    await sidebar.getByRole('button', { name: 'Delete Urgent Wi-Fi' }).click();
    await expect.poll(() => view.count()).toBe(0);
  });
});
