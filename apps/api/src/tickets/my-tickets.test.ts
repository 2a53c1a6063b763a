// "My tickets" over HTTP, as the portal asks for it: a student's own tickets only, narrowed by
// status (waiting on me) and words of a title, in the order asked, each with its latest message
// to say who acted last — never an internal note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';

const MY_TICKETS = /* GraphQL */ `
  query ($status: [TicketStatus!], $search: String, $orderBy: TicketOrder) {
    tickets(first: 20, filter: { merged: false, status: $status, search: $search }, orderBy: $orderBy) {
      edges {
        node {
          title
          status
          messages(last: 1) {
            edges {
              node {
                body
                automated
                author {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`;
const WAIT_ON_STUDENT = 'mutation($id: ID!) { updateTicketStatus(ticketId: $id, status: WAITING_ON_STUDENT) { id } }';

describe('a student’s “My tickets”', () => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    const report = async (token: string, title: string) => {
      const res = await api.gql(
        REPORT_PROBLEM,
        { input: { categoryId: school.categoryIds.login, title, description: 'As I saw it.' } },
        { token },
      );
      return res.data!.reportProblem.ticket.id as string;
    };
    const staff = (query: string, variables: Record<string, unknown>) => api.gql(query, variables, { token: school.tokens.staff });
    const locked = await report(school.tokens.alice, 'Library account locked');
    await report(school.tokens.alice, 'Printer jams on floor 2');
    await report(school.tokens.bob, 'Printer out of toner');
    await staff(REPLY, { input: { ticketId: locked, body: 'Could you send your student number?' } });
    await staff(REPLY, { input: { ticketId: locked, body: 'Internal: the IdP shows a lockout.', internal: true } });
    await staff(WAIT_ON_STUDENT, { id: locked });
  });
  afterAll(() => api?.close());

  const myTickets = async (variables: Record<string, unknown>) => {
    const res = await api.gql(MY_TICKETS, variables, { token: school.tokens.alice });
    expect(res.errors).toBeUndefined();
    return res.data!.tickets.edges.map((edge: any) => edge.node);
  };

  it('shows the ticket waiting on the student with the staff question as its latest message, not the note after it', async () => {
    expect(await myTickets({ status: ['WAITING_ON_STUDENT'] })).toEqual([
      {
        title: 'Library account locked',
        status: 'WAITING_ON_STUDENT',
        messages: { edges: [{ node: { body: 'Could you send your student number?', automated: false, author: { name: 'Sam Staff' } } }] },
      },
    ]);
  });

  it('finds the student’s own tickets by a word of the title, never another student’s', async () => {
    expect((await myTickets({ search: 'printer' })).map((ticket: any) => ticket.title)).toEqual(['Printer jams on floor 2']);
  });

  it('orders oldest or newest first, and by the latest change', async () => {
    const titles = async (orderBy: string) => (await myTickets({ orderBy })).map((ticket: any) => ticket.title);
    expect(await titles('CREATED_AT_ASC')).toEqual(['Library account locked', 'Printer jams on floor 2']);
    expect(await titles('CREATED_AT_DESC')).toEqual(['Printer jams on floor 2', 'Library account locked']);
    expect(await titles('UPDATED_AT_DESC')).toEqual(['Library account locked', 'Printer jams on floor 2']);
  });
});
