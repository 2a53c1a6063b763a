// Service settings over HTTP: who sets SLA targets, and importing a holiday feed (text or URL),
// previewed first, idempotent by UID, all-or-nothing for a bad file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { toGlobalId } from '../relay/global-id.js';

const SET_POLICY = /* GraphQL */ `
  mutation Set($input: SetSlaPolicyInput!) {
    setSlaPolicy(input: $input) {
      id
      priority
      firstResponseMinutes
      resolutionMinutes
      businessHoursOnly
      department {
        name
      }
    }
  }
`;
const SERVICE = /* GraphQL */ `
  query Service($id: ID!) {
    node(id: $id) {
      ... on Department {
        timeZone
        businessHours {
          days
          opensAt
          closesAt
        }
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
const IMPORT_RESULT = `
  applied
  calendarName
  added
  removed
  days {
    date
    name
    change
    takenBy
  }
  skipped {
    name
    reason
  }
`;
const PREVIEW = `mutation Preview($input: HolidayImportInput!) { previewHolidayImport(input: $input) { ${IMPORT_RESULT} } }`;
const IMPORT = `mutation Import($input: HolidayImportInput!) { importHolidays(input: $input) { ${IMPORT_RESULT} } }`;
const HOLIDAYS = /* GraphQL */ `
  query Holidays($departmentId: ID, $from: String) {
    holidays(departmentId: $departmentId, from: $from, first: 100) {
      edges {
        node {
          id
          date
          name
          imported
          department {
            name
          }
        }
      }
    }
  }
