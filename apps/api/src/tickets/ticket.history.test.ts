// The history says what changed, not only that something did: the new assignee, the priorities
// and the department a ticket moved to, for everyone who reads the ticket; note traces stay staff-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, REPLY, REPORT_PROBLEM } from '../test/operations.js';
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

describe.each(DATABASE_KINDS)('ticket history on %s', (kind) => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

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
