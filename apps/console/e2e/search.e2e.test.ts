// Ticket search in real Chromium against the built console and API: a word that only a reply
// contains finds the ticket, marked in the snippet, and the result opens the ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const REPLY = /* GraphQL */ `
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      id
    }
  }
`;

describe('searching tickets', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('finds a ticket by a word only its reply has, marks the word, and opens the ticket', async () => {
    const ticketId = (await stack.report('amara', 'Wi-Fi & network', 'Laptop will not join the network', 'Since Monday.')).id;
    await stack.gqlAs('staff', REPLY, { input: { ticketId, body: 'Please remove the old <b>certificate</b> and join again.' } });

    const page = await stack.signedInPage('staff');
    await page.goto(`${stack.origin}/console/`);
    await page.getByRole('heading').first().waitFor();
    // "/" focuses the header's search box from anywhere outside the queue.
    await page.keyboard.press('/');
    const box = page.getByRole('searchbox', { name: 'Search tickets' });
    await expect.poll(() => box.evaluate((input) => input === document.activeElement)).toBe(true);
    await box.fill('CERTIFICATE');
    await box.press('Enter');

    const result = page.getByRole('listitem').filter({ hasText: 'Laptop will not join the network' });
    await result.waitFor();
    expect(await result.locator('mark').allTextContents()).toEqual(['certificate']);
    // Markup in a message never becomes HTML in the results.
    expect(await result.locator('.snippet b').count()).toBe(0);
    expect(await stack.accessibilityProblems(page), 'axe on the results').toEqual([]);

    await result.getByRole('link', { name: /Laptop will not join the network/ }).click();
    await page.getByRole('heading', { name: /Laptop will not join the network/ }).waitFor();
    expect(page.url()).toContain(`/console/tickets/${ticketId}`);
  });
});
