// Knowledge-base authoring: the department's staff (and admins) write articles as numbered
// versions, publish one of them, take it offline or archive it, and restore an old text as a new
// draft. The article row carries the published version's text, so search and students read only
// what was published; every version is kept.
import type { ArticleStatus, Article as ArticleRow, ArticleVersion as ArticleVersionRow, Prisma } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, ClientError, ErrorCode, isUniqueViolation, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { listOrder, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';
import * as articlePolicy from './article.policy.js';
import {
  SLUG_PATTERN,
  type CreateArticleInput,
  type PublishArticleInput,
  type RestoreArticleVersionInput,
  type SaveArticleInput,
} from './article.type.js';

type Text = Pick<ArticleVersionRow, 'title' | 'summary' | 'body' | 'note'>;

function checkedText(input: { title: string; summary: string; body: string; note?: string | null }): Text {
  const title = input.title.trim();
  const summary = input.summary.trim();
  const body = input.body.trim();
  if (!title) throw badInput('Give the article a title.', 'title');
  if (!summary) throw badInput('Sum the answer up in a sentence.', 'summary');
  if (!body) throw badInput('Write the answer.', 'body');
  return { title, summary, body, note: input.note?.trim() || null };
}

/** A slug from a title: "Réinitialiser le mot de passe!" → "reinitialiser-le-mot-de-passe". */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The article, if the viewer may see it at all; NOT_FOUND otherwise (a draft of another department does not exist for them). */
export async function loadVisibleArticle(ctx: Context, globalId: string, field = 'id'): Promise<ArticleRow> {
  const article = await ctx.prisma.article.findUnique({ where: { id: fromGlobalId(globalId, 'Article', field) } });
  if (!article || !articlePolicy.canRead(ctx.viewer, article).allowed) throw notFound('There is no article with this ID.');
  return article;
}

async function loadKeptArticle(ctx: Context, globalId: string): Promise<ArticleRow> {
  const article = await loadVisibleArticle(ctx, globalId);
  enforce(articlePolicy.canKeep(ctx.viewer, article.departmentId));
  return article;
}

/** A category for an article of this department (a school-wide article may use any). */
async function checkedCategory(ctx: Context, globalId: string, departmentId: string | null): Promise<string> {
  const categoryId = fromGlobalId(globalId, 'Category', 'categoryId');
  const category = await ctx.loaders.category.load(categoryId);
  if (!category || (departmentId && category.departmentId !== departmentId))
    throw badInput('Choose one of the department’s categories.', 'categoryId');
  return categoryId;
}

export async function createArticle(ctx: Context, input: CreateArticleInput): Promise<ArticleRow> {
  const author = requireStaff(ctx.viewer);
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : null;
  enforce(articlePolicy.canKeep(ctx.viewer, departmentId));
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');
  const text = checkedText(input);
  const categoryId = input.categoryId ? await checkedCategory(ctx, input.categoryId, departmentId) : null;
  const slug = input.slug ?? slugFromTitle(text.title);
  if (!SLUG_PATTERN.test(slug)) throw badInput('The title has no letters or digits to make a slug from: give one.', 'slug');
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const article = await tx.article.create({
        data: { slug, title: text.title, summary: text.summary, body: text.body, departmentId, categoryId, latestVersionNumber: 1 },
      });
      await tx.articleVersion.create({
        data: { ...text, articleId: article.id, number: 1, authorId: author.id, createdAt: ctx.app.clock.now() },
      });
      return article;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw badInput(
        `Another article ${departmentId ? 'of this department' : 'for the whole school'} already has the slug "${slug}".`,
        'slug',
      );
    throw error;
  }
}

/**
 * Saves a new version. Taking the next number increments the article row, which locks it until
 * the transaction ends: concurrent saves queue there and get consecutive numbers.
 */
export async function saveArticle(ctx: Context, input: SaveArticleInput): Promise<ArticleRow> {
  const author = requireStaff(ctx.viewer);
  const existing = await loadKeptArticle(ctx, input.id);
  const text = checkedText(input);
  const categoryId = input.categoryId ? await checkedCategory(ctx, input.categoryId, existing.departmentId) : undefined;
  return ctx.prisma.$transaction(async (tx) => {
    const article = await tx.article.update({
      where: { id: existing.id },
      data: { latestVersionNumber: { increment: 1 }, ...(categoryId ? { categoryId } : {}) },
    });
    const number = article.latestVersionNumber;
    if (input.baseVersion && input.baseVersion !== number - 1)
      throw new ClientError(
        ErrorCode.CONFLICT,
        `Version ${number - 1} was saved while you edited version ${input.baseVersion}. Reload it, then save again.`,
        {
          latestVersion: number - 1,
        },
      );
    await tx.articleVersion.create({
      data: { ...text, articleId: article.id, number, authorId: author.id, createdAt: ctx.app.clock.now() },
    });
    return article;
  });
}

/** Brings an old version's text back as the newest version, a draft: what is live does not change. */
export async function restoreArticleVersion(ctx: Context, input: RestoreArticleVersionInput): Promise<ArticleRow> {
  const existing = await loadKeptArticle(ctx, input.id);
  const old = await ctx.prisma.articleVersion.findUnique({
    where: { articleId_number: { articleId: existing.id, number: input.version } },
  });
  if (!old) throw badInput(`The article has no version ${input.version}.`, 'version');
  return saveArticle(ctx, {
    id: input.id,
    title: old.title,
    summary: old.summary,
    body: old.body,
    note: `Restored version ${old.number}.`,
  });
}

