// Importing people in real Chromium against the built console and API: the admin pastes a CSV with
// a bad row, reads the dry run (the rejected row with its reason), confirms importing the others,
// and the new staff member appears on the People page with both departments, which the admin edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const CSV = [
  'email,name,role,department,studentNumber',
  'lena.vos@e2e.studentdesk,Lena Vos,staff,IT; Financial Aid,',
  'kofi.mensah@e2e.studentdesk,Kofi Mensah,student,,S2024-0999',
  'nobody@e2e.studentdesk,Nobody Known,staff,Astronomy,',
].join('\n');

const PERSON = /* GraphQL */ `
  {
    staffAccounts(first: 100) {
      edges {
        node {
          email
          memberships {
            role
            department {
              name
            }
          }
        }
      }
    }
  }
`;

describe('importing people', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('an admin previews a CSV, sees the rejected row and why, imports the rest and edits a department', async () => {
    const admin = await stack.signedInPage('admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Import people' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Import people' }).waitFor();
    await admin.getByLabel('Or paste its contents').fill(CSV);
    await admin.getByRole('button', { name: 'Preview the import' }).click();

    await admin.getByRole('status').filter({ hasText: '3 rows: 2 to create, 0 to update, 0 unchanged, 1 rejected.' }).waitFor();
    await admin.getByRole('row', { name: /lena\.vos@e2e\.studentdesk.*Staff.*Create/ }).waitFor();
    await admin.getByLabel('Show').selectOption('REJECT');
    await admin.getByRole('row', { name: /nobody@e2e\.studentdesk.*Reject.*There is no department “Astronomy”/ }).waitFor();
    expect(await admin.getByRole('row', { name: /lena\.vos/ }).count()).toBe(0);
    expect(await stack.accessibilityProblems(admin), 'axe on the dry run').toEqual([]);
    await stack.screenshot(admin, 'people-import-dry-run');

    const importButton = admin.getByRole('button', { name: 'Import 2 people' });
    expect(await importButton.isDisabled()).toBe(true);
    // Nothing is written by the dry run.
    const before = await stack.gqlAs('admin', PERSON);
    expect(JSON.stringify(before)).not.toContain('lena.vos');

    await admin.getByLabel('Skip the 1 rejected row and import the others').check();
    await importButton.click();
    await admin.getByRole('status').filter({ hasText: 'Imported: 2 created, 0 updated, 1 rejected rows skipped.' }).waitFor();

    const after = await stack.gqlAs('admin', PERSON);
    const lena = after.staffAccounts.edges.find((edge: { node: { email: string } }) => edge.node.email === 'lena.vos@e2e.studentdesk');
    expect(lena.node.memberships).toEqual([
      { role: 'STAFF', department: { name: 'IT' } },
      { role: 'STAFF', department: { name: 'Financial Aid' } },
    ]);

    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People', exact: true }).click();
    await admin.getByRole('row', { name: /Lena Vos.*Staff.*IT, Financial Aid.*Active/ }).waitFor();
    await admin.getByRole('button', { name: 'Departments of Lena Vos' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Departments of Lena Vos' });
    await dialog.getByLabel('Financial Aid', { exact: true }).selectOption('MANAGER');
    await admin.getByRole('status').filter({ hasText: 'Lena Vos is a manager of Financial Aid.' }).waitFor();
    await dialog.getByRole('button', { name: 'Remove Lena Vos from IT' }).click();
    await admin.getByRole('status').filter({ hasText: 'Lena Vos left IT.' }).waitFor();
    expect(await stack.accessibilityProblems(admin), 'axe on the departments dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await admin.getByRole('row', { name: /Lena Vos.*Manager.*Financial Aid \(manager\)/ }).waitFor();
  });
});
