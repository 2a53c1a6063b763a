// Keyset paging for integration lists (keys, webhooks, deliveries): newest first by (createdAt, id).
import { decodeCursor, encodeCursor } from '../relay/pagination.js';

type Cursor = [createdAt: string, id: string];
const isCursor = (values: unknown[]): values is Cursor =>
  values.length === 2 && typeof values[0] === 'string' && typeof values[1] === 'string';

export const newestFirstCursor = (row: { createdAt: Date; id: string }) => encodeCursor([row.createdAt.toISOString(), row.id]);

export const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** A Prisma `where` for the rows after the cursor (older ones); empty without a cursor. */
export function olderThan(after: string | null | undefined) {
  if (!after) return {};
  const [createdAt, id] = decodeCursor(after, isCursor);
  return { OR: [{ createdAt: { lt: new Date(createdAt) } }, { createdAt: new Date(createdAt), id: { lt: id } }] };
}
