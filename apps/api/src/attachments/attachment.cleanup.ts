// Uploads nothing referenced within a day (a report never sent, a reply abandoned) are removed by
// the cleanup job, rows first and then their bytes, so a file is never gone from under a row.
import type { PrismaClient } from '@studentdesk/db';
import type { AttachmentStorage } from './storage.js';

/** How long an upload may wait for a report or message to reference it. */
export const UNUSED_UPLOAD_MS = 24 * 3_600_000;
const BATCH = 500;

export async function removeUnusedUploads(prisma: PrismaClient, storage: AttachmentStorage, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNUSED_UPLOAD_MS);
  let removed = 0;
  for (;;) {
    // The guard is in the DELETE itself: an upload referenced meanwhile stays.
    const rows = await prisma.$queryRaw<Array<{ storageKey: string; thumbnailKey: string | null }>>`
      DELETE FROM "Attachment" WHERE "id" IN (
        SELECT "id" FROM "Attachment" WHERE "ticketId" IS NULL AND "createdAt" < ${before} ORDER BY "createdAt" LIMIT ${BATCH}
      ) AND "ticketId" IS NULL
      RETURNING "storageKey", "thumbnailKey"`;
    await storage.delete(rows.flatMap((row) => (row.thumbnailKey ? [row.storageKey, row.thumbnailKey] : [row.storageKey])));
    removed += rows.length;
    if (rows.length < BATCH) return removed;
  }
}
