// Saved views over HTTP: who saves, shares, lists and deletes them, and counts that match the
// tickets query for the same viewer, all answered in one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const SAVE = /* GraphQL */ `
  mutation Save($input: SaveViewInput!) {
    saveView(input: $input) {
      id
      name
      filter
      count
    }
  }
`;
const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!) {
    deleteView(id: $id)
  }
`;
const VIEWS = /* GraphQL */ `
  {
    savedViews {
      id
      name
      count
    }
  }
`;
const TOTAL = /* GraphQL */ `
  query Total($filter: TicketFilter) {
    tickets(first: 1, filter: $filter) {
      totalCount
    }
  }
`;

interface View {
  id: string;
  name: string;
  count: number;
}

describe.each(DATABASE_KINDS)('saved views on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let itId: string;
  let financeId: string;

  const save = (token: string | undefined, input: Record<string, unknown>) => api.gql(SAVE, { input }, token ? { token } : {});
  const views = async (token: string): Promise<View[]> => {
    const response = await api.gql(VIEWS, {}, { token });
    expect(response.errors).toBeUndefined();
    return response.data!.savedViews;
  };
  const total = async (token: string, filter: Record<string, unknown>) =>
    (await api.gql(TOTAL, { filter }, { token })).data!.tickets.totalCount as number;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    itId = toGlobalId('Department', school.departments.it.id);
    financeId = toGlobalId('Department', school.departments.finance.id);
    const report = (token: string, categoryId: string, title: string) =>
      api.gql(REPORT_PROBLEM, { input: { categoryId, title, description: 'Please help.' } }, { token });
    await report(school.tokens.alice, school.categoryIds.login, 'Wi-Fi keeps dropping');
    await report(school.tokens.alice, school.categoryIds.login, 'Cannot sign in');
    await report(school.tokens.bob, school.categoryIds.login, 'Wi-Fi slow in the library');
    await report(school.tokens.alice, school.categoryIds.fees, 'Wi-Fi fee charged twice');
  });
  afterAll(() => api?.close());

  it('saves a personal view whose count is what the tickets query finds for the viewer', async () => {
    const filter = { search: 'wi-fi', status: ['NEW', 'OPEN'] };
    const saved = await save(school.tokens.staff, { name: '  Urgent Wi-Fi ', filter });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveView).toMatchObject({ name: 'Urgent Wi-Fi', count: 2 });
    expect(JSON.parse(saved.data!.saveView.filter)).toEqual(filter);
    expect(await total(school.tokens.staff, filter)).toBe(2);
    expect(await views(school.tokens.staff)).toEqual([{ id: saved.data!.saveView.id, name: 'Urgent Wi-Fi', count: 2 }]);
  });

  it('never counts tickets the viewer cannot see: other departments’ staff count their own only', async () => {
    // The same filter, naming IT, counts nothing for finance staff: they cannot list IT tickets.
    const itWifi = await save(school.tokens.otherStaff, { name: 'IT Wi-Fi', filter: { search: 'wi-fi', departmentId: itId } });
    expect(itWifi.data!.saveView.count).toBe(0);
    const everything = await save(school.tokens.otherStaff, { name: 'Everything', filter: {} });
    expect(everything.data!.saveView.count).toBe(1);
    expect((await views(school.tokens.otherStaff)).map((view) => [view.name, view.count])).toEqual([
      ['Everything', 1],
      ['IT Wi-Fi', 0],
    ]);
    expect((await views(school.tokens.staff)).map((view) => view.name)).toEqual(['Urgent Wi-Fi']);
  });

  it('shares a view with a department for its managers and admins only', async () => {
    const shared = await save(school.tokens.manager, { name: 'Unassigned', filter: { unassigned: true }, departmentId: itId });
    expect(shared.errors).toBeUndefined();
    expect(shared.data!.saveView.count).toBe(3);
    const staffViews = await views(school.tokens.staff);
    expect(staffViews.map((view) => [view.name, view.count])).toEqual([
      ['Unassigned', 3],
      ['Urgent Wi-Fi', 2],
    ]);
    expect((await views(school.tokens.otherStaff)).map((view) => view.name)).not.toContain('Unassigned');

    expect(codes(await save(school.tokens.staff, { name: 'Mine', filter: {}, departmentId: itId }))).toEqual(['FORBIDDEN']);
    expect(codes(await save(school.tokens.manager, { name: 'Theirs', filter: {}, departmentId: financeId }))).toEqual(['FORBIDDEN']);
    const byAdmin = await save(school.tokens.admin, { name: 'Fees', filter: {}, departmentId: financeId });
    expect(byAdmin.errors).toBeUndefined();
    expect((await views(school.tokens.otherStaff)).map((view) => view.name)).toContain('Fees');
  });

  it('is for staff: students and anonymous callers neither save nor list views', async () => {
    expect(codes(await save(school.tokens.alice, { name: 'My tickets', filter: {} }))).toEqual(['FORBIDDEN']);
    expect(codes(await save(undefined, { name: 'Anything', filter: {} }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(VIEWS, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(VIEWS, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a filter the tickets query would refuse, and a name out of bounds', async () => {
    const badDepartment = await save(school.tokens.staff, { name: 'Broken', filter: { departmentId: 'nope' } });
    expect(codes(badDepartment)).toEqual(['BAD_USER_INPUT']);
    expect(badDepartment.errors![0]!.extensions!.field).toBe('filter.departmentId');
    expect(codes(await save(school.tokens.staff, { name: 'Wrong kind', filter: { assigneeId: itId } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await save(school.tokens.staff, { name: 'Long', filter: { search: 'x'.repeat(201) } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await save(school.tokens.staff, { name: '   ', filter: {} }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await save(school.tokens.staff, { name: 'x'.repeat(81), filter: {} }))).toEqual(['BAD_USER_INPUT']);
  });

  it('counts every view of the sidebar in one statement', async () => {
    const statementsForViews = async () => {
      api.queries.length = 0;
      await views(school.tokens.admin);
      return api.queries.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql)).length;
    };
    await save(school.tokens.admin, { name: 'Admin 1', filter: { status: ['OPEN'] } });
    const forOne = await statementsForViews();
    for (let index = 2; index <= 10; index++) await save(school.tokens.admin, { name: `Admin ${index}`, filter: { priority: ['HIGH'] } });
    expect(await statementsForViews()).toBe(forOne);
  });

  it('stops counting at upTo, so a huge view costs no more than that, and refuses an upTo below 1', async () => {
    const saved = await save(school.tokens.admin, { name: 'Every Wi-Fi report', filter: { search: 'wi fi' } });
    const id = saved.data!.saveView.id;
    const counted = async (upTo: number | null) =>
      api.gql('query($upTo: Int) { savedViews { id count(upTo: $upTo) } }', { upTo }, { token: school.tokens.admin });
    const countOf = async (upTo: number | null) =>
      (await counted(upTo)).data!.savedViews.find((view: { id: string }) => view.id === id).count as number;
    const exact = await countOf(null);
    expect(exact).toBe(await total(school.tokens.admin, { search: 'wi fi' }));
    expect(exact).toBeGreaterThan(1);
    expect(await countOf(1)).toBe(1);
    expect(await countOf(exact + 5)).toBe(exact);
    expect(codes(await counted(0))).toEqual(['BAD_USER_INPUT']);
  });

  it('deletes a personal view for its owner, a shared one for its department’s managers', async () => {
    const [shared, own] = await views(school.tokens.staff);
    expect(codes(await api.gql(DELETE, { id: own!.id }, { token: school.tokens.otherStaff }))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(DELETE, { id: own!.id }, { token: school.tokens.manager }))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(DELETE, { id: own!.id }, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(DELETE, { id: own!.id }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(DELETE, { id: shared!.id }, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);

    expect((await api.gql(DELETE, { id: own!.id }, { token: school.tokens.staff })).data!.deleteView).toBe(own!.id);
    expect((await api.gql(DELETE, { id: shared!.id }, { token: school.tokens.manager })).data!.deleteView).toBe(shared!.id);
    expect(await views(school.tokens.staff)).toEqual([]);
  });
});
