// Merging a duplicate report, in real Chromium against the built console, portal and API: Amara
// reports the same Wi-Fi problem twice, Jonas merges the second into the first from the console
// and lands on the ticket that stays; Amara's "My tickets" then shows one ticket holding both
// conversations, and her old ticket's page leads to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const REPLY = /* GraphQL */ `
  mutation Reply($input: ReplyInput!) {
    reply(input: $input) {
      id
    }
  }
`;

describe('merging duplicate tickets', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  const report = (title: string) => stack.report('amara', 'Wi-Fi & network', title, 'In the library, since this morning.');

  it('merges the duplicate into the ticket that stays, and the student sees one ticket with both conversations', async () => {
    const kept = await report('Library Wi-Fi keeps dropping');
    const duplicate = await report('No internet on the second floor');
    await stack.gqlAs('staff', REPLY, { input: { ticketId: kept.id, body: 'Which building is this?' } });
    await stack.gqlAs('amara', REPLY, { input: { ticketId: duplicate.id, body: 'The access point by the windows blinks red.' } });

    const jonas = await stack.signedInPage('staff');
    await jonas.goto(`${stack.origin}/console/tickets/${duplicate.id}`);
    await jonas.getByRole('heading', { name: /No internet on the second floor/ }).waitFor();
    await jonas.getByRole('region', { name: 'Ticket actions' }).getByRole('button', { name: 'Merge into…' }).click();
    const dialog = jonas.getByRole('dialog', { name: `Merge ${duplicate.number} into another ticket` });
    // Amara's other open ticket is offered; Jonas types its number anyway.
    await dialog.getByRole('radio', { name: new RegExp(`${kept.number} Library Wi-Fi keeps dropping`) }).waitFor();
    await dialog.getByLabel('Ticket that stays').fill(kept.number.toLowerCase());
    await dialog.getByRole('button', { name: 'Find' }).click();
    const consequences = dialog.getByRole('region', { name: 'What merging does' });
    await consequences.getByText(`${duplicate.number} is closed, and its links lead to ${kept.number};`).waitFor();
    expect(await consequences.textContent()).toContain('“No internet on the second floor” will be merged into');
    expect(await consequences.textContent()).toContain('“Library Wi-Fi keeps dropping”');
    await dialog.getByLabel('Note for colleagues (optional)').fill('Same access point.');
    expect(await stack.accessibilityProblems(jonas), 'axe on the merge dialog').toEqual([]);
    await stack.screenshot(jonas, 'merge-dialog');
    await dialog.getByRole('button', { name: `Merge into ${kept.number}` }).click();

    // Jonas lands on the ticket that stays, holding both conversations and the note.
    await jonas.waitForURL(`**/console/tickets/${kept.id}`);
    await jonas.getByRole('heading', { name: /Library Wi-Fi keeps dropping/ }).waitFor();
    await jonas.getByText('The access point by the windows blinks red.').waitFor();
    await jonas.getByText(/was merged into this ticket by Jonas Weber/).waitFor();

    // Amara sees one ticket for the two reports, with both conversations in it.
    const amara = await stack.signedInPage('amara', 'portal');
    const mine = amara.getByRole('list').filter({ hasText: 'Library Wi-Fi keeps dropping' });
    await mine.waitFor();
    expect(await amara.getByText('No internet on the second floor').count()).toBe(0);
    await amara.getByRole('link', { name: `${kept.number}: Library Wi-Fi keeps dropping` }).click();
    await amara.getByText('Which building is this?').waitFor();
    await amara.getByText('The access point by the windows blinks red.').waitFor();
    expect(await amara.getByText('Same access point.').count(), 'the internal note stays with staff').toBe(0);

    // Her old ticket's page leads to the one that stays, saying why.
    await amara.goto(`${stack.origin}/tickets/${duplicate.id}`);
    await amara.waitForURL(`**/tickets/${kept.id}`);
    await amara
      .getByRole('status')
      .filter({ hasText: `Your report ${duplicate.number} was about the same problem, so we merged it into ${kept.number}` })
      .waitFor();
    await amara.getByText('The access point by the windows blinks red.').waitFor();
    expect(await stack.accessibilityProblems(amara), 'axe on the merged ticket in the portal').toEqual([]);
  });
});
