// The managers' weekly email: sent when the desk opens after the week, once per manager and week
// even with two processes sweeping at once, with the week's numbers by the metrics' definitions.
import { openDatabase, type Database } from '@studentdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createTestDatabase, createUser, type TestDatabase } from '@studentdesk/testing';
import { lastWholeWeek, sendManagerDigests } from './manager-digest.js';

const PUBLIC_URL = 'https://desk.example.edu';
/** The week of Monday 9 March 2026; it ends Monday 16 March 00:00 UTC, Sunday 17:00 in Los Angeles (PDT). */
const WEEK = { from: new Date('2026-03-09T00:00:00Z'), to: new Date('2026-03-16T00:00:00Z') };
const hoursAfterWeek = (hours: number) => new Date(WEEK.to.getTime() + hours * 3_600_000);

describe('the last whole week', () => {
  it('runs Monday 00:00 UTC to Monday, whatever the day and hour now', () => {
    expect(lastWholeWeek(new Date('2026-03-16T00:00:00Z'))).toEqual(WEEK);
    expect(lastWholeWeek(new Date('2026-03-22T23:59:59Z'))).toEqual(WEEK);
    expect(lastWholeWeek(new Date('2026-03-15T23:59:59Z'))).toEqual({ from: new Date('2026-03-02T00:00:00Z'), to: WEEK.from });
  });
});

describe('managers’ weekly digests on postgresql', () => {
  let db: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    second = await openDatabase({ databaseUrl: db.url, migrate: false });
  });
  afterAll(async () => {
    await second?.close();
    await db?.drop();
  });

  /** A department in Los Angeles, open 09:00–17:00 on weekdays, with a manager appointed long before. */
  async function losAngelesDesk() {
    const department = await db.prisma.department.update({
      where: { id: (await createDepartment(db.prisma)).id },
      data: { timeZone: 'America/Los_Angeles', businessDayStart: 540, businessDayEnd: 1020, businessDays: [1, 2, 3, 4, 5] },
    });
    const category = await createCategory(db.prisma, department.id);
    const manager = await createUser(db.prisma, 'MANAGER', { departmentId: department.id, name: 'Rosa Alvarez' });
    await db.prisma.departmentMembership.updateMany({
      where: { userId: manager.id },
      data: { createdAt: new Date('2026-01-01T00:00:00Z') },
    });
    return { department, category, manager };
  }

  const digestsTo = (address: string) => db.prisma.emailMessage.findMany({ where: { kind: 'MANAGER_WEEKLY', toAddress: address } });

  it('waits for the desk to open on Monday in its own time zone, then sends the week’s numbers once', async () => {
    const { department, category, manager } = await losAngelesDesk();
    const ticket = (title: string, createdAt: Date, extra: object = {}) =>
      db.prisma.ticket.create({
        data: {
          title,
          description: '-',
          priority: 'NORMAL',
          channel: 'PORTAL',
          categoryId: category.id,
          departmentId: department.id,
          contactName: 'Ada Student',
          contactEmail: 'ada@example.edu',
          createdAt,
          ...extra,
        },
      });
    const resolved = await ticket('Fee wrong', new Date('2026-03-10T16:00:00Z'), {
      status: 'RESOLVED',
      resolvedAt: new Date('2026-03-11T16:00:00Z'),
      predictedScore: 5,
    });
    await db.prisma.rating.create({
      data: {
        ticketId: resolved.id,
        score: 4,
        expectation: 'MET',
        predictedScore: 5,
        departmentId: department.id,
        createdAt: new Date('2026-03-12T10:00:00Z'),
      },
    });
    // Still open, its first answer overdue: "past a due time" right now.
    await ticket('Grant missing', new Date('2026-03-13T16:00:00Z'), { firstResponseDueAt: new Date('2026-03-13T20:00:00Z') });
    // Reported after the week: not in its numbers.
    await ticket('Next week', hoursAfterWeek(1));

    // Monday 09:00 UTC is 02:00 in Los Angeles: the desk is closed, nothing is sent.
    expect(await sendManagerDigests(db.prisma, PUBLIC_URL, hoursAfterWeek(9))).toBe(0);
    expect(await digestsTo(manager.email)).toEqual([]);

    // 16:00 UTC is 09:00 PDT: the desk opens and the digest goes out.
    expect(await sendManagerDigests(db.prisma, PUBLIC_URL, hoursAfterWeek(16))).toBe(1);
    const [digest] = await digestsTo(manager.email);
    expect(digest!.subject).toBe(`${department.name}: your week of 9 March in numbers`);
    expect(digest!.text).toContain('Hello Rosa,');
    expect(digest!.text).toContain('from Monday 9 March to Sunday 15 March (UTC)');
    expect(digest!.text).toContain('Tickets reported: 2');
    expect(digest!.text).toContain('CSAT: 100.0 % of 1 rating');
    expect(digest!.text).toContain('Perception gap (predicted − rated): +1.00');
    expect(digest!.text).toContain('Right now: 2 unresolved, 1 of them past a due time.');
    expect(digest!.text).toContain(`${PUBLIC_URL}/console/insights`);

    // Later sweeps that week send nothing more.
    expect(await sendManagerDigests(db.prisma, PUBLIC_URL, hoursAfterWeek(40))).toBe(0);
    expect(await digestsTo(manager.email)).toHaveLength(1);
  });

  it('sends each manager one digest when two processes sweep at the same moment', async () => {
    const { manager } = await losAngelesDesk();
    const at = hoursAfterWeek(20);
    const sent = await Promise.all([sendManagerDigests(db.prisma, PUBLIC_URL, at), sendManagerDigests(second.prisma, PUBLIC_URL, at)]);
    expect(await digestsTo(manager.email)).toHaveLength(1);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
  });

  it('leaves out managers appointed after the week and people who left', async () => {
    const { department } = await losAngelesDesk();
    const newcomer = await createUser(db.prisma, 'MANAGER', { departmentId: department.id });
    await db.prisma.departmentMembership.updateMany({ where: { userId: newcomer.id }, data: { createdAt: hoursAfterWeek(2) } });
    const leaver = await createUser(db.prisma, 'MANAGER', { departmentId: department.id });
    await db.prisma.departmentMembership.updateMany({
      where: { userId: leaver.id },
      data: { createdAt: new Date('2026-01-01T00:00:00Z') },
    });
    await db.prisma.user.update({ where: { id: leaver.id }, data: { deactivatedAt: hoursAfterWeek(1) } });
    await sendManagerDigests(db.prisma, PUBLIC_URL, hoursAfterWeek(20));
    expect(await digestsTo(newcomer.email)).toEqual([]);
    expect(await digestsTo(leaver.email)).toEqual([]);
  });
});
