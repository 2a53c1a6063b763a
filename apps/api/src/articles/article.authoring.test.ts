// Knowledge-base authoring over HTTP: who writes which department's articles, what students see
// of drafts and versions, sanitised HTML, version numbers under concurrent saves, and canned
// responses that insert article links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

const ARTICLE_FIELDS = 'id slug title summary body bodyHtml status path url';
const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { ${ARTICLE_FIELDS} latestVersion { number } } }`;
const SAVE = `mutation($input: SaveArticleInput!) { saveArticle(input: $input) { id status title latestVersion { number title note } publishedVersion { number } } }`;
const PUBLISH = `mutation($input: PublishArticleInput!) { publishArticle(input: $input) { ${ARTICLE_FIELDS} publishedVersion { number } } }`;
const UNPUBLISH = `mutation($id: ID!) { unpublishArticle(id: $id) { status } }`;
const ARCHIVE = `mutation($id: ID!) { archiveArticle(id: $id) { status } }`;
const RESTORE = `mutation($input: RestoreArticleVersionInput!) { restoreArticleVersion(input: $input) { latestVersion { number title body note } publishedVersion { number } } }`;
const BY_SLUG = `query($slug: String!, $department: String) { article(slug: $slug, departmentSlug: $department) { id title body status } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Article { title body status } } }`;
const VERSIONS = `query($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Article { versions(first: $first, after: $after) { edges { node { number title body note author { name } } } pageInfo { hasNextPage endCursor } } } }
}`;
const SEARCH = `query($text: String!) { searchArticles(text: $text) { id title body } }`;
const LIST = `query($department: ID, $status: [ArticleStatus!]) {
  articles(departmentId: $department, status: $status, first: 100) { edges { node { id status latestVersion { title } } } }
}`;
const PREVIEW = `query($markdown: String!) { renderMarkdown(markdown: $markdown) }`;

describe.each(DATABASE_KINDS)('knowledge-base authoring on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let itId: string;
  let financeId: string;
  const text = (title: string, body = `How to ${title.toLowerCase()}.`) => ({ title, summary: `About ${title}.`, body });
  const as = (token: string, query: string, variables: Record<string, unknown> = {}) => api.gql(query, variables, { token });
  const create = async (token: string, input: Record<string, unknown>) => {
    const response = await as(token, CREATE, { input });
    expect(response.errors).toBeUndefined();
    return response.data!.createArticle;
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    itId = toGlobalId('Department', school.departments.it.id);
    financeId = toGlobalId('Department', school.departments.finance.id);
  });
  afterAll(() => api?.close());

  it('keeps a draft from students until it is published, then shows only the published version’s text', async () => {
    const draft = await create(school.tokens.staff, {
      departmentId: itId,
      categoryId: school.categoryIds.login,
      ...text('Connect to eduroam', 'Choose **eduroam** and sign in with your student email.'),
    });
    expect(draft).toMatchObject({ slug: 'connect-to-eduroam', status: 'DRAFT', latestVersion: { number: 1 } });
    expect(draft.path).toBe(`/help/${school.departments.it.slug}/connect-to-eduroam`);
    expect(draft.url).toMatch(new RegExp(`^https?://[^/]+/help/${school.departments.it.slug}/connect-to-eduroam$`));

    const studentSees = async () => ({
      node: (await as(school.tokens.alice, NODE, { id: draft.id })).data!.node,
      slug: (await api.gql(BY_SLUG, { slug: 'connect-to-eduroam', department: school.departments.it.slug })).data!.article,
      search: (await as(school.tokens.alice, SEARCH, { text: 'eduroam' })).data!.searchArticles.map((article: any) => article.title),
    });
    expect(await studentSees()).toEqual({ node: null, slug: null, search: [] });
    expect(
      codes(
        await api.gql(`mutation($input: RecordDeflectionInput!) { recordDeflection(input: $input) }`, { input: { articleId: draft.id } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);

    const published = await as(school.tokens.staff, PUBLISH, { input: { id: draft.id } });
    expect(published.data!.publishArticle).toMatchObject({ status: 'PUBLISHED', publishedVersion: { number: 1 } });
    expect(published.data!.publishArticle.bodyHtml).toBe('<p>Choose <strong>eduroam</strong> and sign in with your student email.</p>');
    expect(await studentSees()).toEqual({
      node: { title: 'Connect to eduroam', body: 'Choose **eduroam** and sign in with your student email.', status: 'PUBLISHED' },
      slug: expect.objectContaining({ title: 'Connect to eduroam' }),
      search: ['Connect to eduroam'],
    });

    // A new version is a draft: students and search keep reading version 1 until it is published.
    const saved = await as(school.tokens.manager, SAVE, {
      input: {
        id: draft.id,
        ...text('Connect to eduroam (new certificate)', 'Install the **geant** certificate first.'),
        note: 'New certificate',
      },
    });
    expect(saved.data!.saveArticle).toMatchObject({
      status: 'PUBLISHED',
      title: 'Connect to eduroam',
      latestVersion: { number: 2, title: 'Connect to eduroam (new certificate)', note: 'New certificate' },
      publishedVersion: { number: 1 },
    });
    expect((await studentSees()).node).toMatchObject({ title: 'Connect to eduroam' });
    expect((await as(school.tokens.alice, SEARCH, { text: 'geant' })).data!.searchArticles).toEqual([]);

    await as(school.tokens.staff, PUBLISH, { input: { id: draft.id } });
    expect((await studentSees()).node).toMatchObject({
      title: 'Connect to eduroam (new certificate)',
      body: 'Install the **geant** certificate first.',
    });
    expect((await as(school.tokens.alice, SEARCH, { text: 'geant' })).data!.searchArticles).toHaveLength(1);

    // Taken offline, and archived: gone for students, kept for staff.
    expect((await as(school.tokens.staff, UNPUBLISH, { id: draft.id })).data!.unpublishArticle).toEqual({ status: 'DRAFT' });
    expect(await studentSees()).toEqual({ node: null, slug: null, search: [] });
    expect((await as(school.tokens.staff, ARCHIVE, { id: draft.id })).data!.archiveArticle).toEqual({ status: 'ARCHIVED' });
    expect(await studentSees()).toEqual({ node: null, slug: null, search: [] });
    expect((await as(school.tokens.staff, NODE, { id: draft.id })).data!.node).toMatchObject({ status: 'ARCHIVED' });
    const archived = await as(school.tokens.staff, LIST, { status: ['ARCHIVED'] });
    expect(archived.data!.articles.edges.map((edge: any) => edge.node.id)).toEqual([draft.id]);
    expect(codes(await as(school.tokens.staff, ARCHIVE, { id: draft.id }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await as(school.tokens.staff, UNPUBLISH, { id: draft.id }))).toEqual(['BAD_USER_INPUT']);
    // Publishing brings it back.
    expect((await as(school.tokens.staff, PUBLISH, { input: { id: draft.id, version: 1 } })).data!.publishArticle).toMatchObject({
      status: 'PUBLISHED',
      title: 'Connect to eduroam',
      publishedVersion: { number: 1 },
    });
  });

  it('never shows a student the history, a draft version or an old version', async () => {
    const article = await create(school.tokens.staff, { departmentId: itId, ...text('Print from a laptop', 'Version one.') });
    await as(school.tokens.staff, PUBLISH, { input: { id: article.id } });
    await as(school.tokens.staff, SAVE, { input: { id: article.id, ...text('Print from a laptop', 'Secret draft two.') } });
    for (const token of [school.tokens.alice, undefined]) {
      const history = await api.gql(VERSIONS, { id: article.id }, { token });
      expect(codes(history)).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      expect(JSON.stringify(history.data ?? null)).not.toContain('Secret');
      const latest = await api.gql(
        `query($id: ID!) { node(id: $id) { ... on Article { latestVersion { body } } } }`,
        { id: article.id },
        { token },
      );
      expect(JSON.stringify(latest.data ?? null)).not.toContain('Secret');
      expect(codes(latest)).toHaveLength(1);
    }
    const seen = await as(school.tokens.alice, NODE, { id: article.id });
    expect(seen.data!.node.body).toBe('Version one.');
  });

  it('refuses another department’s staff, and hides the department’s drafts from them', async () => {
    const published = await create(school.tokens.staff, { departmentId: itId, ...text('Reset MFA') });
    await as(school.tokens.staff, PUBLISH, { input: { id: published.id } });
    const draft = await create(school.tokens.staff, { departmentId: itId, ...text('VPN on Linux') });
    const before = await api.db.prisma.articleVersion.count();

    const other = school.tokens.otherStaff;
    expect(codes(await as(other, CREATE, { input: { departmentId: itId, ...text('Mine now') } }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(other, SAVE, { input: { id: published.id, ...text('Defaced') } }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(other, UNPUBLISH, { id: published.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(other, PUBLISH, { input: { id: draft.id } }))).toEqual(['NOT_FOUND']);
    expect((await as(other, NODE, { id: draft.id })).data!.node).toBeNull();
    expect(codes(await as(other, LIST, { department: itId }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(school.tokens.alice, CREATE, { input: { departmentId: itId, ...text('Student tip') } }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(school.tokens.staff, CREATE, { input: { ...text('School-wide rule') } }))).toEqual(['FORBIDDEN']);
    expect(await api.db.prisma.articleVersion.count()).toBe(before);

    // Their own department's article with the same slug is theirs to write; admins write anywhere.
    const own = await create(other, { departmentId: financeId, ...text('Reset MFA') });
    expect(own.slug).toBe('reset-mfa');
    const schoolWide = await create(school.tokens.admin, { ...text('Reset MFA') });
    expect(schoolWide.path).toBe('/help/reset-mfa');
    expect(
      (await as(school.tokens.admin, SAVE, { input: { id: published.id, ...text('Reset MFA', 'Admins fix typos.') } })).errors,
    ).toBeUndefined();
    const list = await as(school.tokens.staff, LIST, {});
    const ids = list.data!.articles.edges.map((edge: any) => edge.node.id);
    expect(ids).toEqual(expect.arrayContaining([published.id, draft.id]));
    expect(ids).not.toContain(own.id);
  });

  it('refuses a taken slug or an empty title, writing nothing', async () => {
    await create(school.tokens.staff, { departmentId: itId, slug: 'wifi', ...text('Wi-Fi') });
    const before = await api.db.prisma.article.count();
    const taken = await as(school.tokens.staff, CREATE, { input: { departmentId: itId, slug: 'wifi', ...text('Other Wi-Fi') } });
    expect(codes(taken)).toEqual(['BAD_USER_INPUT']);
    expect(taken.errors![0]!.extensions!.field).toBe('slug');
    const badSlug = await as(school.tokens.staff, CREATE, { input: { departmentId: itId, slug: 'Not A Slug', ...text('Hi') } });
    expect(codes(badSlug)).toEqual(['BAD_USER_INPUT']);
    const empty = await as(school.tokens.staff, CREATE, { input: { departmentId: itId, ...text('   ') } });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(empty.errors![0]!.extensions!.field).toBe('title');
    const wrongCategory = await as(school.tokens.staff, CREATE, {
      input: { departmentId: itId, categoryId: school.categoryIds.fees, ...text('Fees') },
    });
    expect(codes(wrongCategory)).toEqual(['BAD_USER_INPUT']);
    expect(await api.db.prisma.article.count()).toBe(before);
  });

  it('sanitises what authors write, in the article and in the preview alike', async () => {
    const body = [
      '# Help',
      '<script>alert(document.cookie)</script>',
      '<img src="https://x.example/a.png" onerror="alert(1)">',
      '[Open me](javascript:alert(1))',
      '<a href="https://portal.example.edu" onclick="alert(1)">Portal</a>',
      '<iframe src="https://evil.example"></iframe>',
    ].join('\n\n');
    const article = await create(school.tokens.staff, { departmentId: itId, ...text('Sanitised'), body });
    const preview = (await as(school.tokens.staff, PREVIEW, { markdown: body })).data!.renderMarkdown;
    expect(article.bodyHtml).toBe(preview);
    for (const forbidden of ['<script', 'alert', 'onerror', 'onclick', 'javascript:', '<iframe']) expect(preview).not.toContain(forbidden);
    expect(preview).toContain('<h1>Help</h1>');
    expect(preview).toContain('<a href="https://portal.example.edu" rel="nofollow noopener noreferrer">Portal</a>');
    expect(codes(await as(school.tokens.alice, PREVIEW, { markdown: 'hi' }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(school.tokens.staff, PREVIEW, { markdown: 'x'.repeat(50_001) }))).toEqual(['BAD_USER_INPUT']);
  });

  it('numbers versions 1, 2, 3 … without gaps or repeats under concurrent saves', async () => {
    const article = await create(school.tokens.staff, { departmentId: itId, ...text('Busy article') });
    const saves = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        as(index % 2 ? school.tokens.manager : school.tokens.staff, SAVE, { input: { id: article.id, ...text(`Busy article ${index}`) } }),
      ),
    );
    expect(saves.flatMap((save) => save.errors ?? [])).toEqual([]);
    const numbers = saves.map((save) => save.data!.saveArticle.latestVersion.number).sort((a: number, b: number) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);

    // The history pages newest first, every number once.
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: any = (await as(school.tokens.staff, VERSIONS, { id: article.id, first: 4, after })).data!.node.versions;
      seen.push(...page.edges.map((edge: any) => edge.node.number));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);

    // An editor who started from an older version is told, and nothing is written.
    const stale = await as(school.tokens.staff, SAVE, { input: { id: article.id, baseVersion: 3, ...text('Stale edit') } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions!.latestVersion).toBe(9);
    expect(await api.db.prisma.articleVersion.count({ where: { article: { slug: 'busy-article' } } })).toBe(9);
    const fresh = await as(school.tokens.staff, SAVE, { input: { id: article.id, baseVersion: 9, ...text('Fresh edit') } });
    expect(fresh.data!.saveArticle.latestVersion.number).toBe(10);
  });

  it('restores an old version as a new draft version, leaving the live one alone', async () => {
    const article = await create(school.tokens.staff, { departmentId: itId, ...text('Library hours', 'Open 8–22.') });
    await as(school.tokens.staff, SAVE, { input: { id: article.id, ...text('Library hours', 'Open 9–17.') } });
    await as(school.tokens.staff, PUBLISH, { input: { id: article.id } });
    const restored = await as(school.tokens.staff, RESTORE, { input: { id: article.id, version: 1 } });
    expect(restored.data!.restoreArticleVersion).toEqual({
      latestVersion: { number: 3, title: 'Library hours', body: 'Open 8–22.', note: 'Restored version 1.' },
      publishedVersion: { number: 2 },
    });
    expect((await as(school.tokens.alice, NODE, { id: article.id })).data!.node.body).toBe('Open 9–17.');
    expect(codes(await as(school.tokens.staff, RESTORE, { input: { id: article.id, version: 7 } }))).toEqual(['BAD_USER_INPUT']);
    const history = await as(school.tokens.staff, VERSIONS, { id: article.id });
    expect(history.data!.node.versions.edges.map((edge: any) => [edge.node.number, edge.node.author.name])).toEqual([
      [3, 'Sam Staff'],
      [2, 'Sam Staff'],
      [1, 'Sam Staff'],
    ]);
  });

  it('finds an article by its department’s slug and its own', async () => {
    const it1 = await create(school.tokens.staff, { departmentId: itId, slug: 'opening-hours', ...text('IT desk hours') });
    const fin = await create(school.tokens.otherStaff, { departmentId: financeId, slug: 'opening-hours', ...text('Finance desk hours') });
    await as(school.tokens.staff, PUBLISH, { input: { id: it1.id } });
    await as(school.tokens.otherStaff, PUBLISH, { input: { id: fin.id } });
    const bySlug = async (department?: string) =>
      (await api.gql(BY_SLUG, { slug: 'opening-hours', department })).data!.article?.title ?? null;
    expect(await bySlug(school.departments.finance.slug)).toBe('Finance desk hours');
    expect(await bySlug(school.departments.it.slug)).toBe('IT desk hours');
    expect(await bySlug()).toBe('IT desk hours');
    expect(await bySlug('no-such-department')).toBeNull();
  });

  it('links articles from canned responses, inserting the public links of published ones', async () => {
    const live = await create(school.tokens.staff, { departmentId: itId, slug: 'reset-password', ...text('Reset your password') });
    await as(school.tokens.staff, PUBLISH, { input: { id: live.id } });
    const draft = await create(school.tokens.staff, { departmentId: itId, ...text('Password manager (soon)') });
    const financeDraft = await create(school.tokens.otherStaff, { departmentId: financeId, ...text('Refund timeline') });

    const CREATE_CANNED = `mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { id articles { id title } } }`;
    const refused = await as(school.tokens.manager, CREATE_CANNED, {
      input: { title: 'Refund', body: 'See the article.', departmentId: itId, articleIds: [financeDraft.id] },
    });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions!.field).toBe('articleIds');

    const created = await as(school.tokens.manager, CREATE_CANNED, {
      input: {
        title: 'Password reset',
        body: 'Hi {{student.firstName}}, reset it yourself:',
        departmentId: itId,
        articleIds: [live.id, draft.id],
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCannedResponse.articles.map((article: any) => article.title)).toEqual([
      'Reset your password',
      'Password manager (soon)',
    ]);

    const ticket = (
      await as(school.tokens.alice, REPORT_PROBLEM, {
        input: { categoryId: school.categoryIds.login, title: 'Forgot my password', description: 'I cannot sign in.' },
      })
    ).data!.reportProblem.ticket;
    const rendered = await as(
      school.tokens.staff,
      `query($id: ID!, $ticket: ID!) { node(id: $id) { ... on CannedResponse { renderedFor(ticketId: $ticket) } } }`,
      { id: created.data!.createCannedResponse.id, ticket: ticket.id },
    );
    expect(rendered.data!.node.renderedFor).toBe(`Hi Alice, reset it yourself:\n\nReset your password: ${live.url}`);

    // Changing the links replaces them; [] removes them all.
    const UPDATE_CANNED = `mutation($input: UpdateCannedResponseInput!) { updateCannedResponse(input: $input) { articles { title } } }`;
    const updated = await as(school.tokens.manager, UPDATE_CANNED, {
      input: { id: created.data!.createCannedResponse.id, articleIds: [draft.id] },
    });
    expect(updated.data!.updateCannedResponse.articles).toEqual([{ title: 'Password manager (soon)' }]);
    const cleared = await as(school.tokens.manager, UPDATE_CANNED, {
      input: { id: created.data!.createCannedResponse.id, articleIds: [] },
    });
    expect(cleared.data!.updateCannedResponse.articles).toEqual([]);
  });
});
