-- DropIndex
DROP INDEX "EmailMessage_status_createdAt_idx";

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");
