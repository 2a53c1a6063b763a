-- Email in and out, threaded (mail-in/, notifications/): each department's inbound address, the
-- Message-ID and thread of every outgoing email, and every inbound email kept whole with what
-- became of it. The unique Message-ID and IMAP key make a second delivery a no-op.
ALTER TABLE "Department" ADD COLUMN "inboundAddress" TEXT,
ADD COLUMN "holdUnknownSenders" BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX "Department_inboundAddress_key" ON "Department"("inboundAddress");

ALTER TABLE "EmailMessage" ADD COLUMN "messageId" TEXT,
ADD COLUMN "inReplyTo" TEXT,
ADD COLUMN "references" TEXT;
CREATE UNIQUE INDEX "EmailMessage_messageId_key" ON "EmailMessage"("messageId");

CREATE TYPE "InboundEmailStatus" AS ENUM ('ACCEPTED', 'HELD', 'DISCARDED');
CREATE TYPE "InboundEmailSource" AS ENUM ('SMTP', 'IMAP');

CREATE TABLE "InboundEmail" (
    "id" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "source" "InboundEmailSource" NOT NULL,
    "imapKey" TEXT,
    "fromAddress" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "originalText" TEXT NOT NULL,
    "status" "InboundEmailStatus" NOT NULL,
    "reason" TEXT,
    "departmentId" UUID,
    "ticketId" UUID,
    "messageRowId" UUID,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InboundEmail_messageId_key" ON "InboundEmail"("messageId");
CREATE UNIQUE INDEX "InboundEmail_imapKey_key" ON "InboundEmail"("imapKey");
CREATE INDEX "InboundEmail_status_receivedAt_idx" ON "InboundEmail"("status", "receivedAt");
CREATE INDEX "InboundEmail_ticketId_idx" ON "InboundEmail"("ticketId");
CREATE INDEX "InboundEmail_fromAddress_receivedAt_idx" ON "InboundEmail"("fromAddress", "receivedAt");

ALTER TABLE "InboundEmail" ADD CONSTRAINT "InboundEmail_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "InboundEmail" ADD CONSTRAINT "InboundEmail_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
