// SLA clocks over HTTP with a test clock: due times counted in business hours skip weekends and
// holidays; waiting on the student stops the resolution clock, and the student's answer moves the
// due time out by exactly the business time waited; no breach is escalated while waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { escalateSlaBreaches } from './sla.escalation.js';

const SET_POLICY = /* GraphQL */ `
  mutation Set($input: SetSlaPolicyInput!) {
    setSlaPolicy(input: $input) {
      id
      priority
      firstResponseMinutes
      resolutionMinutes
      businessHoursOnly
    }
  }
`;
const ADD_HOLIDAY = /* GraphQL */ `
  mutation Add($input: AddHolidayInput!) {
    addHoliday(input: $input) {
      id
      date
      name
      department {
        name
      }
    }
  }
`;
const SET_STATUS = /* GraphQL */ `
  mutation Status($ticketId: ID!, $status: TicketStatus!) {
    updateTicketStatus(ticketId: $ticketId, status: $status) {
      status
      resolutionDueAt
      slaPausedAt
    }
  }
`;
const CLOCK = /* GraphQL */ `
  query Clock($id: ID!) {
    ticket(id: $id) {
      status
      firstResponseDueAt
      resolutionDueAt
      slaPausedAt
      slaBreached
    }
  }
`;
const BREACHED = /* GraphQL */ `
  query Breached {
    tickets(first: 100, filter: { breached: true }) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

describe('SLA clocks in business hours, with holidays and pauses (PostgreSQL)', () => {
  const clock = new TestClock('2026-03-13T14:00:00Z');
  let api: TestApi;
  let school: School;
  let itId: string;

  beforeAll(async () => {
    api = await startTestApi('postgresql', {}, undefined, clock);
    school = await createSchool(api);
    itId = toGlobalId('Department', school.departments.it.id);
    // IT works Monday to Friday, 09:00–17:00 in Amsterdam (UTC+1 in March).
    await api.db.prisma.department.update({
      where: { id: school.departments.it.id },
      data: { timeZone: 'Europe/Amsterdam', businessDays: [1, 2, 3, 4, 5], businessDayStart: 540, businessDayEnd: 1020 },
    });
    const policy = await api.gql(
      SET_POLICY,
      { input: { departmentId: itId, priority: 'NORMAL', firstResponseMinutes: 240, resolutionMinutes: 960, businessHoursOnly: true } },
      { token: school.tokens.manager },
    );
    expect(policy.errors).toBeUndefined();
  });
  afterAll(() => api?.close());

  const report = async (title: string) => {
    const response = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'I cannot sign in.' } },
      { token: school.tokens.alice },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.reportProblem.ticket as { id: string; firstResponseDueAt: string; resolutionDueAt: string };
  };
  const readClock = async (id: string) => (await api.gql(CLOCK, { id }, { token: school.tokens.staff })).data!.ticket;
  const escalatedTargets = async (ticketId: string) => {
    // The sweep every API process runs on a timer, at the test clock's moment.
    await escalateSlaBreaches(api.db.prisma, 'https://desk.example.edu', clock.now());
    const events = await api.db.prisma.ticketEvent.findMany({ where: { ticketId: parseGlobalId(ticketId)!.id, type: 'SLA_BREACHED' } });
    return events.map((event) => (event.detail as { target: string }).target);
  };

  it('counts a Friday-afternoon report across the weekend and a Monday holiday', async () => {
    const holiday = await api.gql(
      ADD_HOLIDAY,
      { input: { departmentId: null, date: '2026-03-16', name: 'Founders Day' } },
      { token: school.tokens.admin },
    );
    expect(holiday.data!.addHoliday).toMatchObject({ date: '2026-03-16', name: 'Founders Day', department: null });

    // Friday 15:00 local: 2 h on Friday, Monday closed, the first answer is due Tuesday 11:00 local.
    clock.set('2026-03-13T14:00:00Z');
    const ticket = await report('Reported on a Friday');
    expect(ticket.firstResponseDueAt).toBe('2026-03-17T10:00:00.000Z');
    // 16 h: Friday 2 h, Tuesday 8 h, Wednesday 6 h → Wednesday 15:00 local.
    expect(ticket.resolutionDueAt).toBe('2026-03-18T14:00:00.000Z');
  });

  it('refuses a second holiday on the same date, and a manager adding one for the whole school', async () => {
    const twice = await api.gql(ADD_HOLIDAY, { input: { date: '2026-03-16', name: 'Again' } }, { token: school.tokens.admin });
    expect(codes(twice)).toEqual(['BAD_USER_INPUT']);
    const manager = await api.gql(ADD_HOLIDAY, { input: { date: '2026-03-20', name: 'Mine' } }, { token: school.tokens.manager });
    expect(codes(manager)).toEqual(['FORBIDDEN']);
    const badDate = await api.gql(
      ADD_HOLIDAY,
      { input: { departmentId: itId, date: '2026-02-30', name: 'Nope' } },
      { token: school.tokens.manager },
    );
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(await api.db.prisma.holiday.count()).toBe(1);
  });

  it('stops the resolution clock while waiting on the student and moves the due time out by the business time waited', async () => {
    // Tuesday 17 March 10:00 local. Resolution: Tuesday 7 h, Wednesday 8 h, Thursday 1 h → Thursday 10:00 local.
    clock.set('2026-03-17T09:00:00Z');
    const ticket = await report('Waits on the student');
    expect(ticket.resolutionDueAt).toBe('2026-03-19T09:00:00.000Z');

    // Tuesday 11:00 local: staff answer and ask the student something.
    clock.set('2026-03-17T10:00:00Z');
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Which browser do you use?' } }, { token: school.tokens.staff });
    const waiting = await api.gql(SET_STATUS, { ticketId: ticket.id, status: 'WAITING_ON_STUDENT' }, { token: school.tokens.staff });
    expect(waiting.data!.updateTicketStatus).toEqual({
      status: 'WAITING_ON_STUDENT',
      resolutionDueAt: '2026-03-19T09:00:00.000Z',
      slaPausedAt: '2026-03-17T10:00:00.000Z',
    });

    // Friday noon, a day after the resolution would have been due: not breached, nothing escalated.
    clock.set('2026-03-20T11:00:00Z');
    expect(await readClock(ticket.id)).toMatchObject({ status: 'WAITING_ON_STUDENT', slaBreached: false });
    const breached = await api.gql(BREACHED, {}, { token: school.tokens.admin });
    expect(breached.data!.tickets.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(ticket.id);
    expect(await escalatedTargets(ticket.id)).toEqual([]);

    // Monday 23 March 10:00 local the student answers. Waited in business time: Tuesday 6 h,
    // Wednesday, Thursday and Friday 8 h each, Monday 1 h = 31 h. Thursday 10:00 + 31 h → Tuesday 24 March 17:00 local.
    clock.set('2026-03-23T09:00:00Z');
    const answer = await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Firefox.' } }, { token: school.tokens.alice });
    expect(answer.errors).toBeUndefined();
    expect(await readClock(ticket.id)).toMatchObject({
      status: 'OPEN',
      resolutionDueAt: '2026-03-24T16:00:00.000Z',
      slaPausedAt: null,
      slaBreached: false,
    });
    const row = await api.db.prisma.ticket.findUniqueOrThrow({ where: { id: parseGlobalId(ticket.id)!.id } });
    expect(row.slaPausedSeconds).toBe(31 * 3600);

    // A second answer (the status is OPEN already) does not move it again.
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Version 140.' } }, { token: school.tokens.alice });
    expect((await readClock(ticket.id)).resolutionDueAt).toBe('2026-03-24T16:00:00.000Z');

    // Just before the new due time nothing is escalated; after it, the resolution is.
    clock.set('2026-03-24T15:59:00Z');
    expect(await escalatedTargets(ticket.id)).toEqual([]);
    clock.set('2026-03-24T16:01:00Z');
    expect(await escalatedTargets(ticket.id)).toEqual(['RESOLUTION']);
    expect((await readClock(ticket.id)).slaBreached).toBe(true);
  });

  it('keeps a resolution missed before the wait began as missed', async () => {
    clock.set('2026-03-25T08:00:00Z');
    const ticket = await report('Late already');
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Looking into it.' } }, { token: school.tokens.staff });
    // Past the resolution due time (16 business hours later is Thursday 17:00 local), then waiting.
    clock.set('2026-03-27T09:00:00Z');
    await api.gql(SET_STATUS, { ticketId: ticket.id, status: 'WAITING_ON_STUDENT' }, { token: school.tokens.staff });
    expect((await readClock(ticket.id)).slaBreached).toBe(true);
    clock.set('2026-03-30T09:00:00Z');
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Here you go.' } }, { token: school.tokens.alice });
    expect(await readClock(ticket.id)).toMatchObject({ status: 'OPEN', resolutionDueAt: ticket.resolutionDueAt, slaBreached: true });
  });
});
