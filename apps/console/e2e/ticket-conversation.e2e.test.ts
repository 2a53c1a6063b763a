// A long ticket in real Chromium: 300 messages open on the newest, page back to the very first,
// take a reply live, keep a 10,000-character token from widening the page, show who assigned it and
// how its status and priority changed between the messages, and remember the order chosen.
import { JOURNEY_PEOPLE } from '@studentdesk/testing';
import { watchSubscriptions } from '@studentdesk/testing/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const MESSAGES = 300;
const PAGE_SIZE = 50;
const TITLE = 'Lecture recordings stop after ten minutes';
/** One unbroken "word" as long as a message may be: a pasted token. */
const TOKEN = `token=${'A'.repeat(10_000 - 'token='.length)}`;
const MINUTE = 60_000;

const text = (number: number) => `Message ${number} of ${MESSAGES}`;

const TICKETS = /* GraphQL */ `
  {
    tickets(first: 5) {
      edges {
        node {
          id
          title
        }
      }
    }
    staffMembers {
      id
      name
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($ticketId: ID!, $assigneeId: ID) {
    assignTicket(ticketId: $ticketId, assigneeId: $assigneeId) {
      id
    }
  }
`;
const CHANGE_PRIORITY = /* GraphQL */ `
  mutation ChangePriority($ticketId: ID!) {
    changeTicketPriority(ticketId: $ticketId, priority: URGENT) {
      id
    }
  }
`;
const REPLY = /* GraphQL */ `
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      id
    }
  }
`;

