// Knowledge-base search. The tsvector expression repeats the one "Article_search_idx" is built on
// (packages/db/prisma/migrations/*_search_indexes) character for character, so Postgres uses the index.
import { Prisma, type Article as ArticleRow, type PrismaClient } from '@studentdesk/db';

const MAX_TERMS = 24;

/**
 * A tsquery matching any of the words typed, the last one as a prefix (the student is still
 * typing it). Words are reduced to letters and digits, so nothing typed can break the query
 * syntax; null when nothing searchable is left.
 */
export function articleQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((word) => word.length > 1))].slice(-MAX_TERMS);
  if (terms.length === 0) return null;
  const last = terms.length - 1;
  return terms.map((term, index) => (index === last && /[\p{L}\p{N}]$/u.test(text) ? `${term}:*` : term)).join(' | ');
}

/** Published articles matching the words, best first; the chosen category's articles rank higher. */
export async function searchArticles(
  { prisma }: { prisma: PrismaClient },
  text: string,
  options: { categoryId?: string | null; limit: number },
): Promise<ArticleRow[]> {
  const query = articleQuery(text);
  if (!query) return [];
  // Doubling keeps the order among equally relevant articles of the chosen category, whatever the rank's scale.
  const categoryBoost = options.categoryId
    ? Prisma.sql`CASE WHEN "categoryId" = ${options.categoryId}::uuid THEN 2 ELSE 1 END`
    : Prisma.sql`1`;
  return prisma.$queryRaw<ArticleRow[]>`
    SELECT "id", "slug", "title", "summary", "body", "categoryId", "departmentId", "status", "publishedVersionId", "latestVersionNumber",
      "createdAt", "updatedAt"
    FROM "Article", to_tsquery('english'::regconfig, ${query}) AS query
    WHERE "status" = 'PUBLISHED'
      AND (
        setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
        setweight(to_tsvector('english'::regconfig, "summary"), 'B') ||
        setweight(to_tsvector('english'::regconfig, "body"), 'C')
      ) @@ query
    ORDER BY ts_rank(
        setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
        setweight(to_tsvector('english'::regconfig, "summary"), 'B') ||
        setweight(to_tsvector('english'::regconfig, "body"), 'C'),
        query
      ) * ${categoryBoost} DESC, "title" ASC
    LIMIT ${options.limit}`;
}
