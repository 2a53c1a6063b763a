// Small factories for test data: each call makes one realistic row, overridable where it matters.
import { hashPassword, type Priority, type PrismaClient, type Role } from '@studentdesk/db';
import type { TestApi } from './api.js';
import { toGlobalId } from '../relay/global-id.js';

export const PASSWORD = 'correct horse battery staple';
// scrypt is deliberately slow: hash once for every test account.
const passwordHash = hashPassword(PASSWORD);
let sequence = 0;
const next = () => (sequence += 1);

export async function createDepartment(prisma: PrismaClient, name = `Department ${next()}`) {
  const department = await prisma.department.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${next()}`,
      timeZone: 'UTC',
      // Always open, so due times in tests are plain arithmetic.
      businessDays: [1, 2, 3, 4, 5, 6, 7],
      businessDayStart: 0,
      businessDayEnd: 1440,
    },
  });
  const targets: Array<[Priority, number, number]> = [
    ['LOW', 480, 2400],
    ['NORMAL', 240, 1440],
    ['HIGH', 60, 480],
    ['URGENT', 30, 240],
  ];
  await prisma.slaPolicy.createMany({
    data: targets.map(([priority, firstResponseMinutes, resolutionMinutes]) => ({
      departmentId: department.id,
      priority,
      firstResponseMinutes,
      resolutionMinutes,
    })),
  });
  return department;
}

export async function createCategory(prisma: PrismaClient, departmentId: string, name = `Category ${next()}`) {
  return prisma.category.create({ data: { name, departmentId, defaultPriority: 'NORMAL' } });
}

export async function createUser(prisma: PrismaClient, role: Role, options: { departmentId?: string; name?: string } = {}) {
  const n = next();
  const name = options.name ?? `${role.toLowerCase()} ${n}`;
  return prisma.user.create({
    data: {
      name,
      email: `${role.toLowerCase()}${n}@test.studentdesk`,
      role,
      passwordHash: await passwordHash,
      departmentId: options.departmentId ?? null,
      studentNumber: role === 'STUDENT' ? `S${100000 + n}` : null,
    },
  });
}

export async function signIn(api: Pick<TestApi, 'gql'>, email: string): Promise<string> {
  const response = await api.gql<{ signIn: { token: string } }>(
    'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
    { email, password: PASSWORD },
  );
  if (!response.data?.signIn) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(response.errors)}`);
  return response.data.signIn.token;
}

/** A small school: one department with a category, two students, staff, a manager, an admin. */
/** `api` is an in-process test API or an API process with a client on its database. */
export async function createSchool(api: { db: { prisma: PrismaClient }; gql: TestApi['gql'] }) {
  const prisma = api.db.prisma;
  const it = await createDepartment(prisma, 'IT');
  const finance = await createDepartment(prisma, 'Financial Aid');
  const login = await createCategory(prisma, it.id, 'Login & accounts');
  const fees = await createCategory(prisma, finance.id, 'Fee or invoice is wrong');
  const [alice, bob, staff, otherStaff, manager, admin] = await Promise.all([
    createUser(prisma, 'STUDENT', { name: 'Alice Student' }),
    createUser(prisma, 'STUDENT', { name: 'Bob Student' }),
    createUser(prisma, 'STAFF', { departmentId: it.id, name: 'Sam Staff' }),
    createUser(prisma, 'STAFF', { departmentId: finance.id, name: 'Fiona Finance' }),
    createUser(prisma, 'MANAGER', { departmentId: it.id, name: 'Maya Manager' }),
    createUser(prisma, 'ADMIN', { name: 'Ada Admin' }),
  ]);
  const [aliceToken, bobToken, staffToken, otherStaffToken, managerToken, adminToken] = await Promise.all(
    [alice, bob, staff, otherStaff, manager, admin].map((user) => signIn(api, user.email)),
  );
  return {
    departments: { it, finance },
    categories: { login, fees },
    categoryIds: { login: toGlobalId('Category', login.id), fees: toGlobalId('Category', fees.id) },
    users: { alice, bob, staff, otherStaff, manager, admin },
    tokens: {
      alice: aliceToken!,
      bob: bobToken!,
      staff: staffToken!,
      otherStaff: otherStaffToken!,
      manager: managerToken!,
      admin: adminToken!,
    },
  };
}

export type School = Awaited<ReturnType<typeof createSchool>>;

export async function createArticle(
  prisma: PrismaClient,
  article: { slug: string; title: string; summary: string; body: string; categoryId?: string; published?: boolean },
) {
  return prisma.article.create({ data: article });
}
