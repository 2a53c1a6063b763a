// The demo school, checked from the outside with SQL: the stories must add up the way the
// product's reports will read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSlaMinutes, type BusinessCalendar } from '../business-hours.js';
import type { TicketStatus } from '../generated/prisma/client.js';
import { verifyPassword } from '../passwords.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing.js';
import { TicketEventType } from '../generated/prisma/enums.js';
import { WorkingClock } from './clock.js';
import { DEMO_TRACKING_CODE, seedDemoSchool, type SeedSummary } from './index.js';
import { sha256Hex } from './tickets.js';

// A Tuesday lunchtime; its 120 days of history cross the switch to summer time on 29 March.
// It lies in the past, so a timestamp left to the database's now() would stand out.
const NOW = new Date('2026-04-14T10:30:00Z');
const SCALE = 0.1;
const HOUR = 3_600_000;

describe('WorkingClock', () => {
  it('agrees with addSlaMinutes on working and 24/7 clocks', () => {
    const calendars: BusinessCalendar[] = [
      { timeZone: 'Europe/Amsterdam', businessDayStart: 540, businessDayEnd: 1020, businessDays: [1, 2, 3, 4, 5] },
      { timeZone: 'Europe/Amsterdam', businessDayStart: 540, businessDayEnd: 1200, businessDays: [1, 2, 3, 4, 5, 6] },
      { timeZone: 'America/New_York', businessDayStart: 0, businessDayEnd: 720, businessDays: [2, 4] },
    ];
    const from = new Date(NOW.getTime() - 130 * 24 * HOUR);
    for (const calendar of calendars) {
      const clock = new WorkingClock(calendar, from, new Date(NOW.getTime() + 10 * 24 * HOUR));
      for (let i = 0; i < 400; i += 1) {
        // Spread deterministically over the window, including instants past its end.
        const start = from.getTime() + ((i * 7_919_113) % (138 * 24)) * HOUR + (i % 60) * 60_000 + (i % 7) * 1000;
        const minutes = (i * 37) % 4000;
        for (const businessHoursOnly of [true, false]) {
          expect(clock.after(start, minutes, businessHoursOnly)).toBe(
            addSlaMinutes(new Date(start), minutes, calendar, businessHoursOnly).getTime(),
          );
        }
      }
    }
  });
});

