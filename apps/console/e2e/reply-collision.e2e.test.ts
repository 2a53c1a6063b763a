// Two agents on one ticket, in real Chromium against the built console and API: each sees the
// other viewing and typing. Jonas writes a reply while Priya answers the student first. Jonas's
// send is stopped before anything goes out, he reads Priya's answer in the console, and sends
// anyway; a double click on Send sends once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const MESSAGES = /* GraphQL */ `
  query Messages($id: ID!) {
    ticket(id: $id) {
      messages(first: 50) {
        edges {
          node {
            body
            author {
              name
            }
          }
        }
      }
    }
  }
`;

describe('two agents answering one student', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  const messagesOf = async (ticketId: string) =>
    (await stack.gqlAs('staff', MESSAGES, { id: ticketId })).ticket.messages.edges.map(
      (edge: { node: { body: string; author: { name: string } | null } }) => `${edge.node.author?.name}: ${edge.node.body}`,
    ) as string[];

  it('stops a reply written while a colleague answered, shows the answer, and sends once confirmed', async () => {
    const ticketId = (await stack.report('amara', 'Wi-Fi & network', 'Eduroam rejects my password', 'Since Monday.')).id;

    const [jonas, priya] = await Promise.all([stack.signedInPage('staff'), stack.signedInPage('manager')]);
    for (const agent of [jonas, priya]) {
      await agent.goto(`${stack.origin}/console/tickets/${ticketId}`);
      await agent.getByRole('heading', { name: /Eduroam rejects my password/ }).waitFor();
    }
    await jonas.getByText('Priya Raman is viewing this ticket.').waitFor();
    await jonas.getByLabel('Reply to Amara Okafor').fill('Hi Amara, please reset your network password in the portal.');
    await priya.getByText('Jonas Weber is typing…').waitFor();
    expect(await stack.accessibilityProblems(priya), 'axe with a colleague typing').toEqual([]);

    // Priya answers first.
    await priya.getByLabel('Reply to Amara Okafor').fill('Hi Amara, eduroam needs your full email as the username.');
    await jonas.getByText('Priya Raman is typing…').waitFor();
    await priya.getByRole('button', { name: 'Send reply' }).click();
    await priya.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();

    await jonas.getByRole('button', { name: 'Send reply' }).click();
    const notice = jonas.getByRole('alert').filter({ hasText: 'The ticket changed while you were writing.' });
    await notice.waitFor();
    await notice.getByText('Priya Raman replied: “Hi Amara, eduroam needs your full email as the username.”').waitFor();
    await notice.getByText('Priya Raman set the status to Open').waitFor();
    expect(await stack.accessibilityProblems(jonas), 'axe on the conflict').toEqual([]);
    await stack.screenshot(jonas, 'reply-conflict');
    expect(await messagesOf(ticketId)).toEqual(['Priya Raman: Hi Amara, eduroam needs your full email as the username.']);
    // His draft is still there, to send or to edit.
    expect(await jonas.getByLabel('Reply to Amara Okafor').inputValue()).toBe(
      'Hi Amara, please reset your network password in the portal.',
    );

    await notice.getByRole('button', { name: 'Send anyway' }).click();
    await jonas.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    expect(await messagesOf(ticketId)).toEqual([
      'Priya Raman: Hi Amara, eduroam needs your full email as the username.',
      'Jonas Weber: Hi Amara, please reset your network password in the portal.',
    ]);
    expect(await jonas.getByRole('alert').filter({ hasText: 'The ticket changed' }).count()).toBe(0);

    // A double click on Send: one message.
    await jonas.getByLabel('Reply to Amara Okafor').fill('Let us know if it still fails.');
    await jonas.getByRole('button', { name: 'Send reply' }).dblclick();
    await expect.poll(() => jonas.getByLabel('Reply to Amara Okafor').inputValue()).toBe('');
    expect((await messagesOf(ticketId)).filter((line) => line.endsWith('Let us know if it still fails.'))).toHaveLength(1);

    // Priya goes back to her queue: Jonas stops seeing her when she leaves, not when her typing lapses
    // (8 s after she typed; the wait allows a loaded machine 7 s from her click).
    await priya.getByLabel('Reply to Amara Okafor').fill('Never mind.');
    await jonas.getByText('Priya Raman is typing…').waitFor();
    await priya.getByRole('link', { name: '← Queue' }).click();
    await expect.poll(() => jonas.getByText(/Priya Raman is/).count(), { timeout: 7_000 }).toBe(0);
  });

  it('keeps an unsent draft on the server: it comes back after a reload and in another browser', async () => {
    const ticketId = (await stack.report('ben', 'Login & accounts', 'Locked out of the library PCs', 'Since the update.')).id;
    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${ticketId}`);
    const box = jonas.getByLabel('Reply to Ben Lee');
    await box.fill('Hi Ben, the library PCs use your student number as the username');
    await jonas.getByText('63 / 10,000 characters').waitFor();

    // Saved once typing pauses; the same agent on another browser finds it.
    const elsewhere = await stack.signedInPage('staff');
    await expect
      .poll(async () => {
        await elsewhere.goto(`${stack.origin}/console/tickets/${ticketId}`);
        return elsewhere.getByLabel('Reply to Ben Lee').inputValue();
      })
      .toBe('Hi Ben, the library PCs use your student number as the username');
    // A colleague has a composer of their own.
    const priya = await stack.signedInPage('manager');
    await priya.goto(`${stack.origin}/console/tickets/${ticketId}`);
    expect(await priya.getByLabel('Reply to Ben Lee').inputValue()).toBe('');

    await elsewhere.getByRole('button', { name: 'Send reply' }).click();
    await elsewhere.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await jonas.reload();
    await jonas.getByRole('heading', { name: /Locked out of the library PCs/ }).waitFor();
    expect(await jonas.getByLabel('Reply to Ben Lee').inputValue()).toBe('');
  });
});
