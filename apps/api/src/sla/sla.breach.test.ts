// The breach rule exists twice (for one ticket, and as SQL for lists); both must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createTestDatabase, type TestDatabase } from '@studentdesk/testing';
import { isSlaBreached, slaBreachedSql } from './sla.breach.js';

const now = new Date('2026-05-01T12:00:00Z');
const at = (offsetHours: number) => new Date(now.getTime() + offsetHours * 3_600_000);

const running = { slaPausedAt: null };
const clocks = {
  'no SLA at all': { firstResponseDueAt: null, firstRespondedAt: null, resolutionDueAt: null, resolvedAt: null, ...running },
  'both due later': { firstResponseDueAt: at(1), firstRespondedAt: null, resolutionDueAt: at(5), resolvedAt: null, ...running },
  'no first answer, overdue': { firstResponseDueAt: at(-1), firstRespondedAt: null, resolutionDueAt: at(5), resolvedAt: null, ...running },
  'first answer late': { firstResponseDueAt: at(-5), firstRespondedAt: at(-4), resolutionDueAt: at(5), resolvedAt: null, ...running },
  'first answer on time': { firstResponseDueAt: at(-5), firstRespondedAt: at(-6), resolutionDueAt: at(5), resolvedAt: null, ...running },
  'unresolved past due': { firstResponseDueAt: at(-5), firstRespondedAt: at(-6), resolutionDueAt: at(-1), resolvedAt: null, ...running },
  'resolved late': { firstResponseDueAt: at(-9), firstRespondedAt: at(-10), resolutionDueAt: at(-3), resolvedAt: at(-2), ...running },
  'resolved in time, now past due': {
    firstResponseDueAt: at(-9),
    firstRespondedAt: at(-10),
    resolutionDueAt: at(-3),
    resolvedAt: at(-4),
    ...running,
  },
  'waiting since before the due time passed': {
    firstResponseDueAt: at(-9),
    firstRespondedAt: at(-10),
    resolutionDueAt: at(-1),
    resolvedAt: null,
    slaPausedAt: at(-2),
  },
  'waiting since after the due time passed': {
    firstResponseDueAt: at(-9),
    firstRespondedAt: at(-10),
    resolutionDueAt: at(-3),
    resolvedAt: null,
    slaPausedAt: at(-2),
  },
  'waiting, first answer overdue': {
    firstResponseDueAt: at(-1),
    firstRespondedAt: null,
    resolutionDueAt: at(5),
    resolvedAt: null,
    slaPausedAt: at(-2),
  },
};

describe('isSlaBreached', () => {
  it.each([
    ['no SLA at all', false],
    ['both due later', false],
    ['no first answer, overdue', true],
    ['first answer late', true],
    ['first answer on time', false],
    ['unresolved past due', true],
    ['resolved late', true],
    ['resolved in time, now past due', false],
    ['waiting since before the due time passed', false],
    ['waiting since after the due time passed', true],
    ['waiting, first answer overdue', true],
  ] as const)('%s → %s', (name, breached) => {
    expect(isSlaBreached(clocks[name], now)).toBe(breached);
  });
});

describe('slaBreachedSql', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
  });
  afterAll(() => db?.drop());

  it('finds exactly the tickets isSlaBreached calls breached', async () => {
    const department = await createDepartment(db.prisma);
    const category = await createCategory(db.prisma, department.id);
    for (const [title, clock] of Object.entries(clocks)) {
      await db.prisma.ticket.create({
        data: {
          title,
          description: '-',
          priority: 'NORMAL',
          channel: 'API',
          categoryId: category.id,
          departmentId: department.id,
          contactName: 'x',
          contactEmail: 'x@example.edu',
          ...clock,
        },
      });
    }
    const rows = await db.prisma.$queryRaw<Array<{ title: string; breached: boolean }>>`
      SELECT t.title, ${slaBreachedSql(now)} AS breached FROM "Ticket" t ORDER BY t.title`;
    expect(rows.length).toBe(Object.keys(clocks).length);
    for (const row of rows)
      expect([row.title, row.breached]).toEqual([row.title, isSlaBreached(clocks[row.title as keyof typeof clocks], now)]);
  });
});
