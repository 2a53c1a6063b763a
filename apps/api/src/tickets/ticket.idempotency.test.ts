// A retried or double-clicked submission makes one ticket, not two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, startTestApi, type TestApi } from '../test/api.js';
import { createSchool, type School } from '../test/factories.js';
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

  it('returns the same ticket for a retry, with a tracking code that works too', async () => {
    const first = await api.gql(REPORT_PROBLEM, { input: guestInput('retry-key-0001') });
    const retry = await api.gql(REPORT_PROBLEM, { input: guestInput('retry-key-0001') });
    expect(retry.data!.reportProblem.ticket.id).toBe(first.data!.reportProblem.ticket.id);
    for (const response of [first, retry]) {
      const tracked = await api.gql(TRACK_TICKET, { code: response.data!.reportProblem.trackingCode });
      expect(tracked.data!.trackTicket.id).toBe(first.data!.reportProblem.ticket.id);
    }
    expect(await api.db.prisma.ticket.count({ where: { idempotencyKey: 'retry-key-0001' } })).toBe(1);
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
