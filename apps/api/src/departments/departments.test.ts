// Departments and categories administered over HTTP: admins create, rename, archive and merge
// departments; admins and a department's managers keep its categories. Bad input names its field
// and writes nothing; an archived department is not offered to students; a merge moves everything
// in one transaction (a failure at its last step leaves every row where it was).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createCategory, createDepartment, createSchool, type School } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';

const DEPARTMENT_FIELDS = 'id name slug timeZone archived archivedAt businessHours { days opensAt closesAt } mergedInto { name }';
const CREATE = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { ${DEPARTMENT_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { ${DEPARTMENT_FIELDS} } }`;
const ARCHIVE = 'mutation($id: ID!) { archiveDepartment(id: $id) { name archived archivedAt } }';
const UNARCHIVE = 'mutation($id: ID!) { unarchiveDepartment(id: $id) { name archived } }';
const MERGE = `mutation($from: ID!, $into: ID!) {
  mergeDepartments(fromId: $from, intoId: $into) { from { name archived mergedInto { name } } into { name } movedTickets renamedCategories { name } }
}`;
const CREATE_CATEGORY = `mutation($input: CreateCategoryInput!) {
  createCategory(input: $input) { id name description defaultPriority archived department { name } }
}`;
const UPDATE_CATEGORY = 'mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { name description defaultPriority } }';
const ARCHIVE_CATEGORY = 'mutation($id: ID!) { archiveCategory(id: $id) { name archived } }';
const MERGE_CATEGORIES = `mutation($from: ID!, $into: ID!) {
  mergeCategories(fromId: $from, intoId: $into) { from { name archived mergedInto { name } } into { name } movedTickets }
}`;
const PUBLIC_LISTS = '{ departments { name categories { name } } categories { id name } }';
const STAFF_LIST = `{ departments(includeArchived: true) {
  name archived openTicketCount ticketCount memberCount categories(includeArchived: true) { name archived }
} }`;

const hours = { days: [1, 2, 3, 4, 5, 6], opensAt: '08:30', closesAt: '20:00' };

describe('departments and categories', () => {
  let api: TestApi;
  let school: School;
  const gid = (id: string) => toGlobalId('Department', id);
  const asAdmin = (query: string, variables: Record<string, unknown> = {}) => api.gql(query, variables, { token: school.tokens.admin });
  const report = (categoryId: string, title = 'Printer jammed') =>
    api.gql(REPORT_PROBLEM, { input: { categoryId, title, description: 'It broke.' } }, { token: school.tokens.alice });

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    await api.db.prisma.school.create({
      data: { name: 'Northfield College', timeZone: 'Europe/Amsterdam', primaryColor: '#1d4ed8', accentColor: '#0f766e' },
    });
  });
  afterAll(() => api?.close());

  it('creates a department with business hours, the school’s time zone and a slug from its name; renames keep the slug', async () => {
    const created = await asAdmin(CREATE, { input: { name: '  Library & Archives ', businessHours: hours } });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createDepartment).toMatchObject({
      name: 'Library & Archives',
      slug: 'library-archives',
      timeZone: 'Europe/Amsterdam',
      archived: false,
      archivedAt: null,
      businessHours: { days: [1, 2, 3, 4, 5, 6], opensAt: '08:30', closesAt: '20:00' },
    });
    const row = await api.db.prisma.department.findUniqueOrThrow({ where: { slug: 'library-archives' } });
    expect(row).toMatchObject({ businessDays: [1, 2, 3, 4, 5, 6], businessDayStart: 510, businessDayEnd: 1200 });
    expect(await api.db.prisma.auditEntry.findFirstOrThrow({ where: { subjectId: row.id } })).toMatchObject({
      action: 'DEPARTMENT_CREATED',
      actorUserId: school.users.admin.id,
      subjectType: 'Department',
      details: { name: 'Library & Archives', timeZone: 'Europe/Amsterdam', businessDays: [1, 2, 3, 4, 5, 6] },
    });

    const defaults = await asAdmin(CREATE, { input: { name: 'Careers', slug: 'careers-office', timeZone: 'America/New_York' } });
    expect(defaults.data!.createDepartment).toMatchObject({
      slug: 'careers-office',
      timeZone: 'America/New_York',
      businessHours: { days: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00' },
    });
    // A second department whose name gives the same slug is numbered.
    const twin = await asAdmin(CREATE, { input: { name: 'Library: Archives' } });
    expect(twin.data!.createDepartment.slug).toBe('library-archives-2');

    const renamed = await asAdmin(UPDATE, {
      input: {
        id: created.data!.createDepartment.id,
        name: 'Library',
        businessHours: { days: [7, 1], opensAt: '00:00', closesAt: '24:00' },
      },
    });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateDepartment).toMatchObject({
      name: 'Library',
      slug: 'library-archives',
      timeZone: 'Europe/Amsterdam',
      businessHours: { days: [1, 7], opensAt: '00:00', closesAt: '24:00' },
    });
  });

  it('refuses bad input by field and writes nothing', async () => {
    const before = await api.db.prisma.department.findMany({ orderBy: { id: 'asc' } });
    const auditBefore = await api.db.prisma.auditEntry.count();
    const bad = async (input: Record<string, unknown>, field: string, query = CREATE) => {
      const response = await asAdmin(query, { input });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe(field);
      return response.errors![0]!.message;
    };
    expect(await bad({ name: '' }, 'name')).toMatch(/1 to 80 characters/);
    await bad({ name: 'x'.repeat(81) }, 'name');
    expect(await bad({ name: 'it' }, 'name')).toBe('There is already a department called IT: choose another name.');
    await bad({ name: 'Sports', timeZone: 'Mars/Olympus' }, 'timeZone');
    await bad({ name: 'Sports', slug: 'Sports Hall' }, 'slug');
    await bad({ name: 'Sports', slug: 'careers-office' }, 'slug');
    await bad({ name: 'Sports', businessHours: { ...hours, days: [0, 8] } }, 'businessHours.days');
    await bad({ name: 'Sports', businessHours: { ...hours, days: [] } }, 'businessHours.days');
    expect(await bad({ name: 'Sports', businessHours: { ...hours, opensAt: '17:00', closesAt: '09:00' } }, 'businessHours.closesAt')).toBe(
      'The closing time must be after the opening time.',
    );
    await bad({ name: 'Sports', businessHours: { ...hours, opensAt: '9am' } }, 'businessHours.opensAt');
    await bad({ id: gid(school.departments.it.id), name: 'financial aid' }, 'name', UPDATE);
    await bad({ id: gid(school.departments.it.id), timeZone: 'Nowhere' }, 'timeZone', UPDATE);
    expect(await api.db.prisma.department.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await api.db.prisma.auditEntry.count()).toBe(auditBefore);
  });

  it('lets only admins shape departments, and admins and the department’s managers its categories', async () => {
    const input = { name: 'Sports' };
    expect(codes(await api.gql(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    for (const token of [school.tokens.alice, school.tokens.staff, school.tokens.manager])
      expect(codes(await api.gql(CREATE, { input }, { token }))).toEqual(['FORBIDDEN']);
    const it_ = gid(school.departments.it.id);
    const finance = gid(school.departments.finance.id);
    for (const token of [school.tokens.staff, school.tokens.manager]) {
      expect(codes(await api.gql(UPDATE, { input: { id: it_, name: 'Computing' } }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(ARCHIVE, { id: finance }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(MERGE, { from: finance, into: it_ }, { token }))).toEqual(['FORBIDDEN']);
    }
    expect(await api.db.prisma.department.count({ where: { name: 'Sports' } })).toBe(0);

    // Maya manages IT: its categories are hers to keep, Financial Aid's are not.
    const mine = await api.gql(
      CREATE_CATEGORY,
      { input: { departmentId: it_, name: 'Wi-Fi', description: 'Campus wireless.', defaultPriority: 'HIGH' } },
      { token: school.tokens.manager },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.createCategory).toMatchObject({
      name: 'Wi-Fi',
      defaultPriority: 'HIGH',
      archived: false,
      department: { name: 'IT' },
    });
    const wifi = mine.data!.createCategory.id as string;
    const changed = await api.gql(
      UPDATE_CATEGORY,
      { input: { id: wifi, name: 'Wi-Fi & network', description: '', defaultPriority: 'URGENT' } },
      { token: school.tokens.manager },
    );
    expect(changed.data!.updateCategory).toEqual({ name: 'Wi-Fi & network', description: null, defaultPriority: 'URGENT' });
    const theirs = { input: { departmentId: finance, name: 'Grants' } };
    expect(codes(await api.gql(CREATE_CATEGORY, theirs, { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(CREATE_CATEGORY, theirs, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(ARCHIVE_CATEGORY, { id: school.categoryIds.fees }, { token: school.tokens.manager }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await api.gql(CREATE_CATEGORY, theirs))).toEqual(['UNAUTHENTICATED']);
    // Names are unique in the department, whatever their case.
    const twin = await api.gql(
      CREATE_CATEGORY,
      { input: { departmentId: it_, name: 'wi-fi & NETWORK' } },
      { token: school.tokens.manager },
    );
    expect(codes(twin)).toEqual(['BAD_USER_INPUT']);
    expect(twin.errors![0]!.extensions!.field).toBe('name');
    expect(await api.db.prisma.category.count({ where: { name: { in: ['Grants', 'wi-fi & NETWORK'] } } })).toBe(0);
    // Staff may list archived ones; students may not ask.
    expect(codes(await api.gql(STAFF_LIST, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
  });

  it('archives a department: not offered to students, its tickets kept and visible to staff; unarchiving brings it back', async () => {
    const sports = (await asAdmin(CREATE, { input: { name: 'Sports' } })).data!.createDepartment;
    const sportsRow = await api.db.prisma.department.findUniqueOrThrow({ where: { name: 'Sports' } });
    const category = await createCategory(api.db.prisma, sportsRow.id, 'Gym access');
    const categoryId = toGlobalId('Category', category.id);
    const ticket = await report(categoryId, 'Gym card refused');
    expect(ticket.errors).toBeUndefined();

    const archived = await asAdmin(ARCHIVE, { id: sports.id });
    expect(archived.data!.archiveDepartment).toMatchObject({ name: 'Sports', archived: true });
    expect(archived.data!.archiveDepartment.archivedAt).toEqual(expect.any(String));

    const lists = await api.gql(PUBLIC_LISTS);
    expect(lists.data!.departments.map((department: { name: string }) => department.name)).not.toContain('Sports');
    expect(lists.data!.categories.map((listed: { name: string }) => listed.name)).not.toContain('Gym access');
    const refused = await report(categoryId, 'Still refused');
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions!.field).toBe('categoryId');

    const staffView = await asAdmin(STAFF_LIST);
    expect(staffView.data!.departments).toContainEqual({
      name: 'Sports',
      archived: true,
      openTicketCount: 1,
      ticketCount: 1,
      memberCount: 0,
      categories: [{ name: 'Gym access', archived: false }],
    });
    const kept = await asAdmin('query($id: ID!) { ticket(id: $id) { title category { name department { name archived } } } }', {
      id: ticket.data!.reportProblem.ticket.id,
    });
    expect(kept.data!.ticket).toEqual({
      title: 'Gym card refused',
      category: { name: 'Gym access', department: { name: 'Sports', archived: true } },
    });

    expect((await asAdmin(UNARCHIVE, { id: sports.id })).data!.unarchiveDepartment).toEqual({ name: 'Sports', archived: false });
    expect((await report(categoryId, 'Refused again')).errors).toBeUndefined();
  });

  it('archives a category: the report form no longer offers it, staff still see it', async () => {
    const it_ = gid(school.departments.it.id);
    const printing = (await asAdmin(CREATE_CATEGORY, { input: { departmentId: it_, name: 'Printing' } })).data!.createCategory;
    expect((await asAdmin(ARCHIVE_CATEGORY, { id: printing.id })).data!.archiveCategory).toEqual({ name: 'Printing', archived: true });
    const lists = await api.gql(PUBLIC_LISTS);
    expect(lists.data!.categories.map((listed: { name: string }) => listed.name)).not.toContain('Printing');
    expect(lists.data!.departments.find((department: { name: string }) => department.name === 'IT').categories).not.toContainEqual({
      name: 'Printing',
    });
    expect(codes(await report(printing.id))).toEqual(['BAD_USER_INPUT']);
    const staffView = await asAdmin(STAFF_LIST);
    expect(staffView.data!.departments.find((department: { name: string }) => department.name === 'IT').categories).toContainEqual({
      name: 'Printing',
      archived: true,
    });
  });

  describe('merging departments', () => {
    /** A department with a bit of everything: two categories (one named like one of IT's), tickets, a rated one, staff, SLA, … */
    async function busyDepartment(name: string) {
      const prisma = api.db.prisma;
      const department = await createDepartment(prisma, name);
      const clash = await createCategory(prisma, department.id, 'Login & accounts');
      const own = await createCategory(prisma, department.id, `${name} loans`);
      const tickets = [];
      for (const [index, category] of [clash, own, own].entries()) {
        const reported = await report(toGlobalId('Category', category.id), `${name} problem ${index}`);
        expect(reported.errors).toBeUndefined();
        tickets.push(reported.data!.reportProblem.ticket.id as string);
      }
      const rated = await prisma.ticket.findFirstOrThrow({ where: { departmentId: department.id, categoryId: own.id } });
      await prisma.ticket.update({
        where: { id: rated.id },
        data: { status: 'RESOLVED', resolvedAt: new Date(), firstRespondedAt: new Date() },
      });
      await prisma.rating.create({ data: { ticketId: rated.id, score: 5, expectation: 'MET', departmentId: department.id } });
      const member = await prisma.user.create({
        data: { email: `${name}@school.test`, name: `${name} Librarian`, role: 'STAFF', departmentId: department.id },
      });
      await prisma.article.create({
        data: { slug: `${name}-hours`, title: 'Opening hours', summary: 's', body: 'b', departmentId: department.id },
      });
      await prisma.cannedResponse.create({ data: { title: 'Thanks', body: 'Thanks!', departmentId: department.id } });
      await prisma.invitation.create({
        data: {
          email: `new-${name}@school.test`,
          name: 'New',
          role: 'STAFF',
          departmentId: department.id,
          tokenHash: `hash-${name}`,
          createdAt: new Date(),
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      return { department, clash, own, tickets, member };
    }

    it('moves tickets, categories (renamed on a clash), ratings, people, SLA, articles, canned responses and invitations', async () => {
      const prisma = api.db.prisma;
      const it_ = school.departments.it;
      const library = await busyDepartment('Lending');
      // IT has NORMAL targets of its own; Lending's NORMAL one goes, its others have no IT match to replace.
      await prisma.slaPolicy.deleteMany({ where: { departmentId: it_.id, priority: 'LOW' } });
      const satisfactionBefore = await prisma.satisfactionDay.aggregate({ where: { departmentId: it_.id }, _sum: { responses: true } });

      const merged = await asAdmin(MERGE, { from: gid(library.department.id), into: gid(it_.id) });
      expect(merged.errors).toBeUndefined();
      expect(merged.data!.mergeDepartments).toEqual({
        from: { name: 'Lending', archived: true, mergedInto: { name: 'IT' } },
        into: { name: 'IT' },
        movedTickets: 3,
        renamedCategories: [{ name: 'Login & accounts (Lending)' }],
      });

      expect(await prisma.auditEntry.findFirstOrThrow({ where: { action: 'DEPARTMENTS_MERGED' } })).toMatchObject({
        subjectId: library.department.id,
        actorUserId: school.users.admin.id,
        details: { intoDepartmentId: it_.id, movedTickets: 3, renamedCategoryIds: [library.clash.id] },
      });
      const where = { departmentId: library.department.id };
      const left = await Promise.all([
        prisma.ticket.count({ where }),
        prisma.category.count({ where }),
        prisma.rating.count({ where }),
        prisma.user.count({ where }),
        prisma.slaPolicy.count({ where }),
        prisma.article.count({ where }),
        prisma.cannedResponse.count({ where }),
        prisma.invitation.count({ where }),
      ]);
      expect(left).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      expect((await prisma.category.findUniqueOrThrow({ where: { id: library.own.id } })).departmentId).toBe(it_.id);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: library.member.id } })).departmentId).toBe(it_.id);
      expect(
        (await prisma.slaPolicy.findMany({ where: { departmentId: it_.id }, orderBy: { priority: 'asc' } })).map((row) => row.priority),
      ).toEqual(['LOW', 'NORMAL', 'HIGH', 'URGENT']);
      // The daily sums follow the rating (kept by the database's triggers).
      const satisfactionAfter = await prisma.satisfactionDay.aggregate({ where: { departmentId: it_.id }, _sum: { responses: true } });
      expect((satisfactionAfter._sum.responses ?? 0) - (satisfactionBefore._sum.responses ?? 0)).toBe(1);

      // Each ticket says in its history that it moved, and IT's staff now work it.
      const history = await api.gql(
        'query($id: ID!) { ticket(id: $id) { department { name } category { name } history { type actor { name } } } }',
        { id: library.tickets[0] },
        { token: school.tokens.staff },
      );
      expect(history.errors).toBeUndefined();
      expect(history.data!.ticket).toMatchObject({ department: { name: 'IT' }, category: { name: 'Login & accounts (Lending)' } });
      expect(history.data!.ticket.history.at(-1)).toEqual({ type: 'DEPARTMENT_CHANGED', actor: { name: 'Ada Admin' } });

      // The merged department still resolves by its ID, and points to where everything went.
      const node = await api.gql('query($id: ID!) { node(id: $id) { ... on Department { name archived mergedInto { name } } } }', {
        id: gid(library.department.id),
      });
      expect(node.data!.node).toEqual({ name: 'Lending', archived: true, mergedInto: { name: 'IT' } });
      const again = await asAdmin(UNARCHIVE, { id: gid(library.department.id) });
      expect(codes(again)).toEqual(['BAD_USER_INPUT']);
      expect(again.errors![0]!.message).toBe('Lending was merged into IT; everything it had is there now.');
      expect(codes(await asAdmin(MERGE, { from: gid(library.department.id), into: gid(school.departments.finance.id) }))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(codes(await asAdmin(MERGE, { from: gid(it_.id), into: gid(it_.id) }))).toEqual(['BAD_USER_INPUT']);
    });

    it('moves nothing when its last step fails: one transaction', async () => {
      const prisma = api.db.prisma;
      const bindery = await busyDepartment('Bindery');
      // The merge's last write (archiving `from`) fails inside the database.
      await prisma.$executeRawUnsafe(`
        CREATE FUNCTION refuse_merge() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
        CREATE TRIGGER refuse_merge BEFORE UPDATE OF "mergedIntoId" ON "Department" FOR EACH ROW EXECUTE FUNCTION refuse_merge();`);
      try {
        const snapshot = () =>
          Promise.all([
            prisma.ticket.findMany({ where: { departmentId: bindery.department.id }, orderBy: { id: 'asc' } }),
            prisma.category.findMany({ where: { departmentId: bindery.department.id }, orderBy: { id: 'asc' } }),
            prisma.user.count({ where: { departmentId: bindery.department.id } }),
            prisma.rating.count({ where: { departmentId: bindery.department.id } }),
            prisma.ticketEvent.count({ where: { type: 'DEPARTMENT_CHANGED' } }),
            prisma.department.findUniqueOrThrow({ where: { id: bindery.department.id } }),
            prisma.auditEntry.count({ where: { subjectId: bindery.department.id } }),
          ]);
        const before = await snapshot();
        const failed = await asAdmin(MERGE, { from: gid(bindery.department.id), into: gid(school.departments.finance.id) });
        expect(codes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
        expect(await snapshot()).toEqual(before);
        expect(before[0]).toHaveLength(3);
      } finally {
        await prisma.$executeRawUnsafe('DROP TRIGGER refuse_merge ON "Department"; DROP FUNCTION refuse_merge();');
      }
    });
  });

  it('merges categories, within a department and across, with a history entry per ticket', async () => {
    const prisma = api.db.prisma;
    const it_ = gid(school.departments.it.id);
    const create = async (name: string, departmentId = it_) =>
      (await asAdmin(CREATE_CATEGORY, { input: { departmentId, name } })).data!.createCategory.id as string;
    const vpn = await create('VPN');
    const remote = await create('Remote access');
    const ticket = (await report(vpn, 'VPN drops')).data!.reportProblem.ticket.id as string;

    // Maya manages IT: she merges within it, but not into Financial Aid.
    const within = await api.gql(MERGE_CATEGORIES, { from: vpn, into: remote }, { token: school.tokens.manager });
    expect(within.errors).toBeUndefined();
    expect(within.data!.mergeCategories).toEqual({
      from: { name: 'VPN', archived: true, mergedInto: { name: 'Remote access' } },
      into: { name: 'Remote access' },
      movedTickets: 1,
    });
    const moved = await asAdmin('query($id: ID!) { ticket(id: $id) { category { name } history { type } } }', { id: ticket });
    expect(moved.data!.ticket.category).toEqual({ name: 'Remote access' });
    expect(moved.data!.ticket.history.at(-1)).toEqual({ type: 'CATEGORY_CHANGED' });
    expect(
      codes(await api.gql(MERGE_CATEGORIES, { from: remote, into: school.categoryIds.fees }, { token: school.tokens.manager })),
    ).toEqual(['FORBIDDEN']);

    const across = await asAdmin(MERGE_CATEGORIES, { from: remote, into: school.categoryIds.fees });
    expect(across.data!.mergeCategories.movedTickets).toBe(1);
    const row = await prisma.ticket.findFirstOrThrow({ where: { title: 'VPN drops' } });
    expect([row.categoryId, row.departmentId]).toEqual([school.categories.fees.id, school.departments.finance.id]);
    expect(codes(await asAdmin(MERGE_CATEGORIES, { from: school.categoryIds.fees, into: vpn }))).toEqual(['BAD_USER_INPUT']);
  });
});
