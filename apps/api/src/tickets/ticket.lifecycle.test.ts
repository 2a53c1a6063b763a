// The whole life of a ticket over HTTP: a student who cannot sign in reports a login problem,
// staff answer and resolve it, the student rates it through the tracking link, and the
// satisfaction report shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, RATE, REOPEN, REPLY, REPORT_PROBLEM, RESOLVE, SATISFACTION, TICKET, TRACK_TICKET } from '../test/operations.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';

const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    ticket(id: $id) {
      history {
        type
        assignee {
          name
        }
        fromPriority
        toPriority
        toDepartment {
          name
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('ticket lifecycle on %s', (kind) => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('takes a guest report from NEW to a rating that lands in the satisfaction report', async () => {
    // 1. A student who cannot sign in reports the problem.
    const reported = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'Cannot log in to the learning portal',
        description: 'Since this morning the LMS says my password is wrong, but it works for email.',
        contactName: 'Noor Haddad',
        contactEmail: 'Noor.Haddad@example.edu',
        studentNumber: 'S20241234',
        expectedResolutionHours: 24,
      },
    });
    expect(reported.errors).toBeUndefined();
    const { ticket, trackingCode } = reported.data!.reportProblem;
    expect(ticket).toMatchObject({
      status: 'NEW',
      priority: 'NORMAL',
      channel: 'GUEST',
      requester: null,
      contactEmail: 'noor.haddad@example.edu',
    });
    expect(ticket.number).toMatch(/^SD-\d+$/);
    expect(trackingCode).toMatch(/^sdt_[\w-]{43}$/);
    // NORMAL in the test department: 4 h to first response, 24 h to resolution, around the clock.
    const hours = (iso: string) => (new Date(iso).getTime() - Date.now()) / 3_600_000;
    expect(hours(ticket.firstResponseDueAt)).toBeCloseTo(4, 1);
    expect(hours(ticket.resolutionDueAt)).toBeCloseTo(24, 1);

    // Only the hash of the tracking code is stored.
    const stored = await api.db.prisma.trackingCode.findMany({ where: { ticket: { number: Number(ticket.number.slice(3)) } } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).not.toContain(trackingCode.slice(4));

    // 2. Staff pick it up, note something internal, and answer.
    const assigned = await api.gql(
      ASSIGN,
      { ticketId: ticket.id, assigneeId: toGlobalId('User', school.users.staff.id) },
      { token: school.tokens.staff },
    );
    expect(assigned.data!.assignTicket).toMatchObject({ status: 'OPEN', assignee: { name: 'Sam Staff' } });
    const note = await api.gql(
      REPLY,
      { input: { ticketId: ticket.id, body: 'AD shows the account locked after 5 attempts.', internal: true } },
      { token: school.tokens.staff },
    );
    expect(note.data!.reply.internal).toBe(true);
    const answer = await api.gql(
      REPLY,
      { input: { ticketId: ticket.id, body: 'Hi Noor, I unlocked your account. Can you try again?' } },
      { token: school.tokens.staff },
    );
    expect(answer.data!.reply).toMatchObject({ internal: false, author: { name: 'Sam Staff' } });

    // 3. The guest follows it with the tracking code: the answer, never the internal note.
    const tracked = await api.gql(TRACK_TICKET, { code: trackingCode });
    expect(tracked.errors).toBeUndefined();
    expect(tracked.data!.trackTicket.assignee).toEqual({ name: 'Sam Staff' });
    const bodies = tracked.data!.trackTicket.messages.edges.map((edge: any) => edge.node.body);
    expect(bodies).toEqual(['Hi Noor, I unlocked your account. Can you try again?']);

    // 4. The guest answers through the tracking code; staff resolve with a prediction.
    const guestReply = await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'It works now, thanks!', trackingCode } });
    expect(guestReply.data!.reply).toMatchObject({ author: null, internal: false });
    const resolved = await api.gql(
      RESOLVE,
      { input: { ticketId: ticket.id, resolution: 'Unlocked the account and reset the lockout counter.', predictedScore: 5 } },
      { token: school.tokens.staff },
    );
    expect(resolved.data!.resolveTicket.status).toBe('RESOLVED');

    // 5. Rating with the tracking code, once.
    const rated = await api.gql(RATE, {
      input: { ticketId: ticket.id, score: 4, expectation: 'EXCEEDED', comment: 'Fast and friendly.', trackingCode },
    });
    expect(rated.errors).toBeUndefined();
    expect(rated.data!.rateTicket).toMatchObject({ score: 4, expectation: 'EXCEEDED', comment: 'Fast and friendly.' });
    const guestView = await api.gql(TRACK_TICKET, { code: trackingCode });
    expect(guestView.data!.trackTicket.rating).toEqual({ score: 4, expectation: 'EXCEEDED', predictedScore: null });

    // 6. The history tells the story, in order, with actors.
    const staffView = await api.gql(TICKET, { id: ticket.id }, { token: school.tokens.staff });
    expect(staffView.data!.ticket.history.map((event: any) => event.type)).toEqual([
      'CREATED',
      'ASSIGNED',
      'STATUS_CHANGED',
      'NOTE_ADDED',
      'REPLIED',
      'REPLIED',
      'RESOLVED',
      'RATED',
    ]);
    expect(staffView.data!.ticket.history[2]).toMatchObject({ fromStatus: 'NEW', toStatus: 'OPEN', actor: { name: 'Sam Staff' } });
    expect(staffView.data!.ticket).toMatchObject({ slaBreached: false, predictedScore: 5 });
    expect(staffView.data!.ticket.firstRespondedAt).not.toBeNull();

    // 7. The manager's satisfaction report counts it: CSAT 1.0, expectation met, perception gap +1.
    const report = await api.gql(SATISFACTION, {}, { token: school.tokens.manager });
    expect(report.errors).toBeUndefined();
    expect(report.data!.satisfaction).toMatchObject({ csat: 1, responses: 1 });
    const it = report.data!.satisfaction.byDepartment.find((row: any) => row.department.name === 'IT');
    expect(it).toMatchObject({ csat: 1, responses: 1, expectationMetRate: 1, perceptionGap: 1, slaCompliance: 1, resolvedTickets: 1 });
    const finance = report.data!.satisfaction.byDepartment.find((row: any) => row.department.name === 'Financial Aid');
    expect(finance).toMatchObject({ csat: null, responses: 0, perceptionGap: null, slaCompliance: null });
  });

  it('lets the reporter reopen a resolved ticket with a reason, clearing the resolution', async () => {
    const reported = await api.gql(
      REPORT_PROBLEM,
      {
        input: { categoryId: school.categoryIds.login, title: 'MFA prompt loops', description: 'The MFA prompt keeps coming back.' },
      },
      { token: school.tokens.alice },
    );
    const { ticket } = reported.data!.reportProblem;
    expect(ticket.channel).toBe('PORTAL');
    await api.gql(
      RESOLVE,
      { input: { ticketId: ticket.id, resolution: 'Re-enrolled your authenticator.' } },
      { token: school.tokens.staff },
    );
    const reopened = await api.gql(REOPEN, { ticketId: ticket.id, reason: 'It still loops on my phone.' }, { token: school.tokens.alice });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data!.reopenTicket).toMatchObject({ status: 'OPEN', resolvedAt: null });
    const again = await api.gql(REOPEN, { ticketId: ticket.id, reason: 'again' }, { token: school.tokens.alice });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });

  // The history says what changed, to everyone who reads the ticket; note traces stay staff-only.
  it('names the new assignee, the priorities and the department moved to', async () => {
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Printer quota gone', description: 'My print quota shows zero.' } },
      { token: school.tokens.alice },
    );
    const ticketId: string = reported.data!.reportProblem.ticket.id;
    const asStaff = (query: string, variables: Record<string, unknown>) => api.gql(query, variables, { token: school.tokens.staff });
    await asStaff(ASSIGN, { ticketId, assigneeId: toGlobalId('User', school.users.staff.id) });
    await asStaff(ASSIGN, { ticketId, assigneeId: null });
    await asStaff('mutation($id: ID!) { changeTicketPriority(ticketId: $id, priority: HIGH) { id } }', { id: ticketId });
    await asStaff(REPLY, { input: { ticketId, body: 'Quota table looks corrupt.', internal: true } });
    // Moves between departments are written by merges, in bulk; one such entry stands for them.
    await api.db.prisma.ticketEvent.create({
      data: {
        ticketId: parseGlobalId(ticketId)!.id,
        type: 'DEPARTMENT_CHANGED',
        detail: { fromDepartmentId: school.departments.it.id, toDepartmentId: school.departments.finance.id },
      },
    });

    const changes = [
      { type: 'CREATED', assignee: null, fromPriority: null, toPriority: null, toDepartment: null },
      { type: 'ASSIGNED', assignee: { name: 'Sam Staff' }, fromPriority: null, toPriority: null, toDepartment: null },
      { type: 'STATUS_CHANGED', assignee: null, fromPriority: null, toPriority: null, toDepartment: null },
      { type: 'ASSIGNED', assignee: null, fromPriority: null, toPriority: null, toDepartment: null },
      { type: 'PRIORITY_CHANGED', assignee: null, fromPriority: 'NORMAL', toPriority: 'HIGH', toDepartment: null },
    ];
    const moved = {
      type: 'DEPARTMENT_CHANGED',
      assignee: null,
      fromPriority: null,
      toPriority: null,
      toDepartment: { name: 'Financial Aid' },
    };
    const staffView = await asStaff(HISTORY, { id: ticketId });
    expect(staffView.errors).toBeUndefined();
    expect(staffView.data!.ticket.history).toEqual([
      ...changes,
      { type: 'NOTE_ADDED', assignee: null, fromPriority: null, toPriority: null, toDepartment: null },
      moved,
    ]);
    const studentView = await api.gql(HISTORY, { id: ticketId }, { token: school.tokens.alice });
    expect(studentView.errors).toBeUndefined();
    expect(studentView.data!.ticket.history).toEqual([...changes, moved]);
  });
});
