// Canned responses: each department's plus the school-wide ones; managers keep their department's,
// admins any. Rendering fills the placeholders from the ticket being answered.
import type {
  Article as ArticleRow,
  CannedResponse as CannedResponseRow,
  Department as DepartmentRow,
  Prisma,
  Ticket as TicketRow,
  User as UserRow,
} from '@studentdesk/db';
import { formatTicketNumber, isLanguage, LANGUAGES } from '@studentdesk/domain';
import * as articlePolicy from '../articles/article.policy.js';
import { articlePath, loadVisibleArticle } from '../articles/article.authoring.js';
import { enforce, primaryDepartmentOf, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { loadTicketAsStaff } from '../tickets/ticket.service.js';
import * as cannedResponsePolicy from './canned-response.policy.js';
import type { CannedResponseVersionInput, CreateCannedResponseInput, UpdateCannedResponseInput } from './canned-response.type.js';
import { firstName, renderPlaceholders, unknownPlaceholders } from './placeholders.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

/** A body (or a version's): not blank, and only known placeholders. */
function checkedBody(body: string, field: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw badInput('Write the text of the canned response.', field);
  const unknown = unknownPlaceholders(trimmed);
  if (unknown.length)
    throw badInput(`Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => `{{${name}}}`).join(', ')}.`, field);
  return trimmed;
}

function checkedText(title: string, body: string): { title: string; body: string } {
  const trimmedTitle = title.trim();
  if (!trimmedTitle) throw badInput('Give the canned response a title.', 'title');
  return { title: trimmedTitle, body: checkedBody(body, 'body') };
}

/** Versions in other languages, checked like the body: a language we speak, each once, known placeholders. */
function checkedVersions(versions: CannedResponseVersionInput[]): Array<{ language: string; body: string }> {
  const checked: Array<{ language: string; body: string }> = [];
  for (const version of versions) {
    if (!isLanguage(version.language))
      throw badInput(`There is no version in "${version.language}": choose one of ${LANGUAGES.join(', ')}.`, 'versions');
    if (checked.some((other) => other.language === version.language))
      throw badInput(`Give one version in ${version.language}.`, 'versions');
    checked.push({ language: version.language, body: checkedBody(version.body, 'versions') });
  }
  return checked;
}

/** A department's canned responses and the school-wide ones, by title. Staff see their own department's. */
export async function listCannedResponses(ctx: Context, departmentGlobalId: string | null | undefined): Promise<CannedResponseRow[]> {
  const user = requireStaff(ctx.viewer);
  const departmentId = departmentGlobalId ? fromGlobalId(departmentGlobalId, 'Department', 'departmentId') : primaryDepartmentOf(user);
  enforce(cannedResponsePolicy.canList(ctx.viewer, departmentId));
  return ctx.prisma.cannedResponse.findMany({
    where: cannedResponsePolicy.listWhere(departmentId),
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.cannedResponses,
  });
}

/** The articles to link, checked: ones the keeper can read and not archived, each once. */
async function checkedArticleIds(ctx: Context, globalIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const globalId of globalIds) {
    const article = await loadVisibleArticle(ctx, globalId, 'articleIds').catch(() => {
      throw badInput('Link articles of the knowledge base you can see.', 'articleIds');
    });
    if (article.status === 'ARCHIVED') throw badInput(`"${article.title}" is archived: link a current article.`, 'articleIds');
    if (!ids.includes(article.id)) ids.push(article.id);
  }
  return ids;
}

const linkRows = (articleIds: string[]): Prisma.CannedResponseArticleCreateManyCannedResponseInput[] =>
  articleIds.map((articleId, position) => ({ articleId, position }));

