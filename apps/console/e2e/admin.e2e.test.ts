// Admin journeys in real Chromium against the built console served by a real API: an API key made,
// used over HTTP and revoked; a webhook whose failed delivery to a real receiver is sent again;
// the email outbox; a SCIM token provisioning a person; and staff kept out of all of it.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startWebhookReceiver, until, type AnswerRule, type ReceivedRequest, type WebhookReceiver } from '@studentdesk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startStack, type Person, type Stack } from './stack.js';

const READ_TICKETS = /* GraphQL */ `
  {
    tickets(first: 50) {
      edges {
        node {
          id
          title
        }
      }
    }
  }
`;

/** The receiver is down (500) for the first request, fine (200) for the rest. */
const DOWN_FIRST: AnswerRule = (_request, earlier) =>
  earlier.length === 0 ? { status: 500, body: 'receiver down for maintenance' } : { status: 200, body: 'thanks' };

/** Standard Webhooks: HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the base64 part of the whsec_ secret. */
function signatureFits(secret: string, request: ReceivedRequest): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(request.headers['webhook-id'])}.${String(request.headers['webhook-timestamp'])}.${request.body}`;
  return request.headers['webhook-signature'] === `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

describe('the admin pages', () => {
  let stack: Stack;
  let receiver: WebhookReceiver;
  const report = (student: Person, category: string, title: string) =>
    stack.report(student, category, title, `${title}, since this morning.`);
  /** What another system gets when it calls the API with this key. */
  const callWithKey = async (key: string, query: string) => {
    const response = await fetch(`${stack.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> },
    };
  };
  const expectAccessible = async (page: Page, name: string) => {
    expect(await stack.accessibilityProblems(page), `axe on ${name}`).toEqual([]);
  };
  const openAdmin = async (page: Page, tab: 'API keys' | 'Webhooks' | 'Email outbox' | 'Audit log' | 'Provisioning') => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { level: 1, name: tab }).waitFor();
  };

  beforeAll(async () => {
    [stack, receiver] = await Promise.all([startStack(), startWebhookReceiver(DOWN_FIRST, '/studentdesk-events')]);
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  it('creates an API key shown only once, which reads tickets over HTTP until it is revoked', async () => {
    const ticket = await report('amara', 'Login & accounts', 'Cannot print from the library');
    const page = await stack.signedInPage('admin');
    await openAdmin(page, 'API keys');
    await page.getByText('No API keys yet').waitFor();

    const form = page.getByRole('form', { name: 'New API key' });
    await form.getByLabel(/^Name/).fill('Timetable sync');
    // Without a scope the form says why instead of sending a useless key request.
    await form.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose at least one scope' }).waitFor();
    await form.getByRole('checkbox', { name: /^tickets:read/ }).check();
    await form.getByRole('button', { name: 'Create key' }).click();

    const shownOnce = page.getByRole('region', { name: 'The key for “Timetable sync”' });
    await shownOnce.getByText('it will not be shown again').waitFor();
    const key = await shownOnce.getByLabel('New API key').inputValue();
    expect(key).toMatch(/^sdk_[\w-]{40,}$/);
    const row = page.getByRole('table', { name: 'Keys' }).getByRole('row').filter({ hasText: 'Timetable sync' });
    await row.getByRole('cell', { name: 'tickets:read', exact: true }).waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await expectAccessible(page, 'API key created');
    await stack.screenshot(page, 'admin-01-api-key-shown-once');

    const allowed = await callWithKey(key, READ_TICKETS);
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.tickets.edges.map((edge: any) => edge.node)).toContainEqual({
      id: ticket.id,
      title: 'Cannot print from the library',
    });

    // Once hidden, the key is gone from the console for good; the list shows it was used.
    await shownOnce.getByRole('button', { name: 'I have stored it, hide it' }).click();
    await shownOnce.waitFor({ state: 'detached' });
    await page.reload();
    await row.getByText('Active', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await row.getByRole('cell').nth(2).textContent()).not.toBe('Never');

    // The confirmation works from the keyboard, and Escape backs out without revoking.
    const revoke = row.getByRole('button', { name: 'Revoke Timetable sync' });
    const confirm = page.getByRole('dialog', { name: 'Revoke “Timetable sync”?' });
    await revoke.focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await stack.screenshot(page, 'admin-02-revoke-confirmation');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect((await callWithKey(key, READ_TICKETS)).status).toBe(200);

    await revoke.click();
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('status').filter({ hasText: '“Timetable sync” is revoked' }).waitFor();
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);

    const refused = await callWithKey(key, READ_TICKETS);
    expect(refused.status).toBe(401);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    await expectAccessible(page, 'API key revoked');
    await stack.screenshot(page, 'admin-03-api-key-revoked');
    await page.context().close();
  });

  it('shows a webhook delivery the receiver refused and redelivers it successfully', async () => {
    const page = await stack.signedInPage('admin');
    await openAdmin(page, 'Webhooks');
    await page.getByText('No webhooks yet').waitFor();

    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('URL the desk POSTs events to').fill(receiver.url);
    await form.getByRole('checkbox', { name: /^ticket\.created/ }).check();
    await form.getByLabel(/^Description/).fill('Timetable office');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const shownOnce = page.getByRole('region', { name: `The signing secret for ${receiver.url}` });
    await shownOnce.getByText('it will not be shown again').waitFor();
    const secret = await shownOnce.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page, 'webhook created');
    await stack.screenshot(page, 'admin-04-webhook-secret-shown-once');
    await shownOnce.getByRole('button', { name: 'I have stored it, hide it' }).click();

    await page.getByRole('table', { name: 'Webhooks' }).getByRole('link', { name: receiver.url }).click();
    await page.getByRole('heading', { level: 1, name: receiver.url }).waitFor();
    await page.getByText('No deliveries yet').waitFor();

    const ticket = await report('ben', 'Wi-Fi & network', 'Eduroam rejects my password');
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    const delivery = deliveries.getByRole('row').filter({ hasText: 'ticket.created' });
    // The row's cells after its header (the event): status, attempts, last answer. The full attempt
    // log sits in the row too, folded away, so assertions look at the visible cells.
    const [status, attempts, lastAnswer] = [0, 1, 2].map((column) => delivery.getByRole('cell').nth(column)) as [Locator, Locator, Locator];
    await lastAnswer.getByText('HTTP 500').waitFor();
    await lastAnswer.getByText('receiver down for maintenance').waitFor();
    await status.getByText(/^Failed, retry in/).waitFor();
    expect(await attempts.textContent()).toBe('1');
    await expectAccessible(page, 'webhook deliveries');
    await stack.screenshot(page, 'admin-05-delivery-failed');

    // The status filter narrows the table and says when nothing matches.
    await page.getByRole('combobox', { name: /^Status/ }).selectOption({ label: 'Delivered' });
    await page.getByText('No deliveries match these filters.').waitFor();
    await page.getByRole('combobox', { name: /^Status/ }).selectOption({ label: 'Every status' });
    await delivery.waitFor();

    await delivery.getByRole('button', { name: /^Redeliver ticket\.created/ }).click();
    await page.getByRole('status').filter({ hasText: 'sent again with the same event ID' }).waitFor();
    await status.getByText('Delivered', { exact: true }).waitFor({ timeout: 20_000 });
    await lastAnswer.getByText('HTTP 200').waitFor();
    expect(await attempts.textContent()).toBe('2');
    await stack.screenshot(page, 'admin-06-delivery-redelivered');

    // The receiver got the same event twice, signed with the secret the page showed.
    expect(receiver.received).toHaveLength(2);
    const [refused, accepted] = receiver.received as [ReceivedRequest, ReceivedRequest];
    expect(accepted.headers['webhook-id']).toBe(refused.headers['webhook-id']);
    expect(accepted.body).toBe(refused.body);
    expect(signatureFits(secret, accepted)).toBe(true);
    const event = JSON.parse(accepted.body) as { type: string; data: { ticket: { id: string; title: string } } };
    expect(event).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id, title: 'Eduroam rejects my password' } } });

    // A rotated secret is shown once too, and differs; a disabled webhook says so.
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: 'Replace the signing secret?' }).getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.getByRole('region', { name: 'The new signing secret' }).getByLabel('Signing secret').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Disable webhook' }).click();
    await page.getByRole('status').filter({ hasText: 'Disabled: it receives nothing' }).waitFor();
    await page.getByRole('button', { name: 'Enable webhook' }).waitFor();

    // Deleting asks first, then goes back to the list, which no longer has it.
    await page.getByRole('button', { name: 'Delete webhook' }).click();
    await page
      .getByRole('dialog', { name: `Delete the webhook to ${receiver.url}?` })
      .getByRole('button', { name: 'Delete webhook' })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: `The webhook to ${receiver.url} is deleted.` })
      .waitFor();
    await page.getByText('No webhooks yet').waitFor();
    await page.context().close();
  });

  it('lists the emails written to students', async () => {
    const ticket = await report('chloe', 'Login & accounts', 'Two-factor codes never arrive');
    await stack.gqlAs('staff', 'mutation($input: ReplyInput!) { reply(input: $input) { id } }', {
      input: { ticketId: ticket.id, body: 'Your phone number was out of date; codes go to the new one now.' },
    });
    const page = await stack.signedInPage('admin');
    await openAdmin(page, 'Email outbox');
    const email = page.getByRole('table', { name: 'Email outbox' }).getByRole('row').filter({ hasText: 'chloe@e2e.studentdesk' });
    await email.getByRole('cell', { name: 'Staff replied' }).waitFor();
    await email.getByText('Waiting', { exact: true }).waitFor();
    await email.getByRole('rowheader').locator('summary').click();
    await email.getByText('Your phone number was out of date').waitFor();
    await expectAccessible(page, 'email outbox');
    await stack.screenshot(page, 'admin-07-email-outbox');
    await page.context().close();
  });

  it('shows what admins did in the audit log, narrowed by action, and exports it as CSV', async () => {
    const page = await stack.signedInPage('admin');
    await openAdmin(page, 'Audit log');
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.getByRole('row').filter({ hasText: 'Api key created' }).filter({ hasText: 'Noor Haddad' }).first().waitFor();
    await log.getByRole('row').filter({ hasText: 'Webhook deleted' }).first().waitFor();
    await page.getByLabel('Action').selectOption('API_KEY_REVOKED');
    await until(async () => (await log.getByRole('row').count()) === 2); // the header and the one revocation
    await log.getByRole('rowheader', { name: 'Api key revoked' }).waitFor();
    await expectAccessible(page, 'audit log');
    await stack.screenshot(page, 'admin-08-audit-log');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-api_key_revoked\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('When (UTC),Action,Actor,From address,Record type,Record ID,Details');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(',API_KEY_REVOKED,Noor Haddad,');
    await page.getByRole('status').filter({ hasText: 'Exported 1 entry.' }).waitFor();
    await page.context().close();
  });

  it('gives the tenant URL and a SCIM secret token that provisions people until it is revoked', async () => {
    const page = await stack.signedInPage('admin');
    await openAdmin(page, 'Provisioning');
    const tenantUrl = await page.getByLabel(/Tenant URL/).inputValue();
    expect(tenantUrl).toBe(`${stack.origin}/scim/v2`);
    await page.getByText('No secret token yet').waitFor();
    await page.getByRole('form', { name: 'New secret token' }).getByRole('button', { name: 'Create secret token' }).click();
    const shownOnce = page.getByRole('region', { name: 'The secret token for “Microsoft Entra ID”' });
    const token = await shownOnce.getByLabel('New secret token').inputValue();
    await expectAccessible(page, 'provisioning token created');
    await stack.screenshot(page, 'admin-09-provisioning');

    // What Entra does with the two values: create a person.
    const provision = (userName: string) =>
      fetch(`${tenantUrl}/Users`, {
        method: 'POST',
        headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, displayName: 'Paz Provisioned' }),
      });
    expect((await provision('paz@school.edu')).status).toBe(201);

    const row = page.getByRole('table', { name: 'Secret tokens in use' }).getByRole('row').filter({ hasText: 'Microsoft Entra ID' });
    await row.getByRole('button', { name: 'Revoke Microsoft Entra ID' }).click();
    await page.getByRole('dialog', { name: 'Revoke “Microsoft Entra ID”?' }).getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').filter({ hasText: '“Microsoft Entra ID” is revoked' }).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await provision('quinn@school.edu')).status).toBe(401);
    await page.context().close();
  });

  it('keeps staff out: no Admin link, a plain refusal at the address, and the API refuses too', async () => {
    const page = await stack.signedInPage('staff');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${stack.origin}/console/admin/api-keys`);
    await page.getByRole('alert').filter({ hasText: 'Only admins can open this page' }).waitFor();
    expect(await page.getByRole('form', { name: 'New API key' }).count()).toBe(0);
    await expectAccessible(page, 'admin refused');
    await stack.screenshot(page, 'admin-08-staff-refused');
    await expect(stack.gqlAs('staff', '{ apiKeys { edges { node { id } } } }')).rejects.toThrow(
      'Only admins manage API keys and webhooks.',
    );
    await page.context().close();
  });
});
