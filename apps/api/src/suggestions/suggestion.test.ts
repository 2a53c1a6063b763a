// Voice of staff over HTTP: raise, vote, comment, decide — and who may do which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';

const SUGGESTION_FIELDS = /* GraphQL */ `
  id title status voteCount viewerHasVoted decisionReason decidedAt
  category { name } author { name } decidedBy { name }
  comments { body author { name } }
`;
const RAISE = `mutation Raise($input: RaiseSuggestionInput!) { raiseSuggestion(input: $input) { ${SUGGESTION_FIELDS} } }`;
const VOTE = `mutation Vote($id: ID!) { voteForSuggestion(suggestionId: $id) { ${SUGGESTION_FIELDS} } }`;
const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawSuggestionVote(suggestionId: $id) { ${SUGGESTION_FIELDS} } }`;
const COMMENT = `mutation Comment($input: CommentOnSuggestionInput!) { commentOnSuggestion(input: $input) { body author { name } } }`;
const DECIDE = `mutation Decide($input: DecideSuggestionInput!) { decideSuggestion(input: $input) { ${SUGGESTION_FIELDS} } }`;
const LIST = `query List($status: [SuggestionStatus!], $first: Int, $after: String) {
  suggestions(status: $status, first: $first, after: $after) { edges { node { ${SUGGESTION_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

describe.each(DATABASE_KINDS)('suggestions on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let suggestionId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('lets staff raise a suggestion tied to a category', async () => {
    const response = await api.gql(
      RAISE,
      { input: { title: 'Self-service password reset', body: 'Half our login tickets are resets.', categoryId: school.categoryIds.login } },
      { token: school.tokens.staff },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.raiseSuggestion).toMatchObject({
      status: 'OPEN',
      voteCount: 0,
      viewerHasVoted: false,
      category: { name: 'Login & accounts' },
      author: { name: 'Sam Staff' },
    });
    suggestionId = response.data!.raiseSuggestion.id;
    expect(
      codes(
        await api.gql(RAISE, { input: { title: 'x', body: 'y', categoryId: school.categoryIds.login } }, { token: school.tokens.alice }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await api.gql(RAISE, { input: { title: '  ', body: 'y', categoryId: school.categoryIds.login } }, { token: school.tokens.staff }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('counts each staff member’s vote once, and lets them take it back', async () => {
    await api.gql(VOTE, { id: suggestionId }, { token: school.tokens.otherStaff });
    const twice = await api.gql(VOTE, { id: suggestionId }, { token: school.tokens.otherStaff });
    expect(twice.data!.voteForSuggestion).toMatchObject({ voteCount: 1, viewerHasVoted: true });
    await api.gql(VOTE, { id: suggestionId }, { token: school.tokens.staff });
    const withdrawn = await api.gql(WITHDRAW, { id: suggestionId }, { token: school.tokens.staff });
    expect(withdrawn.data!.withdrawSuggestionVote).toMatchObject({ voteCount: 1, viewerHasVoted: false });
    expect(codes(await api.gql(VOTE, { id: suggestionId }, { token: school.tokens.bob }))).toEqual(['FORBIDDEN']);
  });

  it('collects comments from colleagues, oldest first', async () => {
    await api.gql(COMMENT, { input: { suggestionId, body: 'Finance would use it too.' } }, { token: school.tokens.otherStaff });
    await api.gql(COMMENT, { input: { suggestionId, body: 'The LMS supports it.' } }, { token: school.tokens.staff });
    const list = await api.gql(LIST, {}, { token: school.tokens.manager });
    expect(list.data!.suggestions.edges[0].node.comments).toEqual([
      { body: 'Finance would use it too.', author: { name: 'Fiona Finance' } },
      { body: 'The LMS supports it.', author: { name: 'Sam Staff' } },
    ]);
    expect(codes(await api.gql(LIST, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
  });

  it('lets only managers and admins decide, with a reason to decline, once', async () => {
    expect(codes(await api.gql(DECIDE, { input: { suggestionId, decision: 'ACCEPTED' } }, { token: school.tokens.staff }))).toEqual([
      'FORBIDDEN',
    ]);
    const noReason = await api.gql(DECIDE, { input: { suggestionId, decision: 'DECLINED' } }, { token: school.tokens.manager });
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.errors![0]!.extensions!.field).toBe('reason');

    const accepted = await api.gql(
      DECIDE,
      { input: { suggestionId, decision: 'ACCEPTED', reason: 'Rolling out next term.' } },
      { token: school.tokens.manager },
    );
    expect(accepted.data!.decideSuggestion).toMatchObject({
      status: 'ACCEPTED',
      decisionReason: 'Rolling out next term.',
      decidedBy: { name: 'Maya Manager' },
    });
    expect(accepted.data!.decideSuggestion.decidedAt).toBeTruthy();
    expect(
      codes(
        await api.gql(DECIDE, { input: { suggestionId, decision: 'DECLINED', reason: 'Changed my mind' } }, { token: school.tokens.admin }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(VOTE, { id: suggestionId }, { token: school.tokens.manager }))).toEqual(['BAD_USER_INPUT']);
  });

  it('is fetched again by its global ID, by staff only', async () => {
    const NODE = `query($id: ID!) { node(id: $id) { id ... on Suggestion { title } } }`;
    const asStaff = await api.gql(NODE, { id: suggestionId }, { token: school.tokens.otherStaff });
    expect(asStaff.data!.node).toEqual({ id: suggestionId, title: 'Self-service password reset' });
    expect(codes(await api.gql(NODE, { id: suggestionId }, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
  });

  it('filters by status and pages newest first', async () => {
    for (const title of ['Chatbot for fees', 'Longer help-desk hours']) {
      const raised = await api.gql(
        RAISE,
        { input: { title, body: 'Why not.', categoryId: school.categoryIds.fees } },
        { token: school.tokens.otherStaff },
      );
      expect(raised.errors).toBeUndefined();
    }
    const open = await api.gql(LIST, { status: ['OPEN'], first: 1 }, { token: school.tokens.staff });
    expect(open.data!.suggestions.edges.map((edge: any) => edge.node.title)).toEqual(['Longer help-desk hours']);
    const next = await api.gql(
      LIST,
      { status: ['OPEN'], first: 5, after: open.data!.suggestions.pageInfo.endCursor },
      { token: school.tokens.staff },
    );
    expect(next.data!.suggestions.edges.map((edge: any) => edge.node.title)).toEqual(['Chatbot for fees']);
    const decided = await api.gql(LIST, { status: ['ACCEPTED', 'DECLINED'] }, { token: school.tokens.staff });
    expect(decided.data!.suggestions.edges.map((edge: any) => edge.node.title)).toEqual(['Self-service password reset']);
  });
});
