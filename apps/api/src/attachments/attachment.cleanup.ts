// What the cleanup job does for attachments: uploads nothing referenced within a day (a report
// never sent, a reply abandoned) are deleted, and the bytes of every deleted Attachment row (those,
// and the files of tickets retention removed: the trigger in the migration lists them in
// AttachmentFileToDelete) are removed from the storage, the list's row only once they are gone.
import type { PrismaClient } from '@studentdesk/db';
import type { AttachmentStorage } from './storage.js';

/** How long an upload may wait for a report or message to reference it. */
export const UNUSED_UPLOAD_MS = 24 * 3_600_000;
const BATCH = 500;

export async function removeUnusedUploads(prisma: PrismaClient, storage: AttachmentStorage, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNUSED_UPLOAD_MS);
  // The guard is in the DELETE itself: an upload referenced meanwhile stays.
  const removed = await prisma.$executeRaw`
    DELETE FROM "Attachment" WHERE "ticketId" IS NULL AND "createdAt" < ${before}`;
  for (;;) {
    const keys = (await prisma.attachmentFileToDelete.findMany({ take: BATCH, orderBy: { createdAt: 'asc' } })).map(
      (row) => row.storageKey,
    );
    await storage.delete(keys);
    await prisma.attachmentFileToDelete.deleteMany({ where: { storageKey: { in: keys } } });
    if (keys.length < BATCH) return removed;
  }
}
