-- Files attached to reports and messages: uploaded first, linked when a report or message
-- references them; the bytes live in the storage (disk or S3), only their keys here.
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "ticketId" UUID,
    "messageId" UUID,
    "uploaderId" UUID,
    "uploadTokenHash" TEXT,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "thumbnailKey" TEXT,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Attachment_ticketId_createdAt_idx" ON "Attachment"("ticketId", "createdAt");
CREATE INDEX "Attachment_messageId_createdAt_idx" ON "Attachment"("messageId", "createdAt");
CREATE INDEX "Attachment_createdAt_idx" ON "Attachment"("createdAt");

ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The bytes of every Attachment row deleted, however (cleanup of unused uploads, retention deleting
-- a ticket, any cascade), wait here for the cleanup job to remove them from the storage.
CREATE TABLE "AttachmentFileToDelete" (
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentFileToDelete_pkey" PRIMARY KEY ("storageKey")
);

CREATE FUNCTION attachment_files_to_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AttachmentFileToDelete" ("storageKey")
  SELECT key FROM unnest(ARRAY[OLD."storageKey", OLD."thumbnailKey"]) AS key WHERE key IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN OLD;
END $$;

CREATE TRIGGER "Attachment_files_to_delete" AFTER DELETE ON "Attachment"
  FOR EACH ROW EXECUTE FUNCTION attachment_files_to_delete();
