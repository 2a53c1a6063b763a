// Full-text search over the tickets a viewer may see (`searchTickets`): PostgreSQL's
// websearch_to_tsquery on the accent-folded 'simple' vectors kept in "TicketSearch" (migration
// 20261209050000), ranked by ts_rank then newest first, with ts_headline snippets returned as
// fragments so no markup from ticket text ever reaches a page as HTML.
import { Prisma, type PrismaClient, type Ticket as TicketRow } from '@studentdesk/db';
import { SEARCH_QUERY_MAX } from '@studentdesk/domain';
import type { Viewer } from '../auth/viewer.js';
import { badInput } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { listOrder, paginate, pageRequest, type Connection, type PageArgs } from '../relay/pagination.js';
import { searchesInternalNotes, visibleTicketsSql } from './ticket.policy.js';

/** A piece of a snippet: the words the query matched have `match` set. */
export interface SearchHighlight {
  text: string;
  match: boolean;
}

export interface TicketSearchEdge {
  cursor: string;
  node: TicketRow;
  highlights: SearchHighlight[];
}

export interface TicketSearchConnection extends Omit<Connection<TicketRow>, 'edges'> {
  edges: TicketSearchEdge[];
}

/** ts_rank as an integer (millionths), so the cursor keeps it exactly. */
type SearchRow = TicketRow & { searchRank: number; headline: string };

const ORDER = listOrder<SearchRow>('searchTickets', [
  { column: 'searchRank', kind: 'int', descending: true },
  { column: 'createdAt', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);

// Control characters mark the matches; they are removed from the ticket text first, so text
// cannot forge a match.
const MATCH_START = '\u0001';
const MATCH_END = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=18, MinWords=6, MaxFragments=2, FragmentDelimiter=" … "`;

/** "a \u0001b\u0002 c" → [{a }, {b, match}, { c}]. */
export function highlightsOf(headline: string): SearchHighlight[] {
  return headline
    .split(new RegExp(`(${MATCH_START}[^${MATCH_END}]*${MATCH_END})`, 'u'))
    .filter((part) => part !== '')
    .slice(0, LIST_MAXIMUM.searchHighlights)
    .map((part) => (part.startsWith(MATCH_START) ? { text: part.slice(1, -1), match: true } : { text: part, match: false }));
}

function checkedQuery(query: string): string {
  const trimmed = query.trim();
  if (!trimmed) throw badInput('Type something to search for.', 'query');
  if (trimmed.length > SEARCH_QUERY_MAX) throw badInput(`A search is at most ${SEARCH_QUERY_MAX} characters.`, 'query');
  return trimmed;
}

export async function searchTickets(
  { prisma }: { prisma: PrismaClient },
  viewer: Viewer,
  args: { query: string; page: PageArgs },
): Promise<TicketSearchConnection> {
  const query = checkedQuery(args.query);
  const internal = searchesInternalNotes(viewer);
  const vector = Prisma.raw(internal ? 's."staffVector"' : 's."publicVector"');
  const tsQuery = Prisma.sql`websearch_to_tsquery('simple'::regconfig, fold_accents(${query}))`;
  const connection = await paginate(
    pageRequest(args.page, ORDER),
    (window) =>
      // The headline is cut only for the rows of the page, after the limit.
      prisma.$queryRaw<SearchRow[]>`
      SELECT t.*, ts_headline('simple'::regconfig,
               fold_accents(translate(ticket_search_text(t."id", ${internal}), ${MATCH_START + MATCH_END}, '')),
               ${tsQuery}, ${HEADLINE_OPTIONS}) AS "headline"
      FROM (
        SELECT t.*, round(ts_rank(${vector}, ${tsQuery}) * 1000000)::int AS "searchRank"
        FROM "Ticket" t JOIN "TicketSearch" s ON s."ticketId" = t."id"
        WHERE ${visibleTicketsSql(viewer)} AND ${vector} @@ ${tsQuery}
      ) t
      WHERE ${window.sqlWhere('t')}
      ORDER BY ${window.sqlOrderBy('t')}
      LIMIT ${window.limit}`,
  );
  return {
    pageInfo: connection.pageInfo,
    edges: connection.edges.map(({ cursor, node: { searchRank: _rank, headline, ...ticket } }) => ({
      cursor,
      node: ticket,
      highlights: highlightsOf(headline),
    })),
  };
}
