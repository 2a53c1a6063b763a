// Tags over HTTP: staff working a ticket tag it by name (new names make the tag, known ones are
// reused whatever their case), the history says what changed, the queue and saved views filter by
// tag, tags load for a whole page at once, and everyone else is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const TAG = /* GraphQL */ `
  mutation Tag($input: TagTicketInput!) {
    tagTicket(input: $input) {
      id
      tags {
        id
        name
      }
      history {
        type
      }
    }
  }
`;
const TAGS = /* GraphQL */ `
  query Tags($search: String) {
    tags(search: $search) {
      id
      name
      color
    }
  }
`;
const LIST = /* GraphQL */ `
  query List($filter: TicketFilter) {
    tickets(first: 50, filter: $filter) {
      totalCount
      edges {
        node {
          id
          tags {
            name
          }
        }
      }
    }
  }
`;
const TICKET_TAGS = /* GraphQL */ `
  query TicketTags($id: ID!) {
    ticket(id: $id) {
      tags {
        name
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('tags on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let wifi: string;
  let exam: string;
  let fees: string;
  const as = (person: keyof School['tokens']) => ({ token: school.tokens[person] });
  const tag = (person: keyof School['tokens'], input: Record<string, unknown>) => api.gql(TAG, { input }, as(person));

  const report = async (person: 'alice' | 'bob', title: string, categoryId = school.categoryIds.login) => {
    const reported = await api.gql(REPORT_PROBLEM, { input: { categoryId, title, description: 'Please help.' } }, as(person));
    expect(reported.errors).toBeUndefined();
    return reported.data!.reportProblem.ticket.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    wifi = await report('alice', 'Wi-Fi drops in the library');
    exam = await report('bob', 'Exam portal will not load');
    fees = await report('alice', 'Charged twice', school.categoryIds.fees);
  });
  afterAll(() => api?.close());

  it('adds tags by name, creating new ones and reusing known ones whatever their case, with one history entry', async () => {
    const first = await tag('staff', { ticketId: wifi, add: ['  Wi-Fi ', 'library'] });
    expect(first.errors).toBeUndefined();
    expect(first.data!.tagTicket.tags.map((each: { name: string }) => each.name)).toEqual(['library', 'Wi-Fi']);
    expect(first.data!.tagTicket.history.filter((event: { type: string }) => event.type === 'TAGS_CHANGED')).toHaveLength(1);

    const second = await tag('manager', { ticketId: exam, add: ['wi-fi', 'exam   week'] });
    expect(second.data!.tagTicket.tags.map((each: { name: string }) => each.name)).toEqual(['exam week', 'Wi-Fi']);
    const all = (await api.gql(TAGS, {}, as('otherStaff'))).data!.tags as Array<{ name: string }>;
    expect(all.map((each) => each.name)).toEqual(['exam week', 'library', 'Wi-Fi']);
    expect((await api.gql(TAGS, { search: 'WI' }, as('staff'))).data!.tags.map((each: { name: string }) => each.name)).toEqual(['Wi-Fi']);

    // Adding what is there already changes nothing and writes no history.
    const again = await tag('staff', { ticketId: wifi, add: ['library'] });
    expect(again.data!.tagTicket.history.filter((event: { type: string }) => event.type === 'TAGS_CHANGED')).toHaveLength(1);
  });

  it('filters the tickets list and saved views by tag, loading a page’s tags in one statement', async () => {
    const tags = (await api.gql(TAGS, {}, as('staff'))).data!.tags as Array<{ id: string; name: string }>;
    const wifiTag = tags.find((each) => each.name === 'Wi-Fi')!.id;
    const listed = await api.gql(LIST, { filter: { tagIds: [wifiTag] } }, as('staff'));
    expect(listed.data!.tickets.totalCount).toBe(2);
    expect(listed.data!.tickets.edges.map((edge: { node: { id: string } }) => edge.node.id).sort()).toEqual([wifi, exam].sort());

    const saved = await api.gql(
      'mutation($input: SaveViewInput!) { saveView(input: $input) { count filter } }',
      { input: { name: 'Wi-Fi', filter: { tagIds: [wifiTag] } } },
      as('staff'),
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveView.count).toBe(2);
    const wrongKind = await api.gql(
      'mutation($input: SaveViewInput!) { saveView(input: $input) { id } }',
      { input: { name: 'Broken', filter: { tagIds: [wifi] } } },
      as('staff'),
    );
    expect(codes(wrongKind)).toEqual(['BAD_USER_INPUT']);
    expect(wrongKind.errors![0]!.extensions!.field).toBe('filter.tagIds');

    const statements = async () => {
      api.queries.length = 0;
      await api.gql(LIST, {}, as('admin'));
      return api.queries.filter((sql) => /"TicketTag"/.test(sql)).length;
    };
    const before = await statements();
    await tag('admin', { ticketId: fees, add: ['refund'] });
    await report('bob', 'Another one');
    expect(await statements()).toBe(before);
  });

  it('takes tags off, and keeps them from students, integrations and other departments', async () => {
    const { tags } = (await api.gql(TICKET_TAGS, { id: wifi }, as('staff'))).data!.ticket as { tags: Array<{ name: string }> };
    expect(tags.map((each) => each.name)).toEqual(['library', 'Wi-Fi']);
    expect((await api.gql(TICKET_TAGS, { id: wifi }, as('alice'))).data!.ticket.tags).toEqual([]);

    const library = ((await api.gql(TAGS, { search: 'library' }, as('staff'))).data!.tags as Array<{ id: string }>)[0]!.id;
    const removed = await tag('staff', { ticketId: wifi, remove: [library] });
    expect(removed.data!.tagTicket.tags.map((each: { name: string }) => each.name)).toEqual(['Wi-Fi']);

    expect(codes(await tag('otherStaff', { ticketId: wifi, add: ['x'] }))).toEqual(['FORBIDDEN']);
    expect(codes(await tag('alice', { ticketId: wifi, add: ['x'] }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(TAG, { input: { ticketId: wifi, add: ['x'] } }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(TAGS, {}, as('alice')))).toEqual(['FORBIDDEN']);
    const missing = toGlobalId('Ticket', '00000000-0000-7000-8000-000000000000');
    expect(codes(await tag('staff', { ticketId: missing, add: ['x'] }))).toEqual(['NOT_FOUND']);
  });

  it('refuses empty and overlong names, a change with nothing in it, and IDs of another kind', async () => {
    expect(codes(await tag('staff', { ticketId: wifi, add: ['   '] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await tag('staff', { ticketId: wifi, add: ['x'.repeat(41)] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await tag('staff', { ticketId: wifi }))).toEqual(['BAD_USER_INPUT']);
    const wrong = await tag('staff', { ticketId: wifi, remove: [wifi] });
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0]!.extensions!.field).toBe('remove');
  });

  it('lets admins rename, recolour and delete a tag, and nobody else', async () => {
    const [examWeek] = (await api.gql(TAGS, { search: 'exam' }, as('staff'))).data!.tags as Array<{ id: string }>;
    const UPDATE = 'mutation($input: UpdateTagInput!) { updateTag(input: $input) { name color } }';
    expect(codes(await api.gql(UPDATE, { input: { id: examWeek!.id, color: '#aa0000' } }, as('manager')))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(UPDATE, { input: { id: examWeek!.id, name: 'WI-FI' } }, as('admin')))).toEqual(['BAD_USER_INPUT']);
    const renamed = await api.gql(UPDATE, { input: { id: examWeek!.id, name: 'Exams', color: '#aa0000' } }, as('admin'));
    expect(renamed.data!.updateTag).toEqual({ name: 'Exams', color: '#aa0000' });

    const DELETE = 'mutation($id: ID!) { deleteTag(id: $id) }';
    expect(codes(await api.gql(DELETE, { id: examWeek!.id }, as('staff')))).toEqual(['FORBIDDEN']);
    expect((await api.gql(DELETE, { id: examWeek!.id }, as('admin'))).data!.deleteTag).toBe(examWeek!.id);
    expect((await api.gql(TICKET_TAGS, { id: exam }, as('staff'))).data!.ticket.tags.map((each: { name: string }) => each.name)).toEqual([
      'Wi-Fi',
    ]);
  });
});
