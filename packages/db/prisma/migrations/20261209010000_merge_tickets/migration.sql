-- A duplicate report merged into the ticket that stays: closed, its conversation moved, and a
-- pointer so the student (and their old links) are sent on to the ticket that stays.
ALTER TYPE "TicketEventType" ADD VALUE 'MERGED';
ALTER TYPE "EmailKind" ADD VALUE 'TICKETS_MERGED';
ALTER TABLE "Ticket" ADD COLUMN "mergedIntoId" UUID;
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Ticket_mergedIntoId_idx" ON "Ticket"("mergedIntoId");
