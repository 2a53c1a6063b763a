// Departments in real Chromium against the built console and API: the admin creates a Library
// department with business hours and a category from Admin → Departments, students are offered the
// category at once, and archiving the department (after its confirmation) takes it off their list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const ADMIN_VIEW = /* GraphQL */ `
  {
    departments(includeArchived: true) {
      name
      slug
      timeZone
      archived
      businessHours {
        days
        opensAt
        closesAt
      }
      categories {
        name
        description
        defaultPriority
      }
    }
  }
`;
const OFFERED = '{ categories { name department { name } } }';

describe('departments', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('an admin creates a Library department with business hours and a category; archiving takes it off the report form', async () => {
    const admin = await stack.signedInPage('admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Departments' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Departments' }).waitFor();
    await admin.getByRole('row', { name: /^IT\b/ }).waitFor();

    const form = admin.getByRole('form', { name: 'New department' });
    await form.getByLabel('Name').fill('Library');
    await form.getByLabel('Time zone').fill('Europe/London');
    await form.getByRole('checkbox', { name: 'Friday' }).uncheck();
    await form.getByRole('checkbox', { name: 'Saturday' }).check();
    await form.getByLabel(/^Opens at/).fill('08:30');
    // A closing time before the opening one is refused before anything is sent.
    await form.getByLabel(/^Closes at/).fill('08:00');
    await form.getByRole('button', { name: 'Create department' }).click();
    await admin.getByRole('alert').filter({ hasText: 'The closing time must be after the opening time.' }).waitFor();
    await form.getByLabel(/^Closes at/).fill('20:00');
    await form.getByRole('button', { name: 'Create department' }).click();
    await admin.getByRole('status').filter({ hasText: 'The department is created.' }).waitFor();
    const row = admin.getByRole('row', { name: /^Library\b/ });
    await row.filter({ hasText: 'Mon–Thu, Sat, 08:30–20:00' }).waitFor();
    await row.getByRole('link', { name: 'Hours and SLA of Library' }).waitFor();
    expect(await stack.accessibilityProblems(admin), 'axe on Departments').toEqual([]);

    const categoryForm = admin.getByRole('form', { name: 'New category in Library' });
    await categoryForm.getByLabel('Name').fill('Borrowing & returns');
    await categoryForm.getByLabel('Description').fill('Loans, renewals, fines and lost books.');
    await categoryForm.getByLabel('Default priority').selectOption('LOW');
    await categoryForm.getByRole('button', { name: 'Add category' }).click();
    await admin.getByRole('status').filter({ hasText: 'The category is added.' }).waitFor();
    await admin
      .getByRole('region', { name: 'Categories of Library' })
      .getByRole('row', { name: /Borrowing & returns.*Low.*Offered/ })
      .waitFor();

    const saved = (await stack.gqlAs('admin', ADMIN_VIEW)).departments.find(
      (department: { name: string }) => department.name === 'Library',
    );
    expect(saved).toEqual({
      name: 'Library',
      slug: 'library',
      timeZone: 'Europe/London',
      archived: false,
      businessHours: { days: [1, 2, 3, 4, 6], opensAt: '08:30', closesAt: '20:00' },
      categories: [{ name: 'Borrowing & returns', description: 'Loans, renewals, fines and lost books.', defaultPriority: 'LOW' }],
    });
    expect((await stack.gqlAs('amara', OFFERED)).categories).toContainEqual({
      name: 'Borrowing & returns',
      department: { name: 'Library' },
    });
    await stack.screenshot(admin, 'departments');

    await row.getByRole('button', { name: 'Archive Library' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Archive Library?' });
    await dialog.getByText('Students can no longer report to Library').waitFor();
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await admin.getByRole('status').filter({ hasText: 'Library is archived.' }).waitFor();
    await row.filter({ hasText: 'Archived' }).getByRole('button', { name: 'Unarchive Library' }).waitFor();
    expect((await stack.gqlAs('amara', OFFERED)).categories).not.toContainEqual(expect.objectContaining({ name: 'Borrowing & returns' }));
  });
});
