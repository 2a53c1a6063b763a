// The privacy page in real Chromium against the built console and API: an admin finds a student,
// downloads their data with the browser's session, reads the erasure's dry run, erases them after
// typing their address, and dry-runs a retention rule; nothing is removed by a dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

describe('privacy', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('an admin exports, erases with a dry run and a typed confirmation, and dry-runs retention', async () => {
    await stack.report('ben', 'Login & accounts', 'Ben cannot print', 'Printer says no.');

    const admin = await stack.signedInPage('admin');
    await admin.goto(`${stack.origin}/console/admin/privacy`);
    await admin.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
    await admin.getByLabel('Name, email address or student number').fill('ben@e2e');
    await admin.getByRole('button', { name: 'Find' }).click();
    await admin.getByRole('status').filter({ hasText: '1 person found.' }).waitFor();

    // The download link works with the browser's own session cookie.
    const href = await admin.getByRole('link', { name: 'Download JSON of Ben Lee' }).getAttribute('href');
    const exported = await (await admin.request.get(`${stack.origin}${href}`)).json();
    expect(exported.person.name).toBe('Ben Lee');
    expect(exported.tickets.map((ticket: { title: string }) => ticket.title)).toContain('Ben cannot print');
    expect(await stack.accessibilityProblems(admin), 'axe on Privacy').toEqual([]);

    await admin.getByRole('button', { name: 'Erase… Ben Lee' }).click();
    const dryRun = admin.getByRole('table', { name: /Dry run/ });
    await dryRun.getByRole('row', { name: /Ticket tickets they reported kept/ }).waitFor();
    const erase = admin.getByRole('button', { name: 'Erase Ben Lee', exact: true });
    expect(await erase.isDisabled()).toBe(true);
    await admin.getByLabel('Type ben@e2e.studentdesk to confirm').fill('ben@e2e.studentdesk');
    await erase.click();
    await admin.getByRole('status').filter({ hasText: 'Ben Lee was erased' }).waitFor();
    await admin.getByRole('row', { name: /Former student/ }).waitFor();

    const rule = admin.getByRole('region', { name: 'Closed tickets' });
    await rule.getByRole('button', { name: 'Dry run' }).click();
    await rule
      .getByRole('status')
      .filter({ hasText: /Dry run: 0 would be removed now/ })
      .waitFor();
    expect(await stack.accessibilityProblems(admin), 'axe on Privacy after erasing').toEqual([]);
  });
});