describe('a long ticket conversation', () => {
  let stack: Stack;
  let ticketId: string;
  let priyaId: string;

  beforeAll(async () => {
    stack = await startStack(async (prisma) => {
      const it = await prisma.department.findFirstOrThrow({ where: { name: 'IT' } });
      const category = await prisma.category.findFirstOrThrow({ where: { departmentId: it.id } });
      const amara = await prisma.user.findUniqueOrThrow({ where: { email: JOURNEY_PEOPLE.amara.email } });
      const jonas = await prisma.user.findUniqueOrThrow({ where: { email: JOURNEY_PEOPLE.staff.email } });
      const start = Date.now() - (MESSAGES + 60) * MINUTE;
      const ticket = await prisma.ticket.create({
        data: {
          title: TITLE,
          description: 'Every recording in my course stops playing after ten minutes.',
          priority: 'NORMAL',
          channel: 'PORTAL',
          categoryId: category.id,
          departmentId: it.id,
          requesterId: amara.id,
          contactName: amara.name,
          contactEmail: amara.email,
          createdAt: new Date(start),
        },
      });
      await prisma.message.createMany({
        data: Array.from({ length: MESSAGES }, (_, index) => {
          const number = index + 1;
          const fromStaff = number % 2 === 0;
          return {
            ticketId: ticket.id,
            authorId: fromStaff ? jonas.id : amara.id,
            // Every 50th is an internal note; the third newest carries the long token.
            internal: number % 50 === 0 && number !== MESSAGES,
            body: number === MESSAGES - 2 ? `${text(number)}: ${TOKEN}` : text(number),
            createdAt: new Date(start + number * MINUTE),
          };
        }),
      });
      // A change long ago: it belongs between the first messages, shown once they are loaded.
      await prisma.ticketEvent.create({
        data: {
          ticketId: ticket.id,
          actorId: jonas.id,
          type: 'PRIORITY_CHANGED',
          detail: { from: 'LOW', to: 'NORMAL' },
          createdAt: new Date(start + 10.5 * MINUTE),
        },
      });
    });
    const found = await stack.gqlAs('staff', TICKETS);
    ticketId = found.tickets.edges.find((edge: any) => edge.node.title === TITLE).node.id;
    priyaId = found.staffMembers.find((member: any) => member.name === JOURNEY_PEOPLE.manager.name).id;
  });
  afterAll(() => stack?.stop());

  const conversation = (page: Page) => page.getByRole('list', { name: 'Conversation' });
  const message = (page: Page, number: number) =>
    conversation(page)
      .getByRole('listitem')
      .filter({ hasText: `${text(number)}` });
  const isOnScreen = async (page: Page, number: number) => {
    const box = await message(page, number).boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
  };

  it('opens on the newest messages, takes changes and replies live, and pages back to the first', async () => {
    const page = await stack.signedInPage('staff');
    const subscriptions = watchSubscriptions(page);
    await page.goto(`${stack.origin}/console/tickets/${ticketId}`);
    await message(page, MESSAGES).waitFor();
    expect(await isOnScreen(page, MESSAGES)).toBe(true);
    expect(await message(page, MESSAGES - PAGE_SIZE).count()).toBe(0);
    // The long token wraps inside its message.
    await message(page, MESSAGES - 2).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    // Changes and a reply made elsewhere appear without a reload, between the messages.
    await subscriptions.untilSent('TicketUpdated');
    await stack.gqlAs('staff', ASSIGN, { ticketId, assigneeId: priyaId });
    await conversation(page).getByRole('listitem').filter({ hasText: 'Assigned to Priya Raman' }).waitFor();
    await conversation(page).getByRole('listitem').filter({ hasText: 'Status: New → Open' }).waitFor();
    await stack.gqlAs('staff', CHANGE_PRIORITY, { ticketId });
    const priority = conversation(page).getByRole('listitem').filter({ hasText: 'Priority: Normal → Urgent' });
    await priority.waitFor();
    expect(await priority.textContent()).toContain(JOURNEY_PEOPLE.staff.name);
    await stack.gqlAs('staff', REPLY, { input: { ticketId, body: 'The encoder is fixed; please try again.' } });
    const reply = conversation(page).getByRole('listitem').filter({ hasText: 'The encoder is fixed' });
    await reply.waitFor();
    // Newest first: the reply heads the list, above the changes before it.
    const entries = conversation(page).getByRole('listitem');
    expect(await entries.first().textContent()).toContain('The encoder is fixed');

    // Earlier pages, one at a time, down to the very first message; the old change waits for its page.
    const earlierChange = conversation(page).getByRole('listitem').filter({ hasText: 'Priority: Low → Normal' });
    for (let oldest = MESSAGES - 2 * PAGE_SIZE + 1; oldest >= 1; oldest -= PAGE_SIZE) {
      expect(await earlierChange.count()).toBe(0);
      await page.getByRole('button', { name: 'Show earlier messages' }).click();
      await message(page, oldest).waitFor();
    }
    await earlierChange.waitFor();
    expect(await page.getByRole('button', { name: 'Show earlier messages' }).count()).toBe(0);
    expect(await message(page, 1).textContent()).toContain('Amara Okafor');
    // The report closes the list, newest first; the reply is still on top.
    expect(await entries.last().textContent()).toContain('Every recording in my course stops playing');
    expect(await entries.first().textContent()).toContain('The encoder is fixed');
    // Internal notes say so in words, not by colour alone.
    expect(await message(page, 100).textContent()).toContain('Internal note');
    expect(await message(page, 99).textContent()).not.toContain('Internal note');
    expect(await stack.accessibilityProblems(page), 'axe on the whole conversation').toEqual([]);

    // Messages only: the changes step aside.
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Messages only' }).click();
    await conversation(page).getByRole('listitem').filter({ hasText: 'Assigned to Priya Raman' }).waitFor({ state: 'detached' });
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Messages and changes' }).click();
    await stack.screenshot(page, 'ticket-conversation-newest-first');

    // Oldest first is remembered across a reload: the report leads, earlier messages wait above the newest page.
    await page.getByRole('group', { name: 'Order' }).getByRole('button', { name: 'Oldest first' }).click();
    await page.reload();
    await message(page, MESSAGES).waitFor();
    expect(await page.getByRole('button', { name: 'Oldest first' }).getAttribute('aria-pressed')).toBe('true');
    expect(await entries.first().textContent()).toContain('Every recording in my course stops playing');
    expect(await entries.nth(1).getByRole('button', { name: 'Show earlier messages' }).count()).toBe(1);
    expect(await entries.last().textContent()).toContain('The encoder is fixed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await stack.accessibilityProblems(page), 'axe, oldest first').toEqual([]);
    await stack.screenshot(page, 'ticket-conversation-oldest-first');
    await page.context().close();
  }, 180_000);
});
