-- What a report's idempotency key first came with, so a replay with different content is refused
-- (CONFLICT) instead of answered with someone else's ticket. Older tickets have none: their keys
-- cannot be replayed (see tickets/ticket.service.ts).
ALTER TABLE "Ticket" ADD COLUMN "idempotencyRequestHash" TEXT;
