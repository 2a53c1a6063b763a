// Knowledge-base search and deflection over HTTP: what a student typing a report is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createArticle, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { toGlobalId } from '../relay/global-id.js';

const SUGGESTIONS = /* GraphQL */ `
  query Suggestions($text: String!, $categoryId: ID) {
    suggestionsFor(text: $text, categoryId: $categoryId) {
      articles {
        id
        slug
        title
        category {
          name
        }
      }
      incidents {
        id
        title
      }
    }
  }
`;
const SEARCH = /* GraphQL */ `
  query Search($text: String!, $first: Int) {
    searchArticles(text: $text, first: $first) {
      slug
    }
  }
`;
const DEFLECT = /* GraphQL */ `
  mutation Deflect($input: RecordDeflectionInput!) {
    recordDeflection(input: $input)
  }
`;

describe.each(DATABASE_KINDS)('knowledge base on %s', (kind) => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const prisma = api.db.prisma;
    await createArticle(prisma, {
      slug: 'reset-password',
      title: 'Reset your password',
      summary: 'Use the self-service page.',
      body: 'Open the account page and choose Forgot password.',
      categoryId: school.categories.login.id,
    });
    await createArticle(prisma, {
      slug: 'wifi',
      title: 'Connect to campus Wi-Fi',
      summary: 'Eduroam settings for phones and laptops.',
      body: 'Choose eduroam and sign in with your student email.',
    });
    await createArticle(prisma, {
      slug: 'invoice',
      title: 'Read your fee invoice',
      summary: 'What each line means.',
      body: 'Your invoice lists tuition, housing and fees.',
      categoryId: school.categories.fees.id,
    });
    await createArticle(prisma, {
      slug: 'draft-password',
      title: 'Password policy (draft)',
      summary: 'Not yet approved.',
      body: 'password',
      status: 'DRAFT',
    });
    await prisma.incident.create({
      data: { title: 'LMS sign-in failing', summary: 'Since 09:12 the LMS rejects every sign-in.', categoryId: school.categories.login.id },
    });
    await prisma.incident.create({ data: { title: 'Printers offline in the library', summary: 'The print server is down.' } });
    await prisma.incident.create({
      data: { title: 'Old outage', summary: 'Printers were down.', status: 'RESOLVED', resolvedAt: new Date() },
    });
  });
  afterAll(() => api?.close());

  it('finds articles by stemmed words, best first, never unpublished ones', async () => {
    const res = await api.gql(SEARCH, { text: 'I forgot my passwords' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchArticles.map((article: any) => article.slug)).toEqual(['reset-password']);
  });

  it('matches the word being typed as a prefix', async () => {
    const res = await api.gql(SEARCH, { text: 'invoi' });
    expect(res.data!.searchArticles.map((article: any) => article.slug)).toEqual(['invoice']);
  });

  it('suggests the category’s active incident and incidents whose words match, to anyone', async () => {
    const res = await api.gql(SUGGESTIONS, { text: 'the printer in the library', categoryId: school.categoryIds.login });
    expect(res.errors).toBeUndefined();
    expect(res.data!.suggestionsFor.incidents.map((incident: any) => incident.title).sort()).toEqual([
      'LMS sign-in failing',
      'Printers offline in the library',
    ]);
  });

  it('suggests articles with their category', async () => {
    const res = await api.gql(SUGGESTIONS, { text: 'wifi on my laptop' });
    expect(res.data!.suggestionsFor.articles).toEqual([expect.objectContaining({ slug: 'wifi', category: null })]);
    expect(res.data!.suggestionsFor.incidents).toEqual([]);
  });

  it('counts a deflection by an article or an incident', async () => {
    const found = await api.gql(SUGGESTIONS, { text: 'password', categoryId: school.categoryIds.login });
    const article = found.data!.suggestionsFor.articles[0];
    const incident = found.data!.suggestionsFor.incidents[0];
    const before = await api.db.prisma.deflection.count();
    expect((await api.gql(DEFLECT, { input: { articleId: article.id, categoryId: school.categoryIds.login } })).data).toEqual({
      recordDeflection: true,
    });
    expect((await api.gql(DEFLECT, { input: { incidentId: incident.id } })).data).toEqual({ recordDeflection: true });
    expect(await api.db.prisma.deflection.count()).toBe(before + 2);
  });

  it('refuses a deflection naming neither or both, or an unpublished article', async () => {
    const draft = await api.db.prisma.article.findFirstOrThrow({ where: { slug: 'draft-password' } });
    const neither = await api.gql(DEFLECT, { input: {} });
    const unpublished = await api.gql(DEFLECT, { input: { articleId: toGlobalId('Article', draft.id) } });
    const wrongType = await api.gql(DEFLECT, { input: { articleId: school.categoryIds.login } });
    expect([codes(neither), codes(unpublished), codes(wrongType)]).toEqual([['BAD_USER_INPUT'], ['BAD_USER_INPUT'], ['BAD_USER_INPUT']]);
    expect(unpublished.errors![0]!.extensions!.field).toBe('articleId');
  });

  it('ranks the chosen category’s article first among equally good matches', async () => {
    const prisma = api.db.prisma;
    const same = { summary: 'Printing needs your card.', body: 'Tap your card on the printer.' };
    await createArticle(prisma, { slug: 'toner-campus', title: 'Toner codes (campus)', ...same });
    await createArticle(prisma, { slug: 'toner-fees', title: 'Toner codes (fees)', ...same, categoryId: school.categories.fees.id });
    const plain = await api.gql(SUGGESTIONS, { text: 'toner codes' });
    const inFees = await api.gql(SUGGESTIONS, { text: 'toner codes', categoryId: school.categoryIds.fees });
    expect(plain.data!.suggestionsFor.articles.map((article: any) => article.slug)).toEqual(['toner-campus', 'toner-fees']);
    expect(inFees.data!.suggestionsFor.articles.map((article: any) => article.slug)).toEqual(['toner-fees', 'toner-campus']);
  });

  it('refuses an oversized page', async () => {
    expect(codes(await api.gql(SEARCH, { text: 'password', first: 500 }))).toEqual(['BAD_USER_INPUT']);
  });
});
