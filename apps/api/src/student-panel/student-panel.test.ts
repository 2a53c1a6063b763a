// The student panel and the staff directory over HTTP: staff know who they are helping, within
// the tickets they may see anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, createUser, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { RATE, REPORT_PROBLEM, RESOLVE } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const PANEL = /* GraphQL */ `
  query Panel($ticketId: ID!) {
    studentPanel(ticketId: $ticketId) {
      name
      firstName
      email
      studentNumber
      account {
        name
      }
      ticketCount
      openTicketCount
      ratingCount
      averageScore
      tickets {
        number
        status
        department {
          name
        }
        rating {
          score
          comment
        }
      }
    }
  }
`;
const STAFF_MEMBERS = `query Staff($departmentId: ID) { staffMembers(departmentId: $departmentId) { name role } }`;

describe.each(DATABASE_KINDS)('the student panel on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const report = async (name: string, categoryId: string, token?: string, guest?: { contactName: string; contactEmail: string }) => {
      const response = await api.gql(REPORT_PROBLEM, { input: { categoryId, title: name, description: 'Details.', ...guest } }, { token });
      expect(response.errors).toBeUndefined();
      ids[name] = response.data!.reportProblem.ticket.id;
    };
    await report('first', school.categoryIds.login, school.tokens.alice);
    await report('second', school.categoryIds.login, school.tokens.alice);
    await report('fees', school.categoryIds.fees, school.tokens.alice);
    // Before she had an account she wrote in as a guest, with the same email.
    await report('as guest', school.categoryIds.login, undefined, {
      contactName: 'Alice Student',
      contactEmail: school.users.alice.email.toUpperCase(),
    });
    await report('bob', school.categoryIds.login, school.tokens.bob);
    await api.gql(RESOLVE, { input: { ticketId: ids.first, resolution: 'Reset.', predictedScore: 5 } }, { token: school.tokens.staff });
    const rated = await api.gql(
      RATE,
      { input: { ticketId: ids.first, score: 4, comment: 'Quick, thanks', expectation: 'MET' } },
      { token: school.tokens.alice },
    );
    expect(rated.errors).toBeUndefined();
  });
  afterAll(() => api?.close());

  it('shows staff the student’s name, number, email and every ticket of theirs the staff member may see, with ratings', async () => {
    const response = await api.gql(PANEL, { ticketId: ids.second }, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
    const panel = response.data!.studentPanel;
    expect(panel).toMatchObject({
      name: 'Alice Student',
      firstName: 'Alice',
      email: school.users.alice.email,
      studentNumber: school.users.alice.studentNumber,
      account: { name: 'Alice Student' },
      // Her IT tickets, the guest one included; the Financial Aid one is not IT's to see.
      ticketCount: 3,
      openTicketCount: 2,
      ratingCount: 1,
      averageScore: 4,
    });
    expect(panel.tickets.map((ticket: any) => ticket.department.name)).toEqual(['IT', 'IT', 'IT']);
    expect(panel.tickets.find((ticket: any) => ticket.rating)?.rating).toEqual({ score: 4, comment: 'Quick, thanks' });
  });

  it('shows an admin every department’s tickets of the student', async () => {
    const response = await api.gql(PANEL, { ticketId: ids.second }, { token: school.tokens.admin });
    expect(response.data!.studentPanel.ticketCount).toBe(4);
  });

  it('recognises a guest reporter by email', async () => {
    const response = await api.gql(PANEL, { ticketId: ids['as guest'] }, { token: school.tokens.staff });
    expect(response.data!.studentPanel).toMatchObject({ account: null, ticketCount: 3 });
  });

  it('is for staff working the ticket only', async () => {
    expect(codes(await api.gql(PANEL, { ticketId: ids.second }, { token: school.tokens.otherStaff }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(PANEL, { ticketId: ids.second }, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(PANEL, { ticketId: ids.second }))).toEqual(['UNAUTHENTICATED']);
  });

  it('lists a department’s active staff to assign tickets to', async () => {
    const gone = await createUser(api.db.prisma, 'STAFF', { departmentId: school.departments.it.id, name: 'Zed Left' });
    await api.db.prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const own = await api.gql(STAFF_MEMBERS, {}, { token: school.tokens.staff });
    expect(own.data!.staffMembers).toEqual([
      { name: 'Maya Manager', role: 'MANAGER' },
      { name: 'Sam Staff', role: 'STAFF' },
    ]);
    const finance = await api.gql(
      STAFF_MEMBERS,
      { departmentId: toGlobalId('Department', school.departments.finance.id) },
      { token: school.tokens.staff },
    );
    expect(finance.data!.staffMembers).toEqual([{ name: 'Fiona Finance', role: 'STAFF' }]);
    expect(codes(await api.gql(STAFF_MEMBERS, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
  });
});
