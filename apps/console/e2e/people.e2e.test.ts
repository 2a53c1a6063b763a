// Inviting a colleague in real Chromium against the built console and API: the admin invites from
// the People page, the invitation email (kept in the outbox: the journey desk has no SMTP server)
// carries the link, and the newcomer chooses a password on the accept page and lands in the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const OUTBOX = /* GraphQL */ `
  {
    emailOutbox(first: 20) {
      edges {
        node {
          kind
          toAddress
          text
        }
      }
    }
  }
`;

describe('inviting staff', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('an admin invites someone, who accepts with their own password and signs in', async () => {
    const admin = await stack.signedInPage('admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const form = admin.getByRole('form', { name: 'Invite someone' });
    await form.getByLabel('Name').fill('Tomás Rivera');
    await form.getByLabel('Email').fill('tomas@e2e.studentdesk');
    await form.getByLabel('Role').selectOption('MANAGER');
    await form.getByLabel('Department').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByRole('status').filter({ hasText: 'The invitation is on its way.' }).waitFor();
    await admin.getByRole('row', { name: /Tomás Rivera.*Waiting/ }).waitFor();
    expect(await stack.accessibilityProblems(admin), 'axe on People').toEqual([]);

    const outbox = await stack.gqlAs('admin', OUTBOX);
    const invitation = outbox.emailOutbox.edges
      .map((edge: { node: { kind: string; toAddress: string; text: string } }) => edge.node)
      .find(
        (email: { kind: string; toAddress: string }) => email.kind === 'STAFF_INVITATION' && email.toAddress === 'tomas@e2e.studentdesk',
      );
    const token = /accept-invitation#token=(sdi_[\w-]+)/.exec(invitation.text)![1]!;

    const newcomer = await (await stack.browser.newContext()).newPage();
    await newcomer.goto(`${stack.origin}/console/accept-invitation#token=${token}`);
    await newcomer.getByRole('heading', { level: 1, name: 'Join the help desk' }).waitFor();
    expect(await stack.accessibilityProblems(newcomer), 'axe on the accept page').toEqual([]);
    await newcomer.getByLabel('Password', { exact: true }).fill('password1234');
    await newcomer.getByRole('button', { name: 'Create my account' }).click();
    await newcomer.getByRole('alert').filter({ hasText: 'most common' }).waitFor();
    await newcomer.getByLabel('Password', { exact: true }).fill('lanterns over the harbour');
    await newcomer.getByRole('button', { name: 'Create my account' }).click();
    await newcomer.getByRole('navigation', { name: 'Main' }).waitFor();
    await newcomer.getByText('Tomás Rivera', { exact: false }).first().waitFor();

    await admin.reload();
    await admin.getByRole('row', { name: /tomas@e2e\.studentdesk.*Manager.*Active/ }).waitFor();
    await stack.screenshot(admin, 'people');
  });
});
