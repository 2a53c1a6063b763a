-- What staff are writing on a ticket, saved as they type: one draft per person and ticket.
CREATE TABLE "ReplyDraft" (
    "userId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReplyDraft_pkey" PRIMARY KEY ("userId","ticketId")
);

ALTER TABLE "ReplyDraft" ADD CONSTRAINT "ReplyDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReplyDraft" ADD CONSTRAINT "ReplyDraft_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
