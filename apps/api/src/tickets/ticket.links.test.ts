// Related tickets over HTTP: staff link two tickets they may both read, each history says so, a
// reader sees only the linked tickets they may read, and unlinking takes the link away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';

const LINK = /* GraphQL */ `
  mutation Link($a: ID!, $b: ID!) {
    linkTickets(ticketId: $a, relatedTicketId: $b) {
      id
      relatedTickets {
        id
      }
    }
  }
`;
const UNLINK = /* GraphQL */ `
  mutation Unlink($a: ID!, $b: ID!) {
    unlinkTickets(ticketId: $a, relatedTicketId: $b) {
      id
      relatedTickets {
        id
      }
    }
  }
`;
const RELATED = /* GraphQL */ `
  query Related($id: ID!) {
    ticket(id: $id) {
      relatedTickets {
        id
      }
      history {
        type
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('related tickets on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const as = (person: keyof School['tokens']) => ({ token: school.tokens[person] });
  const report = async (person: 'alice' | 'bob', title: string, categoryId = school.categoryIds.login) => {
    const reported = await api.gql(REPORT_PROBLEM, { input: { categoryId, title, description: 'Please help.' } }, as(person));
    return reported.data!.reportProblem.ticket.id as string;
  };
  const related = async (id: string, person: keyof School['tokens']) =>
    ((await api.gql(RELATED, { id }, as(person))).data!.ticket.relatedTickets as Array<{ id: string }>).map((each) => each.id);

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('links two tickets both ways, once, and shows each reader only the tickets they may read', async () => {
    const alices = await report('alice', 'Moodle is slow');
    const bobs = await report('bob', 'Moodle times out');
    const linked = await api.gql(LINK, { a: alices, b: bobs }, as('staff'));
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkTickets.relatedTickets).toEqual([{ id: bobs }]);
    await api.gql(LINK, { a: bobs, b: alices }, as('manager'));
    expect(await related(bobs, 'staff')).toEqual([alices]);
    const history = (await api.gql(RELATED, { id: bobs }, as('staff'))).data!.ticket.history as Array<{ type: string }>;
    expect(history.filter((event) => event.type === 'LINKED')).toHaveLength(1);
    // Alice reads her ticket, not Bob's.
    expect(await related(alices, 'alice')).toEqual([]);

    const unlinked = await api.gql(UNLINK, { a: bobs, b: alices }, as('staff'));
    expect(unlinked.data!.unlinkTickets.relatedTickets).toEqual([]);
    expect(codes(await api.gql(UNLINK, { a: bobs, b: alices }, as('staff')))).toEqual(['NOT_FOUND']);
  });

  it('refuses a ticket and itself, tickets of another department, and students', async () => {
    const first = await report('alice', 'Printer offline');
    const fees = await report('alice', 'Fee twice', school.categoryIds.fees);
    const self = await api.gql(LINK, { a: first, b: first }, as('staff'));
    expect(codes(self)).toEqual(['BAD_USER_INPUT']);
    expect(self.errors![0]!.extensions!.field).toBe('relatedTicketId');
    expect(codes(await api.gql(LINK, { a: first, b: fees }, as('staff')))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(LINK, { a: first, b: fees }, as('alice')))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(LINK, { a: first, b: fees }))).toEqual(['UNAUTHENTICATED']);
    expect(await related(first, 'admin')).toEqual([]);
  });
});
