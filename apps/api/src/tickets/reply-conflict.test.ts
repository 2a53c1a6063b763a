// Two agents answering one student at once, over HTTP: a reply based on activity that others have
// since added to is refused with CONFLICT listing what changed, and nothing is written; sending
// again based on the newer activity confirms it. One's own changes never conflict, a student is
// never told of internal notes, and a reply sent twice with its key is stored once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { fromGlobalId, toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, REPLY, REPORT_PROBLEM } from '../test/operations.js';

const LAST_ACTIVITY = 'query($id: ID!) { ticket(id: $id) { lastActivityAt } }';

interface Change {
  type: string;
  actorName: string | null;
  excerpt: string | null;
}

describe.each(DATABASE_KINDS)('replies written while the ticket changed, on %s', (kind) => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  const report = async (title: string) =>
    (
      await api.gql(
        REPORT_PROBLEM,
        { input: { categoryId: school.categoryIds.login, title, description: 'Details.' } },
        { token: school.tokens.alice },
      )
    ).data!.reportProblem.ticket.id as string;
  const lastActivityAt = async (ticketId: string, token: string) =>
    (await api.gql(LAST_ACTIVITY, { id: ticketId }, { token })).data!.ticket.lastActivityAt as string;
  const reply = (token: string, input: Record<string, unknown>) => api.gql(REPLY, { input }, { token });
  const messageCount = (ticketId: string) => api.db.prisma.message.count({ where: { ticketId: fromGlobal(ticketId) } });
  const fromGlobal = (globalId: string) => fromGlobalId(globalId, 'Ticket', 'ticketId');

  it('refuses a reply written before a colleague answered, listing the answer; sending again confirms', async () => {
    const ticketId = await report('Wi-Fi drops in the library');
    const seen = await lastActivityAt(ticketId, school.tokens.staff);
    const colleague = await reply(school.tokens.manager, { ticketId, body: 'Restarted the access point on floor 2.' });
    expect(colleague.errors).toBeUndefined();

    const before = await messageCount(ticketId);
    const late = await reply(school.tokens.staff, { ticketId, body: 'Try forgetting the network.', basedOn: seen });
    expect(late.status).toBe(409);
    expect(codes(late)).toEqual(['CONFLICT']);
    const extensions = late.errors![0]!.extensions as { changes: Change[]; changeCount: number; lastActivityAt: string };
    // Her answer opened the new ticket too.
    expect(extensions.changeCount).toBe(2);
    expect(extensions.changes).toMatchObject([
      { type: 'REPLIED', actorName: 'Maya Manager', excerpt: 'Restarted the access point on floor 2.' },
      { type: 'STATUS_CHANGED', actorName: 'Maya Manager', excerpt: null },
    ]);
    expect(await messageCount(ticketId)).toBe(before);

    const confirmed = await reply(school.tokens.staff, {
      ticketId,
      body: 'Try forgetting the network.',
      basedOn: extensions.lastActivityAt,
    });
    expect(confirmed.errors).toBeUndefined();
    expect(await messageCount(ticketId)).toBe(before + 1);
  });

  it('never conflicts with the writer’s own changes, nor with a reply sent without basedOn', async () => {
    const ticketId = await report('Printer jams');
    const seen = await lastActivityAt(ticketId, school.tokens.staff);
    await api.gql(ASSIGN, { ticketId, assigneeId: toGlobalId('User', school.users.staff.id) }, { token: school.tokens.staff });
    const first = await reply(school.tokens.staff, { ticketId, body: 'Looking at it.', basedOn: seen });
    expect(first.errors).toBeUndefined();
    const second = await reply(school.tokens.staff, { ticketId, body: 'Fixed the tray.', basedOn: seen });
    expect(second.errors).toBeUndefined();
    // An integration that does not send basedOn is not checked.
    expect((await reply(school.tokens.manager, { ticketId, body: 'Thanks, Sam.', internal: true })).errors).toBeUndefined();
  });

  it('tells a student of a staff answer but never of an internal note', async () => {
    const ticketId = await report('Fee shown twice');
    const seen = await lastActivityAt(ticketId, school.tokens.alice);
    await reply(school.tokens.staff, { ticketId, body: 'Student seems upset; check the ledger.', internal: true });
    // The note is activity for staff only.
    expect(await lastActivityAt(ticketId, school.tokens.alice)).toBe(seen);
    expect(await lastActivityAt(ticketId, school.tokens.staff)).not.toBe(seen);
    const afterNote = await reply(school.tokens.alice, { ticketId, body: 'Any news?', basedOn: seen });
    expect(afterNote.errors).toBeUndefined();

    const seenAgain = await lastActivityAt(ticketId, school.tokens.alice);
    await reply(school.tokens.staff, { ticketId, body: 'Internal: refund approved.', internal: true });
    await reply(school.tokens.staff, { ticketId, body: 'We are refunding the second charge.' });
    const late = await reply(school.tokens.alice, { ticketId, body: 'Hello?', basedOn: seenAgain });
    expect(codes(late)).toEqual(['CONFLICT']);
    const changes = (late.errors![0]!.extensions as { changes: Change[] }).changes;
    expect(changes.map((change) => change.type)).toEqual(['REPLIED', 'STATUS_CHANGED']);
    expect(JSON.stringify(late.errors)).not.toContain('refund approved');
  });

  it('of two agents replying at once on the same activity, one is stored and the other conflicts', async () => {
    const ticketId = await report('Cannot print transcripts');
    const seen = await lastActivityAt(ticketId, school.tokens.staff);
    const before = await messageCount(ticketId);
    const answers = await Promise.all([
      reply(school.tokens.staff, { ticketId, body: 'On it (Sam).', basedOn: seen }),
      reply(school.tokens.manager, { ticketId, body: 'On it (Maya).', basedOn: seen }),
    ]);
    expect(answers.map((answer) => codes(answer).join()).sort()).toEqual(['', 'CONFLICT']);
    expect(await messageCount(ticketId)).toBe(before + 1);
  });

  it('stores a reply sent twice with one key once, even at the same moment, and refuses the key for other words', async () => {
    const ticketId = await report('Locker code lost');
    const before = await messageCount(ticketId);
    const input = { ticketId, body: 'Your new code is at the front desk.', idempotencyKey: 'reply-key-0001' };
    const copies = await Promise.all(Array.from({ length: 5 }, () => reply(school.tokens.staff, input)));
    expect(copies.flatMap(codes)).toEqual([]);
    expect(new Set(copies.map((copy) => copy.data!.reply.id)).size).toBe(1);
    expect(await messageCount(ticketId)).toBe(before + 1);
    expect(await api.db.prisma.ticketEvent.count({ where: { ticketId: fromGlobal(ticketId), type: 'REPLIED' } })).toBe(1);

    const otherWords = await reply(school.tokens.staff, { ...input, body: 'Something else.' });
    expect(codes(otherWords)).toEqual(['CONFLICT']);
    // Someone else who learned the key gets neither the message nor a second one.
    const otherPerson = await reply(school.tokens.manager, input);
    expect(codes(otherPerson)).toEqual(['CONFLICT']);
    expect(otherPerson.data?.reply ?? null).toBeNull();
    expect(await messageCount(ticketId)).toBe(before + 1);
  });

  it('refuses a key that is too short, as bad input', async () => {
    const ticketId = await report('Short key');
    const answer = await reply(school.tokens.staff, { ticketId, body: 'Hi.', idempotencyKey: 'abc' });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
  });
});
