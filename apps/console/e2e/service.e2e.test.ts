// A department's "Hours and SLA" in real Chromium against the built console and API: IT's manager
// sets a priority's targets and imports the school's holiday feed from an .ics file, seeing what
// it will add before anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';

const SLA_POLICIES = /* GraphQL */ `
  {
    me {
      department {
        id
        slaPolicies {
          priority
          firstResponseMinutes
          resolutionMinutes
          businessHoursOnly
        }
      }
    }
  }
`;
const HOLIDAYS = /* GraphQL */ `
  query Holidays($departmentId: ID) {
    holidays(first: 20, departmentId: $departmentId) {
      edges {
        node {
          date
          name
        }
      }
    }
  }
`;

describe('hours and SLA', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('a manager sets targets and imports a holiday feed after previewing it', async () => {
    const manager = await stack.signedInPage('manager');
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hours and SLA' }).click();
    await manager.getByRole('heading', { level: 1, name: 'Hours and SLA: IT' }).waitFor();

    const targets = manager.getByRole('form', { name: 'SLA targets' });
    await targets.getByLabel('High: first response, hours').fill('1.5');
    await targets.getByLabel('High: resolution, hours').fill('8');
    await targets.getByLabel('High: count in business hours only').check();
    await targets.getByRole('button', { name: 'Save targets' }).click();
    await manager.getByRole('status').filter({ hasText: 'SLA targets saved.' }).waitFor();

    const year = new Date().getUTCFullYear() + 1;
    const feed = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'X-WR-CALNAME:School holidays',
      'BEGIN:VEVENT',
      `UID:winter-${year}@e2e`,
      `DTSTART;VALUE=DATE:${year}1224`,
      `DTEND;VALUE=DATE:${year}1226`,
      'SUMMARY:Winter closure',
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:open-day-${year}@e2e`,
      `DTSTART:${year}0301T090000Z`,
      'SUMMARY:Open day',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const importForm = manager.getByRole('form', { name: 'Import an iCal feed' });
    await importForm.getByLabel('.ics file').setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: Buffer.from(feed) });
    await importForm.getByRole('button', { name: 'Preview' }).click();
    await manager.getByRole('heading', { name: 'What importing will do: School holidays' }).waitFor();
    await manager.getByRole('row', { name: `${year}-12-24 Winter closure added` }).waitFor();
    await manager.getByRole('row', { name: `${year}-12-25 Winter closure added` }).waitFor();
    await manager.getByRole('list', { name: 'Events left out' }).getByText('Open day: has a time of day').waitFor();
    // Nothing is written until the import is confirmed.
    const departmentId = (await stack.gqlAs('manager', SLA_POLICIES)).me.department.id;
    expect((await stack.gqlAs('manager', HOLIDAYS, { departmentId })).holidays.edges).toEqual([]);
    expect(await stack.accessibilityProblems(manager), 'axe on Hours and SLA with a preview').toEqual([]);

    await manager.getByRole('button', { name: 'Import 2 days' }).click();
    await manager.getByRole('status').filter({ hasText: 'Imported.' }).waitFor();
    const holidays = manager.getByRole('table', { name: 'Holidays' });
    await holidays.getByRole('row', { name: new RegExp(`${year}-12-24 Winter closure This department iCal feed`) }).waitFor();

    const imported = (await stack.gqlAs('manager', HOLIDAYS, { departmentId })).holidays.edges.map((edge: { node: unknown }) => edge.node);
    expect(imported).toEqual([
      { date: `${year}-12-24`, name: 'Winter closure' },
      { date: `${year}-12-25`, name: 'Winter closure' },
    ]);
    expect((await stack.gqlAs('manager', SLA_POLICIES)).me.department.slaPolicies).toContainEqual({
      priority: 'HIGH',
      firstResponseMinutes: 90,
      resolutionMinutes: 480,
      businessHoursOnly: true,
    });
    await stack.screenshot(manager, 'hours-and-sla');
  });
});