describe.each(await testDatabaseKinds())('the demo school on %s', (kind) => {
  let db: TestDatabase;
  let summary: SeedSummary;
  const sql = <T>(query: TemplateStringsArray, ...values: unknown[]) => db.prisma.$queryRaw<T[]>(query, ...values);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    summary = await seedDemoSchool(db.prisma, { scale: SCALE, now: NOW });
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('has the school, its people and about 3,000 × scale tickets', async () => {
    expect(summary).toMatchObject({ departments: 6, slaPolicies: 24, users: 30 + 25 + 1, incidents: 5 });
    expect(summary.tickets).toBeGreaterThanOrEqual(300);
    expect(summary.tickets).toBeLessThan(340);
    expect(summary.articles).toBeGreaterThanOrEqual(30);
    expect(summary.cannedResponses).toBeGreaterThanOrEqual(15);
    expect(summary.suggestions).toBeGreaterThanOrEqual(10);
    const departments = await db.prisma.department.findMany({ include: { categories: true, members: true, slaPolicies: true } });
    expect(departments.map((department) => department.slug).sort()).toEqual([
      'financial-aid',
      'housing',
      'it',
      'library',
      'registrar',
      'student-services',
    ]);
    for (const department of departments) {
      expect(department.timeZone).toBe('Europe/Amsterdam');
      expect(department.categories.length).toBeGreaterThanOrEqual(3);
      expect(department.categories.length).toBeLessThanOrEqual(6);
      expect(department.members.some((member) => member.role === 'MANAGER')).toBe(true);
      const urgent = department.slaPolicies.find((policy) => policy.priority === 'URGENT');
      expect(urgent?.businessHoursOnly).toBe(false);
      expect(department.slaPolicies.filter((policy) => policy.businessHoursOnly)).toHaveLength(3);
    }
    const it = departments.find((department) => department.slug === 'it');
    expect(it?.categories.map((category) => category.name)).toContain('Login & accounts');
  });

  it('has tickets in every status, recent ones open and old ones closed', async () => {
    const rows = await sql<{ status: TicketStatus; tickets: number; newest: Date; oldest: Date }>`
      SELECT status, count(*)::int AS tickets, max("createdAt") AS newest, min("createdAt") AS oldest FROM "Ticket" GROUP BY status`;
    expect(rows.map((row) => row.status).sort()).toEqual(['CLOSED', 'NEW', 'OPEN', 'RESOLVED', 'WAITING_ON_STUDENT']);
    const closed = rows.find((row) => row.status === 'CLOSED');
    expect(closed && closed.tickets > summary.tickets / 2).toBe(true);
    const [range] = await sql<{ first: Date; last: Date; future: number }>`
      SELECT min("createdAt") AS first, max("createdAt") AS last,
             (SELECT count(*)::int FROM "Ticket" WHERE "updatedAt" > ${NOW} OR "updatedAt" < "createdAt") AS future
      FROM "Ticket"`;
    expect(range?.first.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 121 * 24 * HOUR);
    expect(range?.last.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(range?.future).toBe(0);
  });

  it('sets no timestamp later than now anywhere', async () => {
    const [late] = await sql<{ rows: number }>`
      SELECT (SELECT count(*) FROM "Message" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "TicketEvent" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "Rating" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "User" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "Department" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "Article" WHERE "updatedAt" > ${NOW} OR "createdAt" > "updatedAt")
           + (SELECT count(*) FROM "IncidentUpdate" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "SuggestionVote" WHERE "createdAt" > ${NOW})
           + (SELECT count(*) FROM "Deflection" WHERE "createdAt" > ${NOW}) AS rows`;
    expect(Number(late?.rows)).toBe(0);
  });

  it('records firstRespondedAt as the first public staff message', async () => {
    const mismatches = await sql<{ number: number }>`
      SELECT t.number FROM "Ticket" t
      LEFT JOIN LATERAL (
        SELECT min(m."createdAt") AS first FROM "Message" m JOIN "User" u ON u.id = m."authorId"
        WHERE m."ticketId" = t.id AND NOT m.internal AND u.role <> 'STUDENT'
      ) staff ON true
      WHERE t."firstRespondedAt" IS DISTINCT FROM staff.first`;
    expect(mismatches).toEqual([]);
    const [late] = await sql<{ late: number; responded: number }>`
      SELECT count(*) FILTER (WHERE "firstRespondedAt" > "firstResponseDueAt")::int AS late,
             count("firstRespondedAt")::int AS responded FROM "Ticket"`;
    expect(late?.late).toBeGreaterThan(0);
    expect((late?.late ?? 0) / (late?.responded ?? 1)).toBeLessThan(0.3);
  });

  it('computes due times with addSlaMinutes from the department calendar and the policy', async () => {
    const tickets = await db.prisma.ticket.findMany({
      where: { number: { in: Array.from({ length: 60 }, (_, i) => 1001 + i * 5) } },
      include: { department: { include: { slaPolicies: true } } },
    });
    expect(tickets.length).toBe(60);
    for (const ticket of tickets) {
      const policy = ticket.department.slaPolicies.find((candidate) => candidate.priority === ticket.priority);
      if (!policy) throw new Error(`no policy for ${ticket.priority}`);
      const calendar = ticket.department;
      expect(ticket.firstResponseDueAt).toEqual(
        addSlaMinutes(ticket.createdAt, policy.firstResponseMinutes, calendar, policy.businessHoursOnly),
      );
      expect(ticket.resolutionDueAt).toEqual(addSlaMinutes(ticket.createdAt, policy.resolutionMinutes, calendar, policy.businessHoursOnly));
    }
  });

  it('breaches some SLAs, more in Financial Aid than in the Library, and has open tickets overdue and due soon', async () => {
    const rows = await sql<{ slug: string; resolved: number; breached: number }>`
      SELECT d.slug, count(*)::int AS resolved, count(*) FILTER (WHERE t."resolvedAt" > t."resolutionDueAt")::int AS breached
      FROM "Ticket" t JOIN "Department" d ON d.id = t."departmentId"
      WHERE t."resolvedAt" IS NOT NULL GROUP BY d.slug`;
    const rate = (slug: string) => {
      const row = rows.find((candidate) => candidate.slug === slug);
      return row ? row.breached / row.resolved : NaN;
    };
    const all = rows.reduce((sum, row) => ({ resolved: sum.resolved + row.resolved, breached: sum.breached + row.breached }), {
      resolved: 0,
      breached: 0,
    });
    expect(all.breached / all.resolved).toBeGreaterThan(0.07);
    expect(all.breached / all.resolved).toBeLessThan(0.2);
    expect(rate('financial-aid')).toBeGreaterThan(rate('library'));
    const [open] = await sql<{ overdue: number; dueSoon: number }>`
      SELECT count(*) FILTER (WHERE "resolutionDueAt" < ${NOW})::int AS overdue,
             count(*) FILTER (WHERE "resolutionDueAt" BETWEEN ${NOW} AND ${new Date(NOW.getTime() + 2 * HOUR)})::int AS "dueSoon"
      FROM "Ticket" WHERE status NOT IN ('RESOLVED', 'CLOSED')`;
    expect(open?.overdue).toBeGreaterThan(0);
    expect(open?.dueSoon).toBeGreaterThanOrEqual(4);
  });

  it('keeps events in order, chained from status to status, and consistent with the ticket', async () => {
    const tickets = await db.prisma.ticket.findMany({
      include: { events: { orderBy: [{ createdAt: 'asc' }] }, rating: true, messages: true },
    });
    for (const ticket of tickets) {
      const [created, ...rest] = ticket.events;
      expect(created).toMatchObject({ type: TicketEventType.CREATED, toStatus: 'NEW', createdAt: ticket.createdAt });
      const times = ticket.events.map((event) => event.createdAt.getTime());
      expect(new Set(times).size, `SD-${ticket.number} has events at the same instant`).toBe(times.length);
      let status: TicketStatus = 'NEW';
      for (const event of rest) {
        expect(Object.values(TicketEventType)).toContain(event.type);
        if (event.toStatus === null) continue;
        expect(event.fromStatus, `SD-${ticket.number} ${event.type}`).toBe(status);
        status = event.toStatus;
      }
      expect(status, `SD-${ticket.number}`).toBe(ticket.status);
      const last = (type: string) => ticket.events.filter((event) => event.type === type).at(-1)?.createdAt ?? null;
      const resolved = ticket.status === 'RESOLVED' || ticket.status === 'CLOSED';
      expect(ticket.resolvedAt, `SD-${ticket.number}`).toEqual(resolved ? last(TicketEventType.RESOLVED) : null);
      expect(ticket.closedAt !== null).toBe(ticket.status === 'CLOSED');
      expect(ticket.events.filter((event) => event.type === TicketEventType.RATED)).toHaveLength(ticket.rating ? 1 : 0);
      expect(
        ticket.events.filter((event) => event.type === TicketEventType.REPLIED || event.type === TicketEventType.NOTE_ADDED),
      ).toHaveLength(ticket.messages.length);
      expect(ticket.updatedAt).toEqual(ticket.events.at(-1)?.createdAt);
      if (ticket.assigneeId) expect(ticket.events.some((event) => event.type === TicketEventType.ASSIGNED)).toBe(true);
    }
    const types = new Set(tickets.flatMap((ticket) => ticket.events.map((event) => event.type)));
    for (const type of [
      'ASSIGNED',
      'STATUS_CHANGED',
      'REPLIED',
      'NOTE_ADDED',
      'RESOLVED',
      'REOPENED',
      'RATED',
      'INCIDENT_LINKED',
      'SLA_BREACHED',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('writes conversations of one to eight messages after creation, by the right people', async () => {
    const [shape] = await sql<{
      most: number;
      resolvedWithout: number;
      before: number;
      withNotes: number;
      tickets: number;
      wrongAuthor: number;
    }>`
      SELECT (SELECT max(n)::int FROM (SELECT count(*) AS n FROM "Message" GROUP BY "ticketId") counts) AS most,
             (SELECT count(*)::int FROM "Ticket" t WHERE t.status IN ('RESOLVED', 'CLOSED') AND NOT EXISTS (
                SELECT 1 FROM "Message" m JOIN "User" u ON u.id = m."authorId"
                WHERE m."ticketId" = t.id AND NOT m.internal AND u.role <> 'STUDENT')) AS "resolvedWithout",
             (SELECT count(*)::int FROM "Message" m JOIN "Ticket" t ON t.id = m."ticketId" WHERE m."createdAt" <= t."createdAt") AS before,
             (SELECT count(DISTINCT "ticketId")::int FROM "Message" WHERE internal) AS "withNotes",
             (SELECT count(*)::int FROM "Ticket") AS tickets,
             (SELECT count(*)::int FROM "Message" m JOIN "Ticket" t ON t.id = m."ticketId" LEFT JOIN "User" u ON u.id = m."authorId"
               WHERE (m.internal AND (u.role IS NULL OR u.role = 'STUDENT'))
                  OR (u.role = 'STUDENT' AND m."authorId" IS DISTINCT FROM t."requesterId")
                  OR (u.role <> 'STUDENT' AND u."departmentId" IS DISTINCT FROM t."departmentId")) AS "wrongAuthor"`;
    expect(shape).toMatchObject({ resolvedWithout: 0, before: 0, wrongAuthor: 0 });
    expect(shape?.most).toBeLessThanOrEqual(8);
    expect((shape?.withNotes ?? 0) / (shape?.tickets ?? 1)).toBeGreaterThan(0.2);
    expect((shape?.withNotes ?? 0) / (shape?.tickets ?? 1)).toBeLessThan(0.4);
  });

  it('assigns tickets to staff of their own department', async () => {
    const [wrong] = await sql<{ tickets: number; unassignedNew: number; news: number }>`
      SELECT count(*) FILTER (WHERE u.id IS NOT NULL AND (u."departmentId" <> t."departmentId" OR u.role = 'STUDENT'))::int AS tickets,
             count(*) FILTER (WHERE t.status = 'NEW' AND t."assigneeId" IS NULL)::int AS "unassignedNew",
             count(*) FILTER (WHERE t.status = 'NEW')::int AS news
      FROM "Ticket" t LEFT JOIN "User" u ON u.id = t."assigneeId"`;
    expect(wrong?.tickets).toBe(0);
    expect(wrong?.unassignedNew).toBeGreaterThan(0);
  });

  it('rates only resolved tickets, after resolution, with the ticket’s own facts', async () => {
    const wrong = await sql<{ number: number }>`
      SELECT t.number FROM "Rating" r JOIN "Ticket" t ON t.id = r."ticketId"
      WHERE t.status NOT IN ('RESOLVED', 'CLOSED') OR r."createdAt" <= t."resolvedAt"
         OR r."departmentId" <> t."departmentId" OR r."staffId" IS DISTINCT FROM t."resolvedById"
         OR r."ratedById" IS DISTINCT FROM t."requesterId" OR r."predictedScore" IS DISTINCT FROM t."predictedScore"
         OR r.score NOT BETWEEN 1 AND 5`;
    expect(wrong).toEqual([]);
    const [shares] = await sql<{
      rated: number;
      resolved: number;
      predicted: number;
      average: number;
      gap: number;
      ones: number;
      comments: number;
    }>`
      SELECT count(r.id)::int AS rated, count(*)::int AS resolved, count(t."predictedScore")::int AS predicted,
             avg(r.score)::float AS average, avg(r."predictedScore" - r.score)::float AS gap,
             count(*) FILTER (WHERE r.score <= 2)::int AS ones, count(r.comment)::int AS comments
      FROM "Ticket" t LEFT JOIN "Rating" r ON r."ticketId" = t.id WHERE t.status IN ('RESOLVED', 'CLOSED')`;
    if (!shares) throw new Error('no resolved tickets');
    expect(shares.rated / shares.resolved).toBeGreaterThan(0.5);
    expect(shares.rated / shares.resolved).toBeLessThan(0.7);
    expect(shares.predicted / shares.resolved).toBeGreaterThan(0.7);
    expect(shares.average).toBeGreaterThan(3.6);
    expect(shares.average).toBeLessThan(4.6);
    expect(shares.ones).toBeGreaterThan(0);
    expect(shares.gap).toBeGreaterThan(0);
    expect(shares.comments / shares.rated).toBeGreaterThan(0.3);
    expect(shares.comments / shares.rated).toBeLessThan(0.7);
  });

  it('files guest reports without a requester but with contact details and a tracking code', async () => {
    const guests = await db.prisma.ticket.findMany({
      where: { channel: 'GUEST' },
      include: { trackingCodes: true, messages: { include: { author: true } } },
    });
    expect(guests.length / summary.tickets).toBeGreaterThan(0.05);
    expect(guests.length / summary.tickets).toBeLessThan(0.2);
    for (const ticket of guests) {
      expect(ticket.requesterId).toBeNull();
      expect(ticket.contactName).not.toBe('');
      expect(ticket.contactEmail).toMatch(/@/);
      expect(ticket.studentNumber).toMatch(/^S\d{8,}$/);
      expect(ticket.trackingCodes).toHaveLength(1);
      expect(ticket.trackingCodes[0]?.codeHash).toMatch(/^[0-9a-f]{64}$/);
      for (const message of ticket.messages) if (message.author) expect(message.author.role).not.toBe('STUDENT');
    }
    const signedIn = await db.prisma.ticket.findMany({ where: { channel: 'PORTAL' }, include: { requester: true }, take: 50 });
    for (const ticket of signedIn)
      expect(ticket).toMatchObject({ contactName: ticket.requester?.name, contactEmail: ticket.requester?.email });
  });

  it('resolves the demo tracking code to a guest ticket', async () => {
    const code = await db.prisma.trackingCode.findUnique({ where: { codeHash: sha256Hex(DEMO_TRACKING_CODE) }, include: { ticket: true } });
    expect(code?.ticket).toMatchObject({ channel: 'GUEST', requesterId: null, status: 'OPEN' });
    expect(code?.ticket.resolutionDueAt?.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it('has the demo sign-ins with the demo password', async () => {
    const expected = [
      ['student@studentdesk.demo', 'STUDENT', 'Amara Okafor', null],
      ['staff@studentdesk.demo', 'STAFF', 'Jonas Weber', 'it'],
      ['manager@studentdesk.demo', 'MANAGER', 'Priya Raman', 'it'],
      ['admin@studentdesk.demo', 'ADMIN', undefined, null],
      ['finaid@studentdesk.demo', 'STAFF', undefined, 'financial-aid'],
    ] as const;
    for (const [email, role, name, department] of expected) {
      const user = await db.prisma.user.findUnique({ where: { email }, include: { department: true } });
      expect(user, email).toMatchObject({ role, ...(name ? { name } : {}) });
      expect(user?.department?.slug ?? null).toBe(department);
      expect(await verifyPassword('studentdesk', user?.passwordHash ?? '')).toBe(true);
    }
    const hashes = await sql<{ hashes: number }>`SELECT count(DISTINCT "passwordHash")::int AS hashes FROM "User"`;
    expect(hashes[0]?.hashes).toBe(1);
    const students = await db.prisma.user.findMany({ where: { role: 'STUDENT' } });
    for (const student of students) {
      expect(student.studentNumber).toMatch(/^S20\d{6,}$/);
      if (student.email !== 'student@studentdesk.demo') expect(student.email).toMatch(/^[a-z]+\.[a-z]+\d*@students\.demo\.edu$/);
    }
  });

  it('gives the demo student tickets in every status, one resolved and waiting for her rating', async () => {
    const tickets = await db.prisma.ticket.findMany({
      where: { requester: { email: 'student@studentdesk.demo' } },
      include: { rating: true },
    });
    expect(new Set(tickets.map((ticket) => ticket.status))).toEqual(new Set(['NEW', 'OPEN', 'WAITING_ON_STUDENT', 'RESOLVED', 'CLOSED']));
    expect(tickets.filter((ticket) => ticket.status === 'RESOLVED' && ticket.rating === null)).toHaveLength(1);
    const praise = tickets.find((ticket) => ticket.rating?.score === 5);
    expect(praise?.rating?.comment).toContain('Jonas');
  });

  it('has two active incidents with linked tickets and three resolved ones', async () => {
    const incidents = await db.prisma.incident.findMany({ include: { tickets: true, updates: true }, orderBy: { startedAt: 'desc' } });
    expect(incidents.filter((incident) => incident.status !== 'RESOLVED')).toHaveLength(2);
    expect(incidents.filter((incident) => incident.status === 'RESOLVED' && incident.resolvedAt)).toHaveLength(3);
    const lms = incidents.find((incident) => incident.title === 'LMS sign-in failing');
    expect(lms?.status).toBe('INVESTIGATING');
    expect(lms?.tickets.length).toBeGreaterThanOrEqual(5);
    expect(lms?.tickets.length).toBeLessThanOrEqual(10);
    for (const incident of incidents) {
      expect(incident.updates.length).toBeGreaterThan(0);
      for (const ticket of incident.tickets) {
        expect(ticket.createdAt.getTime()).toBeGreaterThanOrEqual(incident.startedAt.getTime());
        if (incident.resolvedAt) expect(ticket.resolvedAt?.getTime()).toBeGreaterThan(incident.resolvedAt.getTime());
      }
    }
  });

  it('has a knowledge base, canned responses with placeholders, suggestions and deflections', async () => {
    const articles = await db.prisma.article.findMany();
    expect(new Set(articles.map((article) => article.slug)).size).toBe(articles.length);
    for (const article of articles) {
      expect(article.body.split('\n\n').length, article.slug).toBeGreaterThanOrEqual(3);
      expect(article.categoryId).not.toBeNull();
      expect([article.status, article.latestVersionNumber, article.publishedVersionId]).toEqual(['PUBLISHED', 1, expect.any(String)]);
    }
    const versions = await db.prisma.articleVersion.findMany({ where: { number: 1 } });
    expect(versions.map((version) => version.articleId).sort()).toEqual(articles.map((article) => article.id).sort());
    const canned = await db.prisma.cannedResponse.findMany();
    expect(canned.some((response) => response.departmentId === null)).toBe(true);
    expect(canned.some((response) => response.departmentId !== null)).toBe(true);
    for (const response of canned) expect(response.body).toMatch(/\{\{(student\.firstName|ticket\.number|agent\.firstName)\}\}/);
    const suggestions = await db.prisma.suggestion.findMany({ include: { votes: true, comments: true, decidedBy: true } });
    expect(suggestions.every((suggestion) => suggestion.categoryId && suggestion.votes.length > 0)).toBe(true);
    const decided = suggestions.filter((suggestion) => suggestion.status !== 'OPEN');
    expect(new Set(decided.map((suggestion) => suggestion.status))).toEqual(new Set(['ACCEPTED', 'DECLINED']));
    for (const suggestion of decided)
      expect(suggestion).toMatchObject({ decidedBy: { role: 'MANAGER' }, decisionReason: expect.any(String) });
    const [deflections] = await sql<{ articles: number; incidents: number }>`
      SELECT count("articleId")::int AS articles, count("incidentId")::int AS incidents FROM "Deflection"`;
    expect(deflections?.articles).toBeGreaterThan(0);
    expect(deflections?.incidents).toBeGreaterThan(0);
  });

  it('continues ticket numbers after the seeded ones', async () => {
    const [numbers] = await sql<{ highest: number; next: number }>`
      SELECT (SELECT max(number) FROM "Ticket") AS highest, (SELECT last_value::int FROM "Ticket_number_seq") AS next`;
    expect(numbers?.next).toBe(numbers?.highest);
  });

  it('does nothing when seeded again without reset', async () => {
    const fingerprint = () => sql<{ tickets: string; messages: string }>`
      SELECT (SELECT md5(string_agg(id::text || status::text || "updatedAt"::text, ',' ORDER BY id)) FROM "Ticket") AS tickets,
             (SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM "Message") AS messages`;
    const before = await fingerprint();
    expect(await seedDemoSchool(db.prisma, { scale: SCALE, now: NOW })).toEqual(summary);
    expect(await fingerprint()).toEqual(before);
  });

  it('tells the same stories when seeded again with the same now', async () => {
    const stories = () => sql<{ number: number; title: string; status: string; score: number | null }>`
      SELECT t.number, t.title, t.status::text AS status, r.score FROM "Ticket" t LEFT JOIN "Rating" r ON r."ticketId" = t.id ORDER BY t.number`;
    const first = await stories();
    expect(await seedDemoSchool(db.prisma, { scale: SCALE, now: NOW, reset: true })).toEqual(summary);
    expect(await stories()).toEqual(first);
  }, 300_000);
});