export async function createCannedResponse(ctx: Context, input: CreateCannedResponseInput): Promise<CannedResponseRow> {
  const user = requireStaff(ctx.viewer);
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : null;
  enforce(cannedResponsePolicy.canKeep(ctx.viewer, departmentId));
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');
  const text = checkedText(input.title, input.body);
  const articleIds = await checkedArticleIds(ctx, input.articleIds ?? []);
  const versions = checkedVersions(input.versions ?? []);
  return ctx.prisma.cannedResponse.create({
    data: {
      ...text,
      departmentId,
      createdById: user.id,
      articles: { createMany: { data: linkRows(articleIds) } },
      versions: { createMany: { data: versions } },
    },
  });
}

export async function updateCannedResponse(ctx: Context, input: UpdateCannedResponseInput): Promise<CannedResponseRow> {
  requireStaff(ctx.viewer);
  const existing = await ctx.prisma.cannedResponse.findUnique({ where: { id: fromGlobalId(input.id, 'CannedResponse', 'id') } });
  if (!existing) throw notFound('There is no canned response with this ID.');
  enforce(cannedResponsePolicy.canKeep(ctx.viewer, existing.departmentId));
  const text = checkedText(input.title ?? existing.title, input.body ?? existing.body);
  const articleIds = input.articleIds ? await checkedArticleIds(ctx, input.articleIds) : null;
  const versions = input.versions ? checkedVersions(input.versions) : null;
  return ctx.prisma.cannedResponse.update({
    where: { id: existing.id },
    data: {
      ...text,
      ...(articleIds ? { articles: { deleteMany: {}, createMany: { data: linkRows(articleIds) } } } : {}),
      ...(versions ? { versions: { deleteMany: {}, createMany: { data: versions } } } : {}),
    },
  });
}

/** Its versions in other languages, by language tag (batched across a list). */
export const versionsOf = (ctx: Context, cannedResponse: CannedResponseRow) => ctx.loaders.cannedResponseVersions.load(cannedResponse.id);

/** The linked articles the viewer may read, in the order given. */
export async function linkedArticles(ctx: Context, cannedResponse: CannedResponseRow): Promise<ArticleRow[]> {
  const links = await ctx.prisma.cannedResponseArticle.findMany({
    where: { cannedResponseId: cannedResponse.id },
    orderBy: { position: 'asc' },
    include: { article: true },
  });
  return links.map((link) => link.article).filter((article) => articlePolicy.canRead(ctx.viewer, article).allowed);
}

/** A template (a canned response, a macro's reply) with its placeholders filled in for one ticket and the agent answering it. */
export async function fillPlaceholders(ctx: Context, template: string, ticket: TicketRow, agent: Pick<UserRow, 'name'>): Promise<string> {
  const department = (await ctx.loaders.department.load(ticket.departmentId)) as DepartmentRow;
  return renderPlaceholders(template, {
    'student.firstName': firstName(ticket.contactName),
    'student.name': ticket.contactName,
    'ticket.number': formatTicketNumber(ticket.number),
    'ticket.title': ticket.title,
    'agent.firstName': firstName(agent.name),
    'agent.name': agent.name,
    'department.name': department.name,
  });
}

/** The body, in the student's language when there is a version in it, with placeholders filled in for one ticket the viewer works on. */
export async function renderForTicket(ctx: Context, cannedResponse: CannedResponseRow, ticketGlobalId: string): Promise<string> {
  const { actor: agent, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  const language = ticket.requesterId ? (await ctx.loaders.user.load(ticket.requesterId))?.language : null;
  const version = language ? (await versionsOf(ctx, cannedResponse)).find((candidate) => candidate.language === language) : undefined;
  // The student follows these links, so only published articles are inserted.
  const links = await Promise.all(
    (await linkedArticles(ctx, cannedResponse))
      .filter((article) => article.status === 'PUBLISHED')
      .map(async (article) => `${article.title}: ${ctx.app.config.publicUrl}${await articlePath(ctx, article)}`),
  );
  return [await fillPlaceholders(ctx, version?.body ?? cannedResponse.body, ticket, agent), ...links].join('\n\n');
}
