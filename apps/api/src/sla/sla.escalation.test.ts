// Breach escalation: the rule, its SQL twin, and "once per breach" with concurrent sweepers.
import { openDatabase, type Database } from '@studentdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createTestDatabase, createUser, type TestDatabase } from '@studentdesk/testing';
import { breachesToEscalate, escalateSlaBreaches } from './sla.escalation.js';

const now = new Date('2026-05-01T12:00:00Z');
const at = (offsetHours: number) => new Date(now.getTime() + offsetHours * 3_600_000);
const PUBLIC_URL = 'https://desk.example.edu';

const open = { status: 'OPEN' as const, firstRespondedAt: null, resolvedAt: null, slaPausedAt: null };
const cases = {
  'due later': { clock: { ...open, firstResponseDueAt: at(1), resolutionDueAt: at(5) }, escalatedAt: null, expected: [] },
  'first answer overdue': {
    clock: { ...open, firstResponseDueAt: at(-1), resolutionDueAt: at(5) },
    escalatedAt: null,
    expected: ['FIRST_RESPONSE'],
  },
  'first answer overdue, already escalated': {
    clock: { ...open, firstResponseDueAt: at(-1), resolutionDueAt: at(5) },
    escalatedAt: at(-0.5),
    expected: [],
  },
  'escalated for the first answer, now resolution overdue too': {
    clock: { ...open, firstResponseDueAt: at(-9), resolutionDueAt: at(-1) },
    escalatedAt: at(-8),
    expected: ['RESOLUTION'],
  },
  'both missed while nobody swept': {
    clock: { ...open, firstResponseDueAt: at(-9), resolutionDueAt: at(-1) },
    escalatedAt: null,
    expected: ['FIRST_RESPONSE', 'RESOLUTION'],
  },
  'answered in time, resolution overdue': {
    clock: { ...open, firstResponseDueAt: at(-9), firstRespondedAt: at(-10), resolutionDueAt: at(-1) },
    escalatedAt: null,
    expected: ['RESOLUTION'],
  },
  'resolved late (already over)': {
    clock: {
      status: 'RESOLVED' as const,
      firstResponseDueAt: at(-9),
      firstRespondedAt: at(-10),
      resolutionDueAt: at(-3),
      resolvedAt: at(-2),
      slaPausedAt: null,
    },
    escalatedAt: null,
    expected: [],
  },
  'waiting on the student, overdue': {
    clock: { ...open, status: 'WAITING_ON_STUDENT' as const, firstResponseDueAt: at(-3), resolutionDueAt: at(5), slaPausedAt: at(-4) },
    escalatedAt: null,
    expected: ['FIRST_RESPONSE'],
  },
  'waiting on the student since before the resolution was due (clock stopped)': {
    clock: {
      ...open,
      status: 'WAITING_ON_STUDENT' as const,
      firstResponseDueAt: at(-9),
      firstRespondedAt: at(-10),
      resolutionDueAt: at(-1),
      slaPausedAt: at(-2),
    },
    escalatedAt: null,
    expected: [],
  },
  'waiting on the student, resolution missed before the wait': {
    clock: {
      ...open,
      status: 'WAITING_ON_STUDENT' as const,
      firstResponseDueAt: at(-9),
      firstRespondedAt: at(-10),
      resolutionDueAt: at(-3),
      slaPausedAt: at(-2),
    },
    escalatedAt: null,
    expected: ['RESOLUTION'],
  },
  'no SLA': { clock: { ...open, firstResponseDueAt: null, resolutionDueAt: null }, escalatedAt: null, expected: [] },
} as const;

describe('breachesToEscalate', () => {
  it.each(Object.entries(cases))('%s', (_name, { clock, escalatedAt, expected }) => {
    expect(breachesToEscalate(clock, escalatedAt, now).map((breach) => breach.target)).toEqual(expected);
  });
});

