// People import over HTTP: the dry run lists every row's outcome and writes nothing; an import with
// a rejected row writes nothing unless the admin accepts the rest; 50,000 rows import in one request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createDepartment, createSchool, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';

const ROWS = `rows(first: 1000) { line email name role outcome reason changes }`;
const TOTALS = 'totals { rows create update unchanged reject }';
const PREVIEW = `query($csv: String!, $outcome: ImportOutcome) {
  previewPeopleImport(csv: $csv) { applied ${TOTALS} ${ROWS} rejects: rows(outcome: $outcome) { line reason } }
}`;
const IMPORT = `mutation($csv: String!, $acceptRejected: Boolean) {
  importPeople(csv: $csv, acceptRejected: $acceptRejected) { applied ${TOTALS} }
}`;

describe('people import', () => {
  let api: TestApi;
  let school: School;

  const preview = (csv: string, token = school.tokens.admin) => api.gql(PREVIEW, { csv, outcome: 'REJECT' }, { token });
  const counts = async () => ({
    users: await api.db.prisma.user.count(),
    memberships: await api.db.prisma.departmentMembership.count(),
  });

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    await createDepartment(api.db.prisma, 'Library');
  });
  afterAll(() => api?.close());

  /** A spreadsheet's export: BOM, CRLF, quoted fields with commas and quotes, columns in any order. */
  const file = () =>
    '\uFEFFName,Email,Role,Department,Student Number\r\n' +
    [
      '"Nguyen, Linh",linh@school.test,student,,S900001',
      'Tom Teacher,TOM@school.test,staff,"IT; library",',
      'Mona Manager,mona@school.test,manager,Financial Aid,',
      `"Alice ""Al"" Student",${school.users.alice.email},student,,${school.users.alice.studentNumber}`,
      // No student number: the one Bob has stays.
      `Bob Student,${school.users.bob.email},student,,`,
      'No Mail,not-an-email,student,,',
      'Lost Soul,lost@school.test,staff,Astronomy,',
      'Tom Again,tom@school.test,staff,IT,',
      'Boss,boss@school.test,admin,IT,',
      `Copy Cat,copycat@school.test,student,,${school.users.bob.studentNumber}`,
      `Sam Staff,${school.users.staff.email},student,,`,
      `Sam Staff,${school.users.staff.email.toUpperCase()}x,staff,IT,S1`,
    ].join('\r\n') +
    '\r\n';

  it('previews every row without writing: create, update, unchanged and each reason to reject', async () => {
    const before = await counts();
    const response = await preview(file());
    expect(response.errors).toBeUndefined();
    const result = response.data!.previewPeopleImport;
    expect(result.applied).toBe(false);
    expect(result.totals).toEqual({ rows: 12, create: 3, update: 1, unchanged: 1, reject: 7 });
    const byLine = Object.fromEntries(result.rows.map((row: { line: number }) => [row.line, row]));
    expect(byLine[2]).toMatchObject({ email: 'linh@school.test', name: 'Nguyen, Linh', role: 'STUDENT', outcome: 'CREATE' });
    expect(byLine[3]).toMatchObject({ email: 'tom@school.test', role: 'STAFF', outcome: 'CREATE' });
    expect(byLine[4]).toMatchObject({ role: 'MANAGER', outcome: 'CREATE' });
    expect(byLine[5]).toMatchObject({ outcome: 'UPDATE', changes: ['name: Alice Student → Alice "Al" Student'] });
    expect(byLine[6]).toMatchObject({ outcome: 'UNCHANGED', reason: null, changes: [] });
    expect(result.rejects.map((row: { line: number; reason: string }) => [row.line, row.reason])).toEqual([
      [7, '“not-an-email” is not an email address.'],
      [8, 'There is no department “Astronomy” (give its name or slug).'],
      [9, 'The same email as line 3: a person appears once per file.'],
      [10, 'Admins are not imported: invite them from People.'],
      [11, `Student number ${school.users.bob.studentNumber} belongs to another person (${school.users.bob.email}).`],
      [12, 'This person is staff: an import does not turn staff into students.'],
      [13, 'Only students have a student number.'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses to import a file with a rejected row, writing nothing, unless the admin accepts the rest', async () => {
    const before = await counts();
    const refused = await api.gql(IMPORT, { csv: file() }, { token: school.tokens.admin });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'csv', rejected: 7 });
    expect(refused.errors![0]!.message).toMatch(/7 rows are rejected, so nothing was imported/);
    expect(await counts()).toEqual(before);

    const done = await api.gql(IMPORT, { csv: file(), acceptRejected: true }, { token: school.tokens.admin });
    expect(done.errors).toBeUndefined();
    expect(done.data!.importPeople).toEqual({ applied: true, totals: { rows: 12, create: 3, update: 1, unchanged: 1, reject: 7 } });
    expect(await counts()).toEqual({ users: before.users + 3, memberships: before.memberships + 3 });
    const audited = await api.db.prisma.auditEntry.findMany({ where: { action: 'PEOPLE_IMPORTED' } });
    expect(audited.map((entry) => [entry.actorUserId, entry.details])).toEqual([
      [school.users.admin.id, { created: 3, updated: 1, unchanged: 1, rejected: 7 }],
    ]);

    const prisma = api.db.prisma;
    const linh = await prisma.user.findUniqueOrThrow({ where: { email: 'linh@school.test' }, include: { memberships: true } });
    expect(linh).toMatchObject({ name: 'Nguyen, Linh', role: 'STUDENT', studentNumber: 'S900001', passwordHash: null, memberships: [] });
    const tom = await prisma.user.findUniqueOrThrow({
      where: { email: 'tom@school.test' },
      include: { memberships: { include: { department: true }, orderBy: { createdAt: 'asc' } } },
    });
    expect(tom.role).toBe('STAFF');
    expect(tom.passwordHash).toBeNull();
    expect(tom.memberships.map((membership) => [membership.department.name, membership.role])).toEqual([
      ['IT', 'STAFF'],
      ['Library', 'STAFF'],
    ]);
    const manager = await prisma.user.findUniqueOrThrow({ where: { email: 'mona@school.test' }, include: { memberships: true } });
    expect(manager.role).toBe('MANAGER');
    expect(manager.memberships.map((membership) => [membership.departmentId, membership.role])).toEqual([
      [school.departments.finance.id, 'MANAGER'],
    ]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: school.users.alice.id } })).name).toBe('Alice "Al" Student');
    // Without a password, an imported person chooses one through "forgot password".
    const reset = await api.gql('mutation { requestPasswordReset(email: "linh@school.test") }');
    expect(reset.errors).toBeUndefined();
    expect(await prisma.emailMessage.count({ where: { toAddress: 'linh@school.test', kind: 'PASSWORD_RESET' } })).toBe(1);
    // Once they sign in through the identity provider, the provider alone decides: no reset link.
    const mona = await prisma.user.findUniqueOrThrow({ where: { email: 'mona@school.test' } });
    await prisma.externalIdentity.create({ data: { userId: mona.id, issuer: 'https://idp.school.test', subject: 'mona' } });
    await api.gql('mutation { requestPasswordReset(email: "mona@school.test") }');
    expect(await prisma.emailMessage.count({ where: { toAddress: 'mona@school.test' } })).toBe(0);

    // The same file again: what was created or updated is now unchanged.
    const again = await preview(file());
    expect(again.data!.previewPeopleImport.totals).toEqual({ rows: 12, create: 0, update: 0, unchanged: 5, reject: 7 });
  });

  it('promotes to manager and adds departments without removing any; a clean file imports without confirming', async () => {
    const csv = 'email,name,role,department\ntom@school.test,Tom Teacher,manager,Financial Aid\n';
    const planned = await preview(csv);
    expect(planned.data!.previewPeopleImport.rows).toEqual([
      {
        line: 2,
        email: 'tom@school.test',
        name: 'Tom Teacher',
        role: 'MANAGER',
        outcome: 'UPDATE',
        reason: null,
        changes: ['joins Financial Aid as MANAGER', 'role: STAFF → MANAGER'],
      },
    ]);
    const done = await api.gql(IMPORT, { csv }, { token: school.tokens.admin });
    expect(done.errors).toBeUndefined();
    const tom = await api.db.prisma.user.findUniqueOrThrow({ where: { email: 'tom@school.test' }, include: { memberships: true } });
    expect(tom.role).toBe('MANAGER');
    expect(tom.memberships).toHaveLength(3);
  });

  it('answers a file it cannot read, a too large one, and non-admins with clear errors', async () => {
    const bad = async (csv: string) => {
      const response = await preview(csv);
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions).toMatchObject({ field: 'csv' });
      return response.errors![0]!.message;
    };
    expect(await bad('')).toMatch(/empty/);
    expect(await bad('email,name\na@b.test,A\n')).toBe('The header row lacks the column role.');
    expect(await bad('email,name,role,shoe size\n')).toMatch(/Unknown column “shoe size”/);
    expect(await bad('email,name,role\n"a@b.test,A,student\n')).toMatch(/not valid CSV/);
    expect(await bad(`email,name,role\n${'x'.repeat(8 * 1024 * 1024)}\n`)).toMatch(/larger than 8 MB/);
    for (const token of [school.tokens.manager, school.tokens.staff, school.tokens.alice]) {
      expect(codes(await preview('email,name,role\n', token))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(IMPORT, { csv: 'email,name,role\n' }, { token }))).toEqual(['FORBIDDEN']);
    }
    // Nobody but an admin may even send a body that large.
    const big = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${school.tokens.manager}` },
      body: JSON.stringify({ query: PREVIEW, variables: { csv: 'x'.repeat(3 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
  });

  it('imports 50,000 rows in one request, set-based, and a second run finds them unchanged', async () => {
    const lines = ['email,name,role,department,studentNumber'];
    for (let index = 0; index < 50_000; index += 1) {
      lines.push(
        index % 50 === 0
          ? `staff${index}@bulk.test,Staff Member ${index},staff,IT;Library,`
          : `student${index}@bulk.test,"Student, Number ${index}",student,,B${String(index).padStart(6, '0')}`,
      );
    }
    const csv = lines.join('\r\n');
    const before = await counts();
    api.queries.length = 0;
    const done = await api.gql(IMPORT, { csv }, { token: school.tokens.admin });
    expect(done.errors).toBeUndefined();
    expect(done.data!.importPeople.totals).toEqual({ rows: 50_000, create: 50_000, update: 0, unchanged: 0, reject: 0 });
    expect(await counts()).toEqual({ users: before.users + 50_000, memberships: before.memberships + 2 * 1000 });
    // Set-based: a handful of statements, not one per row.
    expect(api.queries.filter((sql) => /INSERT|UPDATE/i.test(sql)).length).toBeLessThanOrEqual(4);
    const again = await preview(csv);
    expect(again.data!.previewPeopleImport.totals).toMatchObject({ unchanged: 50_000 });
  }, 180_000);
});
