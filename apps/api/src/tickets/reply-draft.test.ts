// Drafts over HTTP: staff working a ticket keep what they are writing on the server, each their
// own; sending the reply removes it; nobody else can write or read one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';

const SAVE =
  'mutation($ticketId: ID!, $body: String!, $internal: Boolean) { saveReplyDraft(ticketId: $ticketId, body: $body, internal: $internal) }';
const MY_DRAFT = 'query($id: ID!) { ticket(id: $id) { myDraft { body internal updatedAt } } }';

describe.each(DATABASE_KINDS)('reply drafts on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let ticketId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'MFA app lost', description: 'New phone.' } },
      { token: school.tokens.alice },
    );
    ticketId = reported.data!.reportProblem.ticket.id;
  });
  afterAll(() => api?.close());

  const draftOf = async (token: string) => (await api.gql(MY_DRAFT, { id: ticketId }, { token })).data?.ticket?.myDraft ?? null;

  it('keeps each colleague’s own draft, replaces it as they type, and drops it once the reply is sent', async () => {
    expect(codes(await api.gql(SAVE, { ticketId, body: 'Hi Alice, ' }, { token: school.tokens.staff }))).toEqual([]);
    expect(
      codes(await api.gql(SAVE, { ticketId, body: 'Hi Alice, I have reset', internal: false }, { token: school.tokens.staff })),
    ).toEqual([]);
    expect(codes(await api.gql(SAVE, { ticketId, body: 'Check the MFA logs.', internal: true }, { token: school.tokens.manager }))).toEqual(
      [],
    );
    expect(await draftOf(school.tokens.staff)).toMatchObject({ body: 'Hi Alice, I have reset', internal: false });
    expect(await draftOf(school.tokens.manager)).toMatchObject({ body: 'Check the MFA logs.', internal: true });

    const sent = await api.gql(REPLY, { input: { ticketId, body: 'Hi Alice, I have reset your MFA.' } }, { token: school.tokens.staff });
    expect(sent.errors).toBeUndefined();
    expect(await draftOf(school.tokens.staff)).toBeNull();
    expect(await draftOf(school.tokens.manager)).toMatchObject({ body: 'Check the MFA logs.' });

    // A blank draft is no draft.
    await api.gql(SAVE, { ticketId, body: '   ' }, { token: school.tokens.manager });
    expect(await draftOf(school.tokens.manager)).toBeNull();
  });

  it('refuses a draft longer than a message, and anyone who does not work the ticket; the student never sees one', async () => {
    expect(codes(await api.gql(SAVE, { ticketId, body: 'x'.repeat(10_001) }, { token: school.tokens.staff }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(SAVE, { ticketId, body: 'Mine now' }, { token: school.tokens.otherStaff }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SAVE, { ticketId, body: 'Hello' }, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SAVE, { ticketId, body: 'Hello' }))).toEqual(['UNAUTHENTICATED']);
    await api.gql(SAVE, { ticketId, body: 'Internal thoughts' }, { token: school.tokens.staff });
    expect(await draftOf(school.tokens.alice)).toBeNull();
    expect(await api.db.prisma.replyDraft.count()).toBe(1);
  });
});
