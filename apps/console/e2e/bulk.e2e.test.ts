// Bulk actions in real Chromium against the built console and API: Jonas selects 20 resolved
// tickets from the keyboard (x, then shift+x), closes them from the bulk bar, and takes it back
// with the notice's Undo; the API shows every ticket closed, then resolved again.
import { JOURNEY_PEOPLE } from '@studentdesk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const TITLE = 'Projector flickers in room';
const COUNT = 20;

const STATUSES = /* GraphQL */ `
  query Statuses($search: String!) {
    tickets(first: 50, filter: { search: $search, status: [RESOLVED, CLOSED] }) {
      edges {
        node {
          status
        }
      }
    }
  }
`;

describe('bulk actions on the queue', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(async (prisma) => {
      const it = await prisma.department.findFirstOrThrow({ where: { name: 'IT' } });
      const category = await prisma.category.findFirstOrThrow({ where: { departmentId: it.id } });
      const [amara, jonas] = await Promise.all(
        [JOURNEY_PEOPLE.amara, JOURNEY_PEOPLE.staff].map((person) => prisma.user.findUniqueOrThrow({ where: { email: person.email } })),
      );
      await prisma.ticket.createMany({
        data: Array.from({ length: COUNT }, (_, index) => ({
          title: `${TITLE} ${101 + index}`,
          description: 'The image flickers every few seconds.',
          priority: 'NORMAL' as const,
          channel: 'PORTAL' as const,
          status: 'RESOLVED' as const,
          resolvedAt: new Date(),
          resolvedById: jonas!.id,
          assigneeId: jonas!.id,
          categoryId: category.id,
          departmentId: it.id,
          requesterId: amara!.id,
          contactName: amara!.name,
          contactEmail: amara!.email,
        })),
      });
    });
  });
  afterAll(() => stack?.stop());

  const statuses = async () =>
    ((await stack.gqlAs('staff', STATUSES, { search: 'Projector' })).tickets.edges as Array<{ node: { status: string } }>).map(
      (edge) => edge.node.status,
    );

  it('closes 20 selected tickets at once and undoes it', async () => {
    expect(await statuses()).toEqual(Array<string>(COUNT).fill('RESOLVED'));
    const page = await stack.signedInPage('staff');
    await page.goto(`${stack.origin}/console/queue/department?status=RESOLVED&q=Projector`);
    const rows = page.getByRole('checkbox', { name: /^Select SD-/ });
    await expect.poll(() => rows.count()).toBe(COUNT);

    // x on the first row, down to the last, shift+x: the whole range.
    await page.locator('body').press('x');
    for (let row = 1; row < COUNT; row++) await page.locator('body').press('j');
    await page.locator('body').press('Shift+X');
    const bar = page.getByRole('region', { name: 'Selected tickets' });
    await bar.getByText(`${COUNT} selected`).waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Select all on this page' }).isChecked()).toBe(true);
    expect(await stack.accessibilityProblems(page), 'axe with the bulk bar').toEqual([]);

    await bar.getByRole('toolbar', { name: 'Change the selected tickets' }).getByLabel('Status…').selectOption('CLOSED');
    const notice = page.getByRole('status').filter({ hasText: `${COUNT} tickets closed.` });
    await notice.waitFor();
    await expect.poll(statuses).toEqual(Array<string>(COUNT).fill('CLOSED'));
    await stack.screenshot(page, 'bulk-closed-undo');

    // The undo works for 10 seconds: the slower checks wait until after it.
    await notice.getByRole('button', { name: /^Undo \(\d+\)$/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${COUNT} tickets put back.` })
      .waitFor();
    await expect.poll(statuses).toEqual(Array<string>(COUNT).fill('RESOLVED'));
    expect(await stack.accessibilityProblems(page), 'axe after the undo').toEqual([]);
  });
});