/** Makes a version live: the article shows its text to everyone from now on. */
export async function publishArticle(ctx: Context, input: PublishArticleInput): Promise<ArticleRow> {
  const existing = await loadKeptArticle(ctx, input.id);
  const number = input.version ?? existing.latestVersionNumber;
  const version = await ctx.prisma.articleVersion.findUnique({ where: { articleId_number: { articleId: existing.id, number } } });
  if (!version) throw badInput(`The article has no version ${number}.`, 'version');
  return ctx.prisma.$transaction(async (tx) => {
    const published = await tx.article.update({
      where: { id: existing.id },
      data: { status: 'PUBLISHED', publishedVersionId: version.id, title: version.title, summary: version.summary, body: version.body },
    });
    await recordAudit(tx, ctx, {
      action: AuditAction.ARTICLE_PUBLISHED,
      subject: { type: 'Article', id: existing.id },
      details: { version: number },
    });
    return published;
  });
}

/** Takes a published article offline (back to draft) or archives one; its versions stay. Publishing brings an archived one back. */
export async function withdrawArticle(ctx: Context, globalId: string, status: Exclude<ArticleStatus, 'PUBLISHED'>): Promise<ArticleRow> {
  const existing = await loadKeptArticle(ctx, globalId);
  if (status === 'DRAFT' && existing.status !== 'PUBLISHED') throw badInput('The article is not published.', 'id');
  if (existing.status === 'ARCHIVED') throw badInput('The article is already archived.', 'id');
  return ctx.prisma.$transaction(async (tx) => {
    const withdrawn = await tx.article.update({ where: { id: existing.id }, data: { status, publishedVersionId: null } });
    await recordAudit(tx, ctx, {
      action: AuditAction.ARTICLE_WITHDRAWN,
      subject: { type: 'Article', id: existing.id },
      details: { status },
    });
    return withdrawn;
  });
}

const ARTICLE_ORDER = listOrder<ArticleRow>('articles', [
  { column: 'updatedAt', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);

/** A department's articles (school-wide ones with schoolWide), most recently changed first: for those who keep them. */
export async function listArticles(
  ctx: Context,
  options: { departmentId?: string | null; schoolWide?: boolean | null; status?: ArticleStatus[] | null },
  page: PageArgs,
) {
  const user = requireStaff(ctx.viewer);
  if (options.schoolWide && options.departmentId)
    throw badInput('Ask for a department or for the school-wide articles, not both.', 'schoolWide');
  const departmentId = options.schoolWide
    ? null
    : options.departmentId
      ? fromGlobalId(options.departmentId, 'Department', 'departmentId')
      : user.departmentId;
  if (!options.schoolWide && !departmentId) throw badInput('Name the department whose articles to list.', 'departmentId');
  enforce(articlePolicy.canKeep(ctx.viewer, departmentId));
  const where: Prisma.ArticleWhereInput = { departmentId, ...(options.status?.length ? { status: { in: options.status } } : {}) };
  return paginate(pageRequest(page, ARTICLE_ORDER), (window) =>
    ctx.prisma.article.findMany({ where: { AND: [where, window.prismaWhere()] }, orderBy: window.prismaOrderBy(), take: window.limit }),
  );
}

const VERSION_ORDER = listOrder<ArticleVersionRow>('articleVersions', [{ column: 'number', kind: 'int', descending: true }]);

/** An article's versions, newest first: for those who keep it. */
export async function listVersions(ctx: Context, article: ArticleRow, page: PageArgs) {
  enforce(articlePolicy.canKeep(ctx.viewer, article.departmentId));
  return paginate(pageRequest(page, VERSION_ORDER), (window) =>
    ctx.prisma.articleVersion.findMany({
      where: { AND: [{ articleId: article.id }, window.prismaWhere()] },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

/** One version by number (the latest when omitted), for those who keep the article. */
export async function versionOf(ctx: Context, article: ArticleRow, number: number): Promise<ArticleVersionRow | null> {
  enforce(articlePolicy.canKeep(ctx.viewer, article.departmentId));
  return ctx.prisma.articleVersion.findUnique({ where: { articleId_number: { articleId: article.id, number } } });
}

/** The live version, for those who keep the article; null when it is not published. */
export async function publishedVersionOf(ctx: Context, article: ArticleRow): Promise<ArticleVersionRow | null> {
  enforce(articlePolicy.canKeep(ctx.viewer, article.departmentId));
  return article.publishedVersionId ? ctx.prisma.articleVersion.findUnique({ where: { id: article.publishedVersionId } }) : null;
}

/** Where students read it: /help/<department>/<slug>, or /help/<slug> for a school-wide article. */
export async function articlePath(ctx: Context, article: Pick<ArticleRow, 'slug' | 'departmentId'>): Promise<string> {
  const department = article.departmentId ? await ctx.loaders.department.load(article.departmentId) : null;
  return `/help/${department ? `${encodeURIComponent(department.slug)}/` : ''}${encodeURIComponent(article.slug)}`;
}
