// The help centre's "was this helpful?" and "see also", over HTTP: a person or a browser counts
// once and may change its mind, drafts take no votes, and related articles stay in the category.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createArticle, createCategory, createSchool, type School } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';

const VOTE = `mutation($input: VoteOnArticleInput!) { voteOnArticle(input: $input) { helpfulVotes notHelpfulVotes } }`;
const ARTICLE = `query($slug: String!) { article(slug: $slug) { title related { title } } }`;

describe('article votes and related articles', () => {
  let api: TestApi;
  let school: School;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
    const { prisma } = api.db;
    const it = school.departments.it.id;
    const wifi = await createCategory(prisma, it, 'Wi-Fi');
    const add = async (slug: string, categoryId: string, status: 'PUBLISHED' | 'DRAFT' = 'PUBLISHED', departmentId = it) => {
      const article = await createArticle(prisma, { slug, title: slug, summary: '-', body: '-', categoryId, departmentId, status });
      ids[slug] = toGlobalId('Article', article.id);
    };
    await add('eduroam-on-android', wifi.id);
    await add('eduroam-on-iphone', wifi.id);
    await add('wifi-draft', wifi.id, 'DRAFT');
    await add('reset-your-password', school.categories.login.id);
    await add('fee-refunds', school.categories.fees.id, 'PUBLISHED', school.departments.finance.id);
  });
  afterAll(() => api?.close());

  const vote = (slug: string, helpful: boolean, who: { token?: string; browserId?: string }) =>
    api.gql(VOTE, { input: { articleId: ids[slug], helpful, ...(who.browserId ? { browserId: who.browserId } : {}) } }, who);

  it('counts each person and each browser once, and takes a changed mind', async () => {
    const browser = randomUUID();
    await vote('eduroam-on-android', true, { browserId: browser });
    await vote('eduroam-on-android', true, { browserId: browser });
    await vote('eduroam-on-android', true, { token: school.tokens.alice });
    await vote('eduroam-on-android', false, { browserId: randomUUID() });
    const changed = await vote('eduroam-on-android', false, { token: school.tokens.alice });
    expect(changed.data!.voteOnArticle).toEqual({ helpfulVotes: 1, notHelpfulVotes: 2 });
  });

  it('refuses a vote without a browser id or sign-in, a malformed id, and an unpublished or unknown article', async () => {
    const anonymous = await vote('eduroam-on-iphone', true, {});
    expect(codes(anonymous)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await vote('eduroam-on-iphone', true, { browserId: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await vote('wifi-draft', true, { browserId: randomUUID() }))).toEqual(['NOT_FOUND']);
    const unknown = await api.gql(VOTE, {
      input: { articleId: toGlobalId('Article', randomUUID()), helpful: true, browserId: randomUUID() },
    });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(await api.db.prisma.articleVote.count({ where: { article: { slug: { in: ['eduroam-on-iphone', 'wifi-draft'] } } } })).toBe(0);
  });

  it('relates published articles of the same category first, then of the department, never drafts', async () => {
    const page = await api.gql(ARTICLE, { slug: 'eduroam-on-iphone' });
    const related = page.data!.article.related.map((article: { title: string }) => article.title);
    expect(related[0]).toBe('eduroam-on-android');
    expect(related).not.toContain('wifi-draft');
    expect(related).not.toContain('eduroam-on-iphone');
    expect(related).toContain('reset-your-password');
    expect(related).not.toContain('fee-refunds');
  });
});
