// Workload per person: open, due before midnight in the ticket's department's time zone, and
// breached, right now (the app clock), for the departments the viewer may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@studentdesk/db';
import { createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';

const HOUR = 3_600_000;
/** 16:00 in New York (EDT, UTC−4): IT's day ends at 04:00 UTC, four hours after UTC's. */
const NOW = new Date('2026-03-10T20:00:00Z');
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

const WORKLOAD = /* GraphQL */ `
  {
    insights {
      workload {
        staff {
          name
        }
        open
        dueToday
        breached
      }
    }
  }
`;

type Due = { firstResponseDueAt?: Date; firstRespondedAt?: Date; resolutionDueAt?: Date; resolvedAt?: Date; slaPausedAt?: Date };

async function assigned(prisma: PrismaClient, school: School, assigneeId: string, due: Due) {
  await prisma.ticket.create({
    data: {
      title: 'A problem',
      description: 'Details.',
      status: due.resolvedAt ? 'RESOLVED' : due.slaPausedAt ? 'WAITING_ON_STUDENT' : 'OPEN',
      priority: 'NORMAL',
      channel: 'PORTAL',
      categoryId: school.categories.login.id,
      departmentId: school.departments.it.id,
      contactName: 'Alice Student',
      contactEmail: school.users.alice.email,
      requesterId: school.users.alice.id,
      assigneeId,
      createdAt: later(-30),
      ...due,
    },
  });
}

describe.each(DATABASE_KINDS)('workload per person on %s', (kind) => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi(kind, {}, undefined, new TestClock(NOW));
    school = await createSchool(api);
    const prisma = api.db.prisma;
    await prisma.department.update({ where: { id: school.departments.it.id }, data: { timeZone: 'America/New_York' } });
    const sam = school.users.staff.id;
    // Due today in New York, though after midnight UTC.
    await assigned(prisma, school, sam, { firstResponseDueAt: later(6) });
    // Answered; the resolution is due in two hours.
    await assigned(prisma, school, sam, { firstResponseDueAt: later(-20), firstRespondedAt: later(-21), resolutionDueAt: later(2) });
    // Due in two days.
    await assigned(prisma, school, sam, { firstResponseDueAt: later(-20), firstRespondedAt: later(-21), resolutionDueAt: later(48) });
    // First answer an hour late: breached.
    await assigned(prisma, school, sam, { firstResponseDueAt: later(-1) });
    // Waiting on the student: the resolution clock stands still, nothing is due today.
    await assigned(prisma, school, sam, {
      firstResponseDueAt: later(-20),
      firstRespondedAt: later(-21),
      resolutionDueAt: later(1),
      slaPausedAt: later(-2),
    });
    // Resolved: not part of anyone's load.
    await assigned(prisma, school, sam, { firstResponseDueAt: later(-5), resolvedAt: later(-6) });
    await assigned(prisma, school, school.users.manager.id, {
      resolutionDueAt: later(30),
      firstResponseDueAt: later(-10),
      firstRespondedAt: later(-11),
    });
  });
  afterAll(() => api?.close());

  it('counts each person’s open, due-today and breached tickets, busiest first, idle colleagues included', async () => {
    const response = await api.gql(WORKLOAD, {}, { token: school.tokens.manager });
    expect(response.errors).toBeUndefined();
    expect(response.data!.insights.workload).toEqual([
      { staff: { name: 'Sam Staff' }, open: 5, dueToday: 2, breached: 1 },
      { staff: { name: 'Maya Manager' }, open: 1, dueToday: 0, breached: 0 },
      { staff: { name: 'Fiona Finance' }, open: 0, dueToday: 0, breached: 0 },
    ]);
  });

  it('shows staff their own department’s people only', async () => {
    const response = await api.gql(WORKLOAD, {}, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
    expect(response.data!.insights.workload.map((row: any) => row.staff.name)).toEqual(['Sam Staff', 'Maya Manager']);
  });

  it('costs the same statements for many people as for few', async () => {
    const statements = async () => {
      api.queries.length = 0;
      expect((await api.gql(WORKLOAD, {}, { token: school.tokens.admin })).errors).toBeUndefined();
      return api.queries.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql)).length;
    };
    const before = await statements();
    await assigned(api.db.prisma, school, school.users.otherStaff.id, { firstResponseDueAt: later(3) });
    expect(await statements()).toBe(before);
  });
});
