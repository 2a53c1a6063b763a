// Memberships over HTTP: a person in several departments works each one's queue, manages only the
// departments they manage there, and an admin's setMembership/removeMembership changes what they
// may do at their next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createCategory, createDepartment, createSchool, createUser, type School, signIn } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';

const TICKETS = '{ tickets(first: 50) { edges { node { title department { name } } } } }';
const SET = `mutation($userId: ID!, $departmentId: ID!, $role: DepartmentRole!) {
  setMembership(userId: $userId, departmentId: $departmentId, role: $role) { role department { name } memberships { role department { name } } }
}`;
const REMOVE = `mutation($userId: ID!, $departmentId: ID!) {
  removeMembership(userId: $userId, departmentId: $departmentId) { role memberships { role department { name } } }
}`;
const CREATE_CANNED = `mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { title } }`;
const STAFF_MEMBERS = 'query($departmentId: ID) { staffMembers(departmentId: $departmentId) { name } }';
const ME = '{ me { role department { name } memberships { role department { name } } } }';

describe('department memberships', () => {
  let api: TestApi;
  let school: School;
  let library: { id: string };
  let libraryId: string;
  let itId: string;
  /** Staff of IT, manager of the Library. */
  let both: { id: string; email: string };
  let bothToken: string;

  const titles = async (token: string) => {
    const response = await api.gql(TICKETS, {}, { token });
    expect(response.errors).toBeUndefined();
    return (response.data!.tickets.edges as Array<{ node: { title: string } }>).map((edge) => edge.node.title).sort();
  };
  const cannedFor = (departmentId: string, token: string, title = `Note ${Math.random()}`) =>
    api.gql(CREATE_CANNED, { input: { title, body: 'We are on it.', departmentId } }, { token });

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    const prisma = api.db.prisma;
    library = await createDepartment(prisma, 'Library');
    const books = await createCategory(prisma, library.id, 'Books');
    itId = toGlobalId('Department', school.departments.it.id);
    libraryId = toGlobalId('Department', library.id);
    const user = await createUser(prisma, 'MANAGER', { departmentId: school.departments.it.id, name: 'Bo Both' });
    // IT first (primary, as STAFF), then the Library as its manager.
    await prisma.departmentMembership.update({
      where: { userId_departmentId: { userId: user.id, departmentId: school.departments.it.id } },
      data: { role: 'STAFF' },
    });
    await prisma.departmentMembership.create({
      data: { userId: user.id, departmentId: library.id, role: 'MANAGER', createdAt: new Date(Date.now() + 1000) },
    });
    both = user;
    bothToken = await signIn(api, user.email);
    const booksId = toGlobalId('Category', books.id);
    for (const [categoryId, title] of [
      [school.categoryIds.login, 'IT ticket'],
      [booksId, 'Library ticket'],
      [school.categoryIds.fees, 'Finance ticket'],
    ] as const) {
      const response = await api.gql(
        REPORT_PROBLEM,
        { input: { categoryId, title, description: 'Help.' } },
        { token: school.tokens.alice },
      );
      expect(response.errors).toBeUndefined();
    }
  });
  afterAll(() => api?.close());

  it('staff of IT and the Library see both queues and no other; staff of one see one; admins see all', async () => {
    expect(await titles(bothToken)).toEqual(['IT ticket', 'Library ticket']);
    expect(await titles(school.tokens.staff)).toEqual(['IT ticket']);
    expect(await titles(school.tokens.otherStaff)).toEqual(['Finance ticket']);
    expect(await titles(school.tokens.admin)).toEqual(['Finance ticket', 'IT ticket', 'Library ticket']);
    const me = await api.gql(ME, {}, { token: bothToken });
    expect(me.data!.me).toEqual({
      role: 'MANAGER',
      department: { name: 'IT' },
      memberships: [
        { role: 'STAFF', department: { name: 'IT' } },
        { role: 'MANAGER', department: { name: 'Library' } },
      ],
    });
    const staffOfLibrary = await api.gql(STAFF_MEMBERS, { departmentId: libraryId }, { token: bothToken });
    expect(staffOfLibrary.data!.staffMembers).toEqual([{ name: 'Bo Both' }]);
  });

  it('a manager of the Library and staff of IT manages only the Library; a manager of IT manages IT; staff manage nothing', async () => {
    expect((await cannedFor(libraryId, bothToken)).errors).toBeUndefined();
    expect(codes(await cannedFor(itId, bothToken))).toEqual(['FORBIDDEN']);
    expect((await cannedFor(itId, school.tokens.manager)).errors).toBeUndefined();
    expect(codes(await cannedFor(libraryId, school.tokens.manager))).toEqual(['FORBIDDEN']);
    expect(codes(await cannedFor(itId, school.tokens.staff))).toEqual(['FORBIDDEN']);
    expect((await cannedFor(libraryId, school.tokens.admin)).errors).toBeUndefined();
  });

  it('setMembership and removeMembership change what the person may do at their next request; the role follows', async () => {
    const userId = toGlobalId('User', school.users.staff.id);
    const financeId = toGlobalId('Department', school.departments.finance.id);
    const added = await api.gql(SET, { userId, departmentId: financeId, role: 'MANAGER' }, { token: school.tokens.admin });
    expect(added.errors).toBeUndefined();
    expect(added.data!.setMembership).toEqual({
      role: 'MANAGER',
      department: { name: 'IT' },
      memberships: [
        { role: 'STAFF', department: { name: 'IT' } },
        { role: 'MANAGER', department: { name: 'Financial Aid' } },
      ],
    });
    expect(await titles(school.tokens.staff)).toEqual(['Finance ticket', 'IT ticket']);
    expect((await cannedFor(financeId, school.tokens.staff)).errors).toBeUndefined();

    const demoted = await api.gql(SET, { userId, departmentId: financeId, role: 'STAFF' }, { token: school.tokens.admin });
    expect(demoted.data!.setMembership.role).toBe('STAFF');
    expect(codes(await cannedFor(financeId, school.tokens.staff))).toEqual(['FORBIDDEN']);

    const removed = await api.gql(REMOVE, { userId, departmentId: itId }, { token: school.tokens.admin });
    expect(removed.data!.removeMembership).toEqual({
      role: 'STAFF',
      memberships: [{ role: 'STAFF', department: { name: 'Financial Aid' } }],
    });
    expect(await titles(school.tokens.staff)).toEqual(['Finance ticket']);
    const me = await api.gql(ME, {}, { token: school.tokens.staff });
    expect(me.data!.me.department).toEqual({ name: 'Financial Aid' });
    // Each change is in the audit log, written with it.
    const audited = await api.db.prisma.auditEntry.findMany({ where: { subjectId: school.users.staff.id }, orderBy: { at: 'asc' } });
    expect(audited.map((entry) => [entry.action, entry.actorUserId, entry.details])).toEqual([
      ['MEMBERSHIP_SET', school.users.admin.id, { departmentId: school.departments.finance.id, role: 'MANAGER', userRole: 'MANAGER' }],
      ['MEMBERSHIP_SET', school.users.admin.id, { departmentId: school.departments.finance.id, role: 'STAFF', userRole: 'STAFF' }],
      ['MEMBERSHIP_REMOVED', school.users.admin.id, { departmentId: school.departments.it.id, userRole: 'STAFF' }],
    ]);
  });

  it('only admins set memberships; students cannot be members; unknown departments are bad input and change nothing', async () => {
    const userId = toGlobalId('User', both.id);
    for (const token of [school.tokens.manager, bothToken, school.tokens.staff, school.tokens.alice]) {
      expect(codes(await api.gql(SET, { userId, departmentId: itId, role: 'MANAGER' }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(REMOVE, { userId, departmentId: libraryId }, { token }))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await api.gql(SET, { userId, departmentId: itId, role: 'MANAGER' }))).toEqual(['UNAUTHENTICATED']);
    const student = toGlobalId('User', school.users.alice.id);
    expect(codes(await api.gql(SET, { userId: student, departmentId: itId, role: 'STAFF' }, { token: school.tokens.admin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const nowhere = toGlobalId('Department', '0190a000-0000-7000-8000-000000000000');
    expect(codes(await api.gql(SET, { userId, departmentId: nowhere, role: 'STAFF' }, { token: school.tokens.admin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const rows = await api.db.prisma.departmentMembership.findMany({ where: { userId: both.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((row) => row.role)).toEqual(['STAFF', 'MANAGER']);
    expect(await api.db.prisma.departmentMembership.count({ where: { userId: school.users.alice.id } })).toBe(0);
  });
});
