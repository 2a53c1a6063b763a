// Staff notifications in real Chromium against the built console and API: Jonas mentions Priya
// in an internal note, picking her from the @ list; Priya's bell counts it at once, without a
// reload; she opens it and lands on the ticket, where the mention is highlighted and "Jump to
// first unread" takes her to the note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

describe('a colleague mentioned in an internal note', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('rings her bell live, and the notification opens the ticket', async () => {
    const ticket = await stack.report('amara', 'Wi-Fi & network', 'Projector in room 4 will not connect', 'It says no signal.');
    const [jonas, priya] = await Promise.all([stack.signedInPage('staff'), stack.signedInPage('manager')]);
    const bell = priya.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor();
    const unreadBefore = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);

    await jonas.goto(`${stack.origin}/console/tickets/${ticket.id}`);
    await jonas.getByRole('heading', { name: /Projector in room 4 will not connect/ }).waitFor();
    await jonas.getByRole('button', { name: /Internal note/ }).click();
    const note = jonas.getByLabel('Internal note, visible to staff only');
    await note.fill('Could you check the HDMI switch? ');
    await note.pressSequentially('@pri');
    await jonas.getByRole('listbox', { name: 'Mention a colleague' }).getByRole('option', { name: 'Priya Raman' }).waitFor();
    await note.press('Enter');
    await note.pressSequentially('thanks!');
    expect(await note.inputValue()).toMatch(/^Could you check the HDMI switch\? @\[Priya Raman\]\(mention:[\w-]+\) thanks!$/);
    await jonas.getByRole('button', { name: 'Add note' }).click();
    await jonas.getByRole('status').filter({ hasText: 'Note added.' }).waitFor();
    await jonas.locator('mark.mention', { hasText: '@Priya Raman' }).waitFor();

    // Priya's bell, on the page she had open, without a reload.
    await priya.getByRole('button', { name: `Notifications, ${unreadBefore + 1} unread` }).waitFor();
    await priya.getByRole('button', { name: `Notifications, ${unreadBefore + 1} unread` }).click();
    const panel = priya.getByRole('region', { name: 'Notifications' });
    const item = panel.getByRole('link', { name: new RegExp(`Jonas Weber mentioned you on ${ticket.number}`) });
    await item.waitFor();
    expect(await stack.accessibilityProblems(priya), 'axe with the bell open').toEqual([]);
    await stack.screenshot(priya, 'staff-notification-bell');
    await item.click();

    await priya.getByRole('heading', { name: /Projector in room 4 will not connect/ }).waitFor();
    expect(priya.url()).toBe(`${stack.origin}/console/tickets/${ticket.id}`);
    await priya.locator('mark.mention', { hasText: '@Priya Raman' }).waitFor();
    await priya.getByRole('button', { name: 'Jump to first unread' }).click();
    await expect.poll(() => priya.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Could you check the HDMI switch?');
    // Read: the bell is back where it was.
    await priya.getByRole('button', { name: `Notifications, ${unreadBefore} unread` }).waitFor();
  });
});
