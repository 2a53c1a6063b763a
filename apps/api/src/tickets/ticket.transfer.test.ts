// Transferring a ticket to another department over HTTP: the category follows the department, the
// receiving team reads the note (the student does not), an assignee from the old department lets
// go, and refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const TRANSFER = /* GraphQL */ `
  mutation Transfer($input: TransferTicketInput!) {
    transferTicket(input: $input) {
      id
      department {
        name
      }
      category {
        name
      }
      assignee {
        name
      }
    }
  }
`;
const VIEW = /* GraphQL */ `
  query View($id: ID!) {
    ticket(id: $id) {
      department {
        name
      }
      messages(first: 10) {
        edges {
          node {
            body
            internal
          }
        }
      }
      history {
        type
        toDepartment {
          name
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('transferring tickets on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const as = (person: keyof School['tokens']) => ({ token: school.tokens[person] });
  const report = async (title: string) => {
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'Please help.' } },
      as('alice'),
    );
    return reported.data!.reportProblem.ticket.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('moves the ticket with its category, tells the receiving team, and unassigns who does not work there', async () => {
    const ticketId = await report('Charged for a laptop I returned');
    await api.gql(ASSIGN, { ticketId, assigneeId: toGlobalId('User', school.users.staff.id) }, as('staff'));
    const moved = await api.gql(
      TRANSFER,
      { input: { ticketId, categoryId: school.categoryIds.fees, note: '  A fee question, not IT. ' } },
      as('staff'),
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.transferTicket).toMatchObject({
      department: { name: 'Financial Aid' },
      category: { name: 'Fee or invoice is wrong' },
      assignee: null,
    });

    const seen = (await api.gql(VIEW, { id: ticketId }, as('otherStaff'))).data!.ticket;
    expect(seen.messages.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { body: 'Transferred from IT to Financial Aid by Sam Staff:\n\nA fee question, not IT.', internal: true },
    ]);
    expect(seen.history).toContainEqual({ type: 'DEPARTMENT_CHANGED', toDepartment: { name: 'Financial Aid' } });
    expect((await api.gql(VIEW, { id: ticketId }, as('alice'))).data!.ticket.messages.edges).toEqual([]);
    // IT staff no longer work it.
    expect(codes(await api.gql(VIEW, { id: ticketId }, as('staff')))).toEqual(['FORBIDDEN']);
  });

  it('refuses a category of the same department, an empty note, and callers who do not work the ticket', async () => {
    const ticketId = await report('VPN down');
    const transfer = (person: keyof School['tokens'], input: Record<string, unknown>) =>
      api.gql(TRANSFER, { input: { ticketId, categoryId: school.categoryIds.fees, note: 'Over to you.', ...input } }, as(person));
    const same = await transfer('staff', { categoryId: school.categoryIds.login });
    expect(codes(same)).toEqual(['BAD_USER_INPUT']);
    expect(same.errors![0]!.extensions!.field).toBe('categoryId');
    expect(codes(await transfer('staff', { note: '   ' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await transfer('staff', { categoryId: ticketId }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await transfer('otherStaff', {}))).toEqual(['FORBIDDEN']);
    expect(codes(await transfer('alice', {}))).toEqual(['FORBIDDEN']);
    expect((await api.gql(VIEW, { id: ticketId }, as('staff'))).data!.ticket.department.name).toBe('IT');
  });
});
