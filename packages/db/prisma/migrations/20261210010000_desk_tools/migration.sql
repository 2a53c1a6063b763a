-- Desk tools: tags on tickets, macros, related-ticket links, and their history entries.
ALTER TYPE "TicketEventType" ADD VALUE 'TAGS_CHANGED';
ALTER TYPE "TicketEventType" ADD VALUE 'LINKED';
ALTER TYPE "TicketEventType" ADD VALUE 'UNLINKED';
ALTER TYPE "TicketEventType" ADD VALUE 'MACRO_APPLIED';

CREATE TABLE "Tag" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");

CREATE TABLE "TicketTag" (
    "ticketId" UUID NOT NULL,
    "tagId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketTag_pkey" PRIMARY KEY ("ticketId","tagId")
);
CREATE INDEX "TicketTag_tagId_idx" ON "TicketTag"("tagId");
ALTER TABLE "TicketTag" ADD CONSTRAINT "TicketTag_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TicketTag" ADD CONSTRAINT "TicketTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Macro" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" UUID,
    "departmentId" UUID,
    "status" "TicketStatus",
    "priority" "Priority",
    "tagIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "assigneeId" UUID,
    "assignToMe" BOOLEAN NOT NULL DEFAULT false,
    "replyBody" TEXT,
    "replyInternal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Macro_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Macro_ownerId_idx" ON "Macro"("ownerId");
CREATE INDEX "Macro_departmentId_idx" ON "Macro"("departmentId");
ALTER TABLE "Macro" ADD CONSTRAINT "Macro_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Macro" ADD CONSTRAINT "Macro_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Macro" ADD CONSTRAINT "Macro_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "TicketLink" (
    "ticketId" UUID NOT NULL,
    "relatedTicketId" UUID NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketLink_pkey" PRIMARY KEY ("ticketId","relatedTicketId")
);
CREATE INDEX "TicketLink_relatedTicketId_idx" ON "TicketLink"("relatedTicketId");
ALTER TABLE "TicketLink" ADD CONSTRAINT "TicketLink_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TicketLink" ADD CONSTRAINT "TicketLink_relatedTicketId_fkey" FOREIGN KEY ("relatedTicketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
