// A retried or double-clicked submission makes one ticket, not two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM, TRACK_TICKET } from '../test/operations.js';

describe.each(DATABASE_KINDS)('idempotent reports on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const guestInput = (idempotencyKey: string) => ({
    categoryId: school.categoryIds.login,
    title: 'Locked out',
    description: 'Cannot sign in.',
    contactName: 'Kai',
    contactEmail: 'kai@example.edu',
    idempotencyKey,
  });

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('returns the same ticket and the same tracking code for a retry, and never stores a second code', async () => {
    const first = await api.gql(REPORT_PROBLEM, { input: guestInput('retry-key-0001') });
    const retry = await api.gql(REPORT_PROBLEM, { input: guestInput('retry-key-0001') });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.reportProblem.ticket.id).toBe(first.data!.reportProblem.ticket.id);
    expect(retry.data!.reportProblem.trackingCode).toBe(first.data!.reportProblem.trackingCode);
    const tracked = await api.gql(TRACK_TICKET, { code: retry.data!.reportProblem.trackingCode });
    expect(tracked.data!.trackTicket.id).toBe(first.data!.reportProblem.ticket.id);
    const ticket = await api.db.prisma.ticket.findFirstOrThrow({ where: { idempotencyKey: 'retry-key-0001' } });
    expect(await api.db.prisma.trackingCode.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await api.db.prisma.emailMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it('answers CONFLICT (409) to the same key with other content, giving away neither the ticket nor a code', async () => {
    const original = await api.gql(REPORT_PROBLEM, { input: guestInput('victim-key-0004') });
    // Someone who learned the victim's key and types the victim's email, with a report of their own.
    const replay = await api.gql(REPORT_PROBLEM, { input: { ...guestInput('victim-key-0004'), description: 'Show me the ticket.' } });
    expect(replay.status).toBe(409);
    expect(codes(replay)).toEqual(['CONFLICT']);
    expect(replay.data?.reportProblem ?? null).toBeNull();
    expect(JSON.stringify(replay)).not.toContain(original.data!.reportProblem.ticket.id);
    const ticket = await api.db.prisma.ticket.findFirstOrThrow({ where: { idempotencyKey: 'victim-key-0004' } });
    expect(await api.db.prisma.trackingCode.count({ where: { ticketId: ticket.id } })).toBe(1);
    // A signed-in person's key is theirs alone: the same key from another account is another report.
    const mine = await api.gql(REPORT_PROBLEM, { input: guestInput('student-key-0005') }, { token: school.tokens.alice });
    const theirs = await api.gql(REPORT_PROBLEM, { input: guestInput('student-key-0005') }, { token: school.tokens.bob });
    expect(theirs.data!.reportProblem.ticket.id).not.toBe(mine.data!.reportProblem.ticket.id);
    const again = await api.gql(
      REPORT_PROBLEM,
      { input: { ...guestInput('student-key-0005'), title: 'Other' } },
      { token: school.tokens.alice },
    );
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('makes one ticket from ten simultaneous copies of one submission', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api.gql(REPORT_PROBLEM, { input: guestInput('double-click-0002') })),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(new Set(responses.map((response) => response.data!.reportProblem.ticket.id)).size).toBe(1);
    expect(await api.db.prisma.ticket.count({ where: { idempotencyKey: 'double-click-0002' } })).toBe(1);
    expect(await api.db.prisma.ticketEvent.count({ where: { ticket: { idempotencyKey: 'double-click-0002' } } })).toBe(1);
  });

  it('scopes keys to the reporter: the same key from two people makes two tickets', async () => {
    const mine = await api.gql(REPORT_PROBLEM, { input: { ...guestInput('shared-key-0003'), contactEmail: 'one@example.edu' } });
    const theirs = await api.gql(REPORT_PROBLEM, { input: { ...guestInput('shared-key-0003'), contactEmail: 'two@example.edu' } });
    const signedIn = await api.gql(REPORT_PROBLEM, { input: { ...guestInput('shared-key-0003') } }, { token: school.tokens.alice });
    const ids = [mine, theirs, signedIn].map((response) => response.data!.reportProblem.ticket.id);
    expect(new Set(ids).size).toBe(3);
  });
});
