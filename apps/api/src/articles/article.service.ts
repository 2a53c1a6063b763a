// Self-service while reporting: what may already answer the problem, and counting the reports
// such an answer made unnecessary (deflections).
import { IncidentStatus, Prisma, type Incident as IncidentRow } from '@studentdesk/db';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as articlePolicy from './article.policy.js';
import { articleQuery, searchArticles } from './article.search.js';
import type { RecordDeflectionInput } from './article.type.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

/** How many articles a search gives without `first`, and how many a report is suggested. */
export const SUGGESTED_ARTICLES = LIST_MAXIMUM.reportSuggestions;
export const MAX_SEARCH_TEXT = 2000;

/**
 * An article the viewer may read, by its department's slug and its own. Without a department
 * slug the oldest with that slug: links made while slugs were unique school-wide keep working.
 */
export function articleBySlug(ctx: Context, slug: string, departmentSlug: string | null | undefined) {
  const department: Prisma.ArticleWhereInput = departmentSlug ? { department: { slug: departmentSlug } } : {};
  return ctx.prisma.article.findFirst({
    where: { AND: [{ slug }, department, articlePolicy.visibleWhere(ctx.viewer)] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** Active incidents that affect the category or whose words match what the student typed. */
async function matchingIncidents(ctx: Context, text: string, categoryId: string | null): Promise<IncidentRow[]> {
  const query = articleQuery(text);
  if (!query && !categoryId) return [];
  const byCategory = categoryId ? Prisma.sql`"categoryId" = ${categoryId}::uuid` : Prisma.sql`false`;
  const byWords = query
    ? Prisma.sql`to_tsvector('english'::regconfig, "title" || ' ' || "summary") @@ to_tsquery('english'::regconfig, ${query})`
    : Prisma.sql`false`;
  return ctx.prisma.$queryRaw<IncidentRow[]>`
    SELECT * FROM "Incident"
    WHERE "status" <> ${IncidentStatus.RESOLVED}::"IncidentStatus" AND (${byCategory} OR ${byWords})
    ORDER BY "startedAt" DESC, "id" DESC
    LIMIT ${LIST_MAXIMUM.reportSuggestions}`;
}

export async function suggestionsFor(ctx: Context, text: string, categoryGlobalId: string | null | undefined) {
  if (text.length > MAX_SEARCH_TEXT) throw badInput(`Search with at most ${MAX_SEARCH_TEXT} characters.`, 'text');
  const categoryId = categoryGlobalId ? fromGlobalId(categoryGlobalId, 'Category', 'categoryId') : null;
  const [articles, incidents] = await Promise.all([
    searchArticles(ctx, text, { categoryId, limit: SUGGESTED_ARTICLES }),
    matchingIncidents(ctx, text, categoryId),
  ]);
  return { articles, incidents };
}

/** Counts a report that an article or a known issue made unnecessary. */
export async function recordDeflection(ctx: Context, input: RecordDeflectionInput): Promise<boolean> {
  if (!input.articleId === !input.incidentId)
    throw badInput('Name either the article or the incident that answered the problem.', 'articleId');
  const articleId = input.articleId ? fromGlobalId(input.articleId, 'Article', 'articleId') : null;
  const incidentId = input.incidentId ? fromGlobalId(input.incidentId, 'Incident', 'incidentId') : null;
  const categoryId = input.categoryId ? fromGlobalId(input.categoryId, 'Category', 'categoryId') : null;
  const [article, incident, category] = await Promise.all([
    articleId ? ctx.prisma.article.findFirst({ where: { id: articleId, ...articlePolicy.publishedWhere } }) : null,
    incidentId ? ctx.loaders.incident.load(incidentId) : null,
    categoryId ? ctx.loaders.category.load(categoryId) : null,
  ]);
  if (articleId && !article) throw badInput('There is no such article.', 'articleId');
  if (incidentId && !incident) throw badInput('There is no such incident.', 'incidentId');
  if (categoryId && !category) throw badInput('Choose one of the listed categories.', 'categoryId');
  await ctx.prisma.deflection.create({ data: { articleId, incidentId, categoryId } });
  return true;
}
