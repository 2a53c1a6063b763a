// Small factories for test data: each call makes one realistic row, overridable where it matters.
// The API's tests and both web apps' journeys build their schools from these.
import { hashPassword, type Priority, type PrismaClient, type Role } from '@studentdesk/db';
import type { GraphQLClient } from './graphql-client.js';

/** Every test account's password. */
export const PASSWORD = 'correct horse battery staple';
// scrypt is deliberately slow: hash once for every test account.
const passwordHash = hashPassword(PASSWORD);
let sequence = 0;
const next = () => (sequence += 1);

/** Minutes to first response and to resolution, per priority. */
const SLA_TARGETS: Array<[Priority, number, number]> = [
  ['LOW', 480, 2400],
  ['NORMAL', 240, 1440],
  ['HIGH', 60, 480],
  ['URGENT', 30, 240],
];

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';

/** Signs in through the API's own mutation (the test accounts' password unless given); the session's bearer token. */
export async function signIn(api: { gql: GraphQLClient }, email: string, password = PASSWORD): Promise<string> {
  const response = await api.gql<{ signIn: { token: string } }>(SIGN_IN, { email, password });
  if (!response.data?.signIn) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(response.errors)}`);
  return response.data.signIn.token;
}

export async function createDepartment(prisma: PrismaClient, name = `Department ${next()}`) {
  return prisma.department.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${next()}`,
      timeZone: 'UTC',
      // Always open, so due times in tests are plain arithmetic.
      businessDays: [1, 2, 3, 4, 5, 6, 7],
      businessDayStart: 0,
      businessDayEnd: 1440,
      slaPolicies: {
        create: SLA_TARGETS.map(([priority, firstResponseMinutes, resolutionMinutes]) => ({
          priority,
          firstResponseMinutes,
          resolutionMinutes,
        })),
      },
    },
  });
}

export async function createCategory(prisma: PrismaClient, departmentId: string, name = `Category ${next()}`) {
  return prisma.category.create({ data: { name, departmentId, defaultPriority: 'NORMAL' } });
}

export interface UserFields {
  departmentId?: string;
  name?: string;
  email?: string;
  /** Students get one unless given; staff have none. */
  studentNumber?: string;
}

export async function createUser(prisma: PrismaClient, role: Role, fields: UserFields = {}) {
  const n = next();
  return prisma.user.create({
    data: {
      name: fields.name ?? `${role.toLowerCase()} ${n}`,
      email: fields.email ?? `${role.toLowerCase()}${n}@test.studentdesk`,
      role,
      passwordHash: await passwordHash,
      departmentId: fields.departmentId ?? null,
      studentNumber: fields.studentNumber ?? (role === 'STUDENT' ? `S${100000 + n}` : null),
    },
  });
}

/** An article with its text as version 1, published unless a status says otherwise. */
export async function createArticle(
  prisma: PrismaClient,
  article: {
    slug: string;
    title: string;
    summary: string;
    body: string;
    categoryId?: string;
    departmentId?: string;
    status?: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  },
) {
  const { status = 'PUBLISHED', ...fields } = article;
  return prisma.$transaction(async (tx) => {
    const created = await tx.article.create({ data: { ...fields, status, latestVersionNumber: 1 } });
    const version = await tx.articleVersion.create({
      data: { articleId: created.id, number: 1, title: fields.title, summary: fields.summary, body: fields.body },
    });
    return status === 'PUBLISHED' ? tx.article.update({ where: { id: created.id }, data: { publishedVersionId: version.id } }) : created;
  });
}

export async function createIncident(prisma: PrismaClient, incident: { title: string; summary: string; categoryId?: string }) {
  return prisma.incident.create({ data: { ...incident, startedAt: new Date() } });
}

export async function createCannedResponse(prisma: PrismaClient, response: { title: string; body: string; departmentId?: string }) {
  return prisma.cannedResponse.create({ data: response });
}