describe('escalateSlaBreaches on PostgreSQL', () => {
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

  async function createTickets(clocks: Array<{ title: string; clock: object; escalatedAt: Date | null }>, assigneeId?: string) {
    const department = await createDepartment(db.prisma);
    const category = await createCategory(db.prisma, department.id);
    const manager = await createUser(db.prisma, 'MANAGER', { departmentId: department.id });
    for (const { title, clock, escalatedAt } of clocks) {
      await db.prisma.ticket.create({
        data: {
          title,
          description: '-',
          priority: 'NORMAL',
          channel: 'PORTAL',
          categoryId: category.id,
          departmentId: department.id,
          contactName: 'Ada Student',
          contactEmail: 'ada@example.edu',
          assigneeId,
          escalatedAt,
          ...clock,
        },
      });
    }
    return { department, manager };
  }

  it('escalates exactly the tickets the rule names, with one event per missed due time', async () => {
    const { department, manager } = await createTickets(
      Object.entries(cases).map(([title, { clock, escalatedAt }]) => ({ title, clock, escalatedAt })),
    );
    const escalated = await escalateSlaBreaches(db.prisma, PUBLIC_URL, now);

    const expectedTitles = Object.entries(cases)
      .filter(([, { expected }]) => expected.length > 0)
      .map(([title]) => title)
      .sort();
    expect(escalated.map((ticket) => ticket.title).sort()).toEqual(expectedTitles);
    const events = await db.prisma.ticketEvent.findMany({
      where: { type: 'SLA_BREACHED', ticket: { departmentId: department.id } },
      include: { ticket: true },
    });
    for (const [title, { expected }] of Object.entries(cases)) {
      const targets = events
        .filter((event) => event.ticket.title === title)
        .map((event) => (event.detail as { target: string }).target)
        .sort();
      expect([title, targets]).toEqual([title, [...expected].sort()]);
    }
    const emails = await db.prisma.emailMessage.findMany({ where: { kind: 'SLA_ESCALATION', ticket: { departmentId: department.id } } });
    expect(emails).toHaveLength(expectedTitles.length);
    expect(new Set(emails.map((email) => email.toAddress))).toEqual(new Set([manager.email]));
    expect(emails[0]!.text).toContain(`${PUBLIC_URL}/console/tickets/`);

    // A second sweep at the same moment finds nothing new.
    expect(await escalateSlaBreaches(db.prisma, PUBLIC_URL, now)).toEqual([]);
  });

  it('escalates each breach once when two processes sweep at the same moment, and tells the assignee too', async () => {
    const assignee = await createUser(db.prisma, 'STAFF');
    const overdue = Array.from({ length: 150 }, (_, index) => ({
      title: `Overdue ${index}`,
      clock: { ...open, firstResponseDueAt: at(-2), resolutionDueAt: at(5) },
      escalatedAt: null,
    }));
    const { department } = await createTickets(overdue, assignee.id);

    // Two connection pools, as two API processes have; each sweep handles up to 100 tickets.
    const sweepUntilDone = async (database: Database) => {
      let handled = 0;
      for (let count = -1; count !== 0;) {
        count = (await escalateSlaBreaches(database.prisma, PUBLIC_URL, now)).length;
        handled += count;
      }
      return handled;
    };
    const [first, other] = await Promise.all([sweepUntilDone(db), sweepUntilDone(second)]);
    expect(first + other).toBe(150);

    const events = await db.prisma.ticketEvent.groupBy({
      by: ['ticketId'],
      where: { type: 'SLA_BREACHED', ticket: { departmentId: department.id } },
      _count: true,
    });
    expect(events).toHaveLength(150);
    expect(events.every((group) => group._count === 1)).toBe(true);
    const toAssignee = await db.prisma.emailMessage.count({ where: { kind: 'SLA_ESCALATION', toAddress: assignee.email } });
    expect(toAssignee).toBe(150);
  });
});
