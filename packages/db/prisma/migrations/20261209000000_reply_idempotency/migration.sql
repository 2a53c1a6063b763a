-- A reply sent twice (a double click, a retry after a lost answer) is stored once: the client's key
-- is unique per ticket.
ALTER TABLE "Message" ADD COLUMN "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "Message_ticketId_idempotencyKey_key" ON "Message"("ticketId", "idempotencyKey");