/** The global IDs of the categories, by name, as clients read them from the API (names must be unique). */
export async function categoryIdsByName(gql: GraphQLClient): Promise<Record<string, string>> {
  const response = await gql<{ categories: Array<{ id: string; name: string }> }>('{ categories { id name } }');
  if (!response.data) throw new Error(`the categories could not be read: ${JSON.stringify(response.errors)}`);
  const ids = new Map<string, string>();
  for (const { id, name } of response.data.categories) {
    if (ids.has(name)) throw new Error(`two categories are called "${name}": one school per database`);
    ids.set(name, id);
  }
  return Object.fromEntries(ids);
}

/**
 * A small school: IT and Financial Aid, a category each, two students, staff of each department,
 * IT's manager and an admin, all signed in. `api` is an API (in-process or a process) with a
 * client on its database.
 */
export async function createSchool(api: { db: { prisma: PrismaClient }; gql: GraphQLClient }) {
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
  const signedIn = (user: { email: string }) => signIn(api, user.email);
  const [aliceToken, bobToken, staffToken, otherStaffToken, managerToken, adminToken] = await Promise.all([
    signedIn(alice),
    signedIn(bob),
    signedIn(staff),
    signedIn(otherStaff),
    signedIn(manager),
    signedIn(admin),
  ]);
  const categoryIds = await categoryIdsByName(api.gql);
  return {
    departments: { it, finance },
    categories: { login, fees },
    categoryIds: { login: categoryIds[login.name]!, fees: categoryIds[fees.name]! },
    users: { alice, bob, staff, otherStaff, manager, admin },
    tokens: {
      alice: aliceToken,
      bob: bobToken,
      staff: staffToken,
      otherStaff: otherStaffToken,
      manager: managerToken,
      admin: adminToken,
    },
  };
}

export type School = Awaited<ReturnType<typeof createSchool>>;

/** The people of the web apps' journeys: names their pages greet, one per role. */
export const JOURNEY_PEOPLE = {
  staff: { name: 'Jonas Weber', email: 'jonas@e2e.studentdesk', role: 'STAFF' },
  manager: { name: 'Priya Raman', email: 'priya@e2e.studentdesk', role: 'MANAGER' },
  admin: { name: 'Noor Haddad', email: 'noor@e2e.studentdesk', role: 'ADMIN' },
  amara: { name: 'Amara Okafor', email: 'amara@e2e.studentdesk', role: 'STUDENT', studentNumber: 'S2024-0117' },
  ben: { name: 'Ben Lee', email: 'ben@e2e.studentdesk', role: 'STUDENT', studentNumber: 'S2024-0288' },
  chloe: { name: 'Chloe Martin', email: 'chloe@e2e.studentdesk', role: 'STUDENT', studentNumber: 'S2024-0342' },
} as const satisfies Record<string, { name: string; email: string; role: Role; studentNumber?: string }>;

export type JourneyPerson = keyof typeof JOURNEY_PEOPLE;

/**
 * The school of the web apps' journeys: IT (login, Wi-Fi; every staff member works there, with a
 * canned response) and Financial Aid (fees), and the people above. Written before the API starts.
 */
export async function createJourneySchool(prisma: PrismaClient): Promise<void> {
  const it = await createDepartment(prisma, 'IT');
  const finance = await createDepartment(prisma, 'Financial Aid');
  await createCategory(prisma, it.id, 'Login & accounts');
  await createCategory(prisma, it.id, 'Wi-Fi & network');
  await createCategory(prisma, finance.id, 'Fees & invoices');
  for (const person of Object.values(JOURNEY_PEOPLE)) {
    await createUser(prisma, person.role, {
      name: person.name,
      email: person.email,
      departmentId: person.role === 'STUDENT' ? undefined : it.id,
      studentNumber: 'studentNumber' in person ? person.studentNumber : undefined,
    });
  }
  await createCannedResponse(prisma, {
    title: 'Password reset done',
    body: 'Hi {{student.firstName}},\n\nI have reset your password; the new one is in your personal email.\n\n{{agent.firstName}}, {{department.name}}',
    departmentId: it.id,
  });
}