`;
const REMOVE_HOLIDAY = `mutation Remove($id: ID!) { removeHoliday(id: $id) { id date } }`;

const ics = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//School//Holidays//EN',
    'X-WR-CALNAME:School year 2026/27',
    ...events.flat(),
    'END:VCALENDAR',
  ].join('\r\n');
const allDay = (uid: string, name: string, start: string, end?: string) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  `DTSTART;VALUE=DATE:${start}`,
  ...(end ? [`DTEND;VALUE=DATE:${end}`] : []),
  `SUMMARY:${name}`,
  'END:VEVENT',
];

describe('SLA targets and holiday feeds over HTTP (PostgreSQL)', () => {
  let api: TestApi;
  let school: School;
  let itId: string;
  let financeId: string;
  let feedServer: Server;
  let feedUrl: string;
  let feedBody = '';

  beforeAll(async () => {
    // Holiday feeds are fetched through the webhook fence; this test's feed is on loopback.
    api = await startTestApi('postgresql', { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    school = await createSchool(api);
    itId = toGlobalId('Department', school.departments.it.id);
    financeId = toGlobalId('Department', school.departments.finance.id);
    feedServer = createServer((request, response) => {
      if (request.url === '/big.ics') return response.end('X'.repeat(1024 * 1024 + 10));
      if (request.url === '/moved.ics') return response.writeHead(302, { location: '/holidays.ics' }).end();
      response.writeHead(200, { 'content-type': 'text/calendar' }).end(feedBody);
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    feedServer?.close();
    await api?.close();
  });

  const targets = (departmentId: string, overrides: Record<string, unknown> = {}) => ({
    input: { departmentId, priority: 'HIGH', firstResponseMinutes: 60, resolutionMinutes: 480, businessHoursOnly: false, ...overrides },
  });

  it('lets the manager set their own department’s targets and an admin any, and shows them to staff', async () => {
    const mine = await api.gql(SET_POLICY, targets(itId), { token: school.tokens.manager });
    expect(mine.data!.setSlaPolicy).toMatchObject({
      priority: 'HIGH',
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
      businessHoursOnly: false,
      department: { name: 'IT' },
    });
    const again = await api.gql(SET_POLICY, targets(itId, { firstResponseMinutes: 30 }), { token: school.tokens.manager });
    expect(again.data!.setSlaPolicy.id).toBe(mine.data!.setSlaPolicy.id);

    expect(codes(await api.gql(SET_POLICY, targets(financeId), { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SET_POLICY, targets(itId), { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SET_POLICY, targets(itId), { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SET_POLICY, targets(financeId), { token: school.tokens.admin }))).toEqual([]);

    const service = await api.gql(SERVICE, { id: itId }, { token: school.tokens.staff });
    expect(service.data!.node.timeZone).toBe('UTC');
    expect(service.data!.node.businessHours).toEqual({ days: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00' });
    expect(service.data!.node.slaPolicies.map((policy: { priority: string }) => policy.priority)).toEqual([
      'URGENT',
      'HIGH',
      'NORMAL',
      'LOW',
    ]);
    expect(service.data!.node.slaPolicies[1]).toEqual({
      priority: 'HIGH',
      firstResponseMinutes: 30,
      resolutionMinutes: 480,
      businessHoursOnly: false,
    });
    expect(codes(await api.gql(SERVICE, { id: itId }, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);

    // Each change that was made is in the audit log, with who made it; the refused ones are not.
    const audited = await api.db.prisma.auditEntry.findMany({ where: { action: 'SLA_POLICY_SET' }, orderBy: { at: 'asc' } });
    expect(audited.map((entry) => [entry.actorUserId, (entry.details as { priority: string }).priority])).toEqual([
      [school.users.manager.id, 'HIGH'],
      [school.users.manager.id, 'HIGH'],
      [school.users.admin.id, 'HIGH'],
    ]);
  });

  it('refuses impossible targets and writes nothing', async () => {
    const before = await api.db.prisma.slaPolicy.findMany({
      where: { departmentId: school.departments.it.id },
      orderBy: { priority: 'asc' },
    });
    const shorter = await api.gql(SET_POLICY, targets(itId, { resolutionMinutes: 20, firstResponseMinutes: 60 }), {
      token: school.tokens.admin,
    });
    expect(codes(shorter)).toEqual(['BAD_USER_INPUT']);
    expect(shorter.errors![0]!.extensions!.field).toBe('resolutionMinutes');
    expect(codes(await api.gql(SET_POLICY, targets(itId, { firstResponseMinutes: 0 }), { token: school.tokens.admin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await api.gql(SET_POLICY, targets(itId, { resolutionMinutes: 10_000_000 }), { token: school.tokens.admin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const after = await api.db.prisma.slaPolicy.findMany({
      where: { departmentId: school.departments.it.id },
      orderBy: { priority: 'asc' },
    });
    expect(after).toEqual(before);
  });

  it('lets the manager remove a priority’s targets, after which new tickets of it get no due times', async () => {
    const low = await api.db.prisma.slaPolicy.findFirstOrThrow({ where: { departmentId: school.departments.finance.id, priority: 'LOW' } });
    const remove = 'mutation($id: ID!) { removeSlaPolicy(id: $id) { priority } }';
    const id = toGlobalId('SlaPolicy', low.id);
    expect(codes(await api.gql(remove, { id }, { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(remove, { id }, { token: school.tokens.otherStaff }))).toEqual(['FORBIDDEN']);
    expect((await api.gql(remove, { id }, { token: school.tokens.admin })).data!.removeSlaPolicy).toEqual({ priority: 'LOW' });
    expect(await api.db.prisma.slaPolicy.count({ where: { id: low.id } })).toBe(0);
    expect(codes(await api.gql(remove, { id }, { token: school.tokens.admin }))).toEqual(['NOT_FOUND']);
  });

  const feed = ics(
    allDay('autumn-2026@school', 'Autumn break', '20261019', '20261024'),
    allDay('xmas-2026@school', 'Christmas', '20261225'),
    ['BEGIN:VEVENT', 'UID:assembly@school', 'DTSTART:20261002T090000Z', 'SUMMARY:Assembly', 'END:VEVENT'],
  );

  it('previews an import without writing, imports it, and imports it again without change', async () => {
    const preview = await api.gql(PREVIEW, { input: { departmentId: itId, ics: feed } }, { token: school.tokens.manager });
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewHolidayImport).toMatchObject({ applied: false, calendarName: 'School year 2026/27', added: 6, removed: 0 });
    expect(preview.data!.previewHolidayImport.days.map((day: { date: string; change: string }) => `${day.date} ${day.change}`)).toEqual([
      '2026-10-19 ADD',
      '2026-10-20 ADD',
      '2026-10-21 ADD',
      '2026-10-22 ADD',
      '2026-10-23 ADD',
      '2026-12-25 ADD',
    ]);
    expect(preview.data!.previewHolidayImport.skipped).toEqual([
      { name: 'Assembly', reason: 'has a time of day: only all-day events close the desk' },
    ]);
    expect(await api.db.prisma.holiday.count()).toBe(0);

    expect(await api.db.prisma.auditEntry.count({ where: { action: 'HOLIDAYS_IMPORTED' } })).toBe(0);
    const imported = await api.gql(IMPORT, { input: { departmentId: itId, ics: feed } }, { token: school.tokens.manager });
    expect(imported.data!.importHolidays).toMatchObject({ applied: true, added: 6 });
    const again = await api.gql(IMPORT, { input: { departmentId: itId, ics: feed } }, { token: school.tokens.manager });
    expect(again.data!.importHolidays).toMatchObject({ applied: true, added: 0, removed: 0 });
    expect(new Set(again.data!.importHolidays.days.map((day: { change: string }) => day.change))).toEqual(new Set(['UNCHANGED']));
    expect(await api.db.prisma.holiday.count({ where: { departmentId: school.departments.it.id } })).toBe(6);

    const listed = await api.gql(HOLIDAYS, { departmentId: itId, from: '2026-12-01' }, { token: school.tokens.staff });
    expect(listed.data!.holidays.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { id: expect.any(String), date: '2026-12-25', name: 'Christmas', imported: true, department: { name: 'IT' } },
    ]);
  });

  it('moves and renames what changed in the feed, and keeps a day added by hand', async () => {
    const christmas = (await api.gql(HOLIDAYS, { departmentId: itId, from: '2026-12-25' }, { token: school.tokens.staff })).data!.holidays
      .edges[0].node;
    await api.gql(REMOVE_HOLIDAY, { id: christmas.id }, { token: school.tokens.manager });
    await api.gql(
      'mutation($input: AddHolidayInput!) { addHoliday(input: $input) { id } }',
      { input: { departmentId: itId, date: '2026-12-25', name: 'Staff day' } },
      { token: school.tokens.manager },
    );
    const changed = ics(
      allDay('autumn-2026@school', 'Autumn holiday', '20261020', '20261025'),
      allDay('xmas-2026@school', 'Christmas', '20261225'),
    );
    const result = (await api.gql(IMPORT, { input: { departmentId: itId, ics: changed } }, { token: school.tokens.manager })).data!
      .importHolidays;
    expect(result.days.map((day: { date: string; change: string; takenBy: string | null }) => [day.date, day.change, day.takenBy])).toEqual(
      [
        ['2026-10-19', 'REMOVE', null],
        ['2026-10-20', 'RENAME', null],
        ['2026-10-21', 'RENAME', null],
        ['2026-10-22', 'RENAME', null],
        ['2026-10-23', 'RENAME', null],
        ['2026-10-24', 'ADD', null],
        ['2026-12-25', 'TAKEN', 'Staff day'],
      ],
    );
    const rows = await api.db.prisma.holiday.findMany({ where: { departmentId: school.departments.it.id }, orderBy: { date: 'asc' } });
    expect(rows.map((row) => `${row.date.toISOString().slice(0, 10)} ${row.name}`)).toEqual([
      '2026-10-20 Autumn holiday',
      '2026-10-21 Autumn holiday',
      '2026-10-22 Autumn holiday',
      '2026-10-23 Autumn holiday',
      '2026-10-24 Autumn holiday',
      '2026-12-25 Staff day',
    ]);
  });

  it('refuses a bad file with BAD_USER_INPUT and writes nothing', async () => {
    const before = await api.db.prisma.holiday.count();
    const auditedBefore = await api.db.prisma.auditEntry.count();
    const broken = ics(allDay('new@school', 'New year', '20270101'), allDay('bad@school', 'Broken', '20270230'));
    const response = await api.gql(IMPORT, { input: { departmentId: itId, ics: broken } }, { token: school.tokens.manager });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/"20270230" is not a real date/);
    expect(response.errors![0]!.extensions!.field).toBe('ics');
    const notCalendar = await api.gql(
      IMPORT,
      { input: { departmentId: itId, ics: '<html>Sign in</html>' } },
      { token: school.tokens.manager },
    );
    expect(codes(notCalendar)).toEqual(['BAD_USER_INPUT']);
    const both = await api.gql(
      IMPORT,
      { input: { departmentId: itId, ics: feed, url: `${feedUrl}/holidays.ics` } },
      { token: school.tokens.manager },
    );
    expect(codes(both)).toEqual(['BAD_USER_INPUT']);
    expect(await api.db.prisma.holiday.count()).toBe(before);
    expect(await api.db.prisma.auditEntry.count()).toBe(auditedBefore);
  });

  it('fetches a feed from a URL, within its size limit and without following redirects', async () => {
    feedBody = ics(allDay('founders@school', 'Founders Day', '20270305'));
    const fetched = await api.gql(
      IMPORT,
      { input: { departmentId: null, url: `${feedUrl}/holidays.ics` } },
      { token: school.tokens.admin },
    );
    expect(fetched.data!.importHolidays).toMatchObject({ applied: true, added: 1 });
    const schoolWide = await api.gql(HOLIDAYS, { from: '2027-01-01' }, { token: school.tokens.staff });
    expect(
      schoolWide.data!.holidays.edges.map((edge: { node: { name: string; department: unknown } }) => [
        edge.node.name,
        edge.node.department,
      ]),
    ).toEqual([['Founders Day', null]]);

    const before = await api.db.prisma.holiday.count();
    const big = await api.gql(PREVIEW, { input: { url: `${feedUrl}/big.ics` } }, { token: school.tokens.admin });
    expect(codes(big)).toEqual(['BAD_USER_INPUT']);
    expect(big.errors![0]!.message).toMatch(/larger than 1 MiB/);
    const moved = await api.gql(IMPORT, { input: { url: `${feedUrl}/moved.ics` } }, { token: school.tokens.admin });
    expect(codes(moved)).toEqual(['BAD_USER_INPUT']);
    const ftp = await api.gql(IMPORT, { input: { url: 'ftp://example.edu/holidays.ics' } }, { token: school.tokens.admin });
    expect(codes(ftp)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(IMPORT, { input: { url: `${feedUrl}/holidays.ics` } }, { token: school.tokens.manager }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await api.db.prisma.holiday.count()).toBe(before);
  });
});
