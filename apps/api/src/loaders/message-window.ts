// Pages of ticket conversations, batched: a list of 50 tickets asking for their latest messages
// costs one statement per page window, not 50.
import DataLoader from 'dataloader';
import type { Message as MessageRow, PrismaClient } from '@studentdesk/db';
import { listOrder, paginate, pageRequest, type PageArgs, type PageWindow } from '../relay/pagination.js';

/** A conversation reads oldest first. */
const MESSAGE_ORDER = listOrder<MessageRow>('messages', [
  { column: 'createdAt', kind: 'time' },
  { column: 'id', kind: 'uuid' },
]);

export interface MessageWindowKey {
  ticketId: string;
  includeInternal: boolean;
  window: PageWindow<MessageRow>;
}

const cacheKey = (key: MessageWindowKey) => JSON.stringify([key.ticketId, key.includeInternal, key.window.key]);

export function createMessageWindowLoader(prisma: PrismaClient) {
  return new DataLoader<MessageWindowKey, MessageRow[], string>(
    async (keys) => {
      // Keys that differ only in ticketId share one windowed query.
      const groups = new Map<string, MessageWindowKey[]>();
      for (const key of keys) {
        const shape = JSON.stringify([key.includeInternal, key.window.key]);
        groups.set(shape, [...(groups.get(shape) ?? []), key]);
      }
      const rowsByKey = new Map<string, MessageRow[]>();
      for (const group of groups.values()) {
        const { includeInternal, window } = group[0]!;
        const rows = await prisma.$queryRaw<MessageRow[]>`
          SELECT "id", "ticketId", "authorId", "body", "internal", "createdAt" FROM (
            SELECT m.*, row_number() OVER (PARTITION BY m."ticketId" ORDER BY ${window.sqlOrderBy('m')}) AS position
            FROM "Message" m
            WHERE m."ticketId" = ANY(${group.map((key) => key.ticketId)}::uuid[])
              AND (${includeInternal} OR NOT m."internal")
              AND ${window.sqlWhere('m')}
          ) ranked
          WHERE position <= ${window.limit}
          ORDER BY "ticketId", position`;
        for (const key of group) {
          rowsByKey.set(
            cacheKey(key),
            rows.filter((row) => row.ticketId === key.ticketId),
          );
        }
      }
      return keys.map((key) => rowsByKey.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

export type MessageWindowLoader = ReturnType<typeof createMessageWindowLoader>;

/** A page of one ticket's conversation; every ticket of a list asking at once shares the statements. */
export function messagePage(loader: MessageWindowLoader, ticketId: string, includeInternal: boolean, page: PageArgs) {
  return paginate(pageRequest(page, MESSAGE_ORDER), (window) => loader.load({ ticketId, includeInternal, window }));
}
