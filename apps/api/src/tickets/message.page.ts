// Pages of ticket conversations, batched: a list of 50 tickets asking for their latest messages
// costs one statement, not 50.
import DataLoader from 'dataloader';
import { Prisma, type Message as MessageRow, type PrismaClient } from '@studentdesk/db';
import { decodeCursor, encodeCursor, isTimeCursor, toPage, type Page } from '../relay/pagination.js';

export interface MessagePageKey {
  ticketId: string;
  first: number;
  after: string | null;
  includeInternal: boolean;
}

export const messageCursor = (message: MessageRow) => encodeCursor([message.createdAt.toISOString(), message.id]);

export function createMessagePageLoader(prisma: PrismaClient) {
  return new DataLoader<MessagePageKey, Page<MessageRow>, string>(
    async (keys) => {
      // Keys that differ only in ticketId share one windowed query.
      const groups = new Map<string, MessagePageKey[]>();
      for (const key of keys) {
        const shape = JSON.stringify([key.first, key.after, key.includeInternal]);
        groups.set(shape, [...(groups.get(shape) ?? []), key]);
      }
      const pages = new Map<string, Page<MessageRow>>();
      for (const group of groups.values()) {
        const { first, after, includeInternal } = group[0]!;
        const ticketIds = group.map((key) => key.ticketId);
        const cursor = after ? decodeCursor(after, isTimeCursor) : null;
        const rows = await prisma.$queryRaw<MessageRow[]>`
          SELECT "id", "ticketId", "authorId", "body", "internal", "createdAt" FROM (
            SELECT m.*, row_number() OVER (PARTITION BY m."ticketId" ORDER BY m."createdAt", m."id") AS position
            FROM "Message" m
            WHERE m."ticketId" = ANY(${ticketIds}::uuid[])
              AND (${includeInternal} OR NOT m."internal")
              ${cursor ? Prisma.sql`AND (m."createdAt", m."id") > (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : Prisma.empty}
          ) ranked
          WHERE position <= ${first + 1}
          ORDER BY "ticketId", "createdAt", "id"`;
        for (const key of group) {
          pages.set(
            cacheKey(key),
            toPage(
              rows.filter((row) => row.ticketId === key.ticketId),
              first,
            ),
          );
        }
      }
      return keys.map((key) => pages.get(cacheKey(key))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

function cacheKey(key: MessagePageKey): string {
  return JSON.stringify([key.ticketId, key.first, key.after, key.includeInternal]);
}
