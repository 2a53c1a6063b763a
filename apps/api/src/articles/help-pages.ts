// The help centre as search engines and browsers without JavaScript get it: the portal's page with
// the article's title, summary and address in its head and the article itself in <noscript>, a
// sitemap of every published article, and a robots.txt that keeps private pages out of indexes.
// The portal (JavaScript) renders the same page for everyone else.
import type { PrismaClient } from '@studentdesk/db';
import { Router } from 'express';
import type { WebPage } from '../web-apps.js';
import { renderMarkdown } from './markdown.js';
import { publishedWhere } from './article.policy.js';

/** The sitemap protocol's limit per file. */
const SITEMAP_MAXIMUM = 50_000;
/** Links on the help centre's own page; the sitemap has every article. */
const INDEX_MAXIMUM = 500;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

/** Where the portal shows an article: under its department's slug, school-wide ones at the top. */
export const articlePath = (article: { slug: string; department: { slug: string } | null }) =>
  article.department
    ? `/help/${encodeURIComponent(article.department.slug)}/${encodeURIComponent(article.slug)}`
    : `/help/${encodeURIComponent(article.slug)}`;

function parseHelpPath(path: string): { kind: 'index' } | { kind: 'article'; departmentSlug: string | null; slug: string } | null {
  if (path === '/help' || path === '/help/') return { kind: 'index' };
  if (!path.startsWith('/help/')) return null;
  const parts = path
    .split('/')
    .slice(2)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  if (parts.some((part) => part === '')) return null;
  if (parts.length === 1) return { kind: 'article', departmentSlug: null, slug: parts[0]! };
  if (parts.length === 2) return { kind: 'article', departmentSlug: parts[0]!, slug: parts[1]! };
  return null;
}

/** The page for a help centre address (null for any other address of the portal). */
export async function helpPage(prisma: PrismaClient, path: string): Promise<WebPage | null> {
  const parsed = parseHelpPath(path);
  if (!parsed) return null;
  // Before the school is set up, the product's name.
  const schoolName = (await prisma.school.findFirst({ select: { name: true } }))?.name ?? 'StudentDesk';
  if (parsed.kind === 'index') {
    const articles = await prisma.article.findMany({
      where: publishedWhere,
      select: { slug: true, title: true, summary: true, department: { select: { slug: true, name: true } } },
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
      take: INDEX_MAXIMUM,
    });
    const items = articles
      .map((article) => `<li><a href="${articlePath(article)}">${escapeHtml(article.title)}</a> — ${escapeHtml(article.summary)}</li>`)
      .join('');
    return {
      status: 200,
      title: `Help centre — ${schoolName}`,
      description: `Answers from ${schoolName}'s help desk: sign-in, Wi-Fi, fees and more.`,
      canonicalPath: '/help',
      noscriptHtml: `<h1>Help centre</h1><ul>${items}</ul>`,
    };
  }
  const article = await prisma.article.findFirst({
    where: {
      AND: [publishedWhere, { slug: parsed.slug }, parsed.departmentSlug ? { department: { slug: parsed.departmentSlug } } : {}],
    },
    select: { slug: true, title: true, summary: true, body: true, department: { select: { slug: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (!article)
    return {
      status: 404,
      title: `Article not found — ${schoolName}`,
      description: 'There is no such article in the help centre.',
      canonicalPath: '/help',
      noscriptHtml: '<h1>Article not found</h1><p><a href="/help">Search the help centre</a></p>',
    };
  return {
    status: 200,
    title: `${article.title} — ${schoolName}`,
    description: article.summary,
    canonicalPath: articlePath(article),
    noscriptHtml: `<article><h1>${escapeHtml(article.title)}</h1>${renderMarkdown(article.body)}</article>`,
  };
}

/** Every published article's address, for search engines (sitemaps.org protocol). */
async function sitemap(prisma: PrismaClient, publicUrl: string): Promise<string> {
  const articles = await prisma.article.findMany({
    where: publishedWhere,
    select: { slug: true, updatedAt: true, department: { select: { slug: true } } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: SITEMAP_MAXIMUM - 1,
  });
  const entry = (path: string, modified?: Date) =>
    `<url><loc>${escapeHtml(publicUrl + path)}</loc>${modified ? `<lastmod>${modified.toISOString()}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    entry('/help'),
    ...articles.map((article) => entry(articlePath(article), article.updatedAt)),
    '</urlset>',
  ].join('\n');
}

/** Public pages may be indexed; tickets, tracking links and the console never. */
const robotsTxt = (publicUrl: string) =>
  [
    'User-agent: *',
    'Allow: /help',
    'Allow: /status',
    'Disallow: /tickets/',
    'Disallow: /track/',
    'Disallow: /console/',
    'Disallow: /graphql',
    'Disallow: /attachments/',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');

/** /sitemap.xml and /robots.txt at the site's root. */
export function helpCentreRoutes(prisma: PrismaClient, publicUrl: string): Router {
  const router = Router();
  router.get('/sitemap.xml', async (_req, res) => {
    res
      .type('application/xml')
      .setHeader('Cache-Control', 'public, max-age=3600')
      .send(await sitemap(prisma, publicUrl));
  });
  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain').setHeader('Cache-Control', 'public, max-age=3600').send(robotsTxt(publicUrl));
  });
  return router;
}
