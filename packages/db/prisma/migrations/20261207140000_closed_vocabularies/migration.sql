-- TicketEvent.type and EmailMessage.kind were free text, yet each is a closed set the code defines:
-- as enums the database refuses a misspelt value instead of storing it.
CREATE TYPE "TicketEventType" AS ENUM ('CREATED', 'STATUS_CHANGED', 'ASSIGNED', 'PRIORITY_CHANGED', 'CATEGORY_CHANGED', 'REPLIED', 'NOTE_ADDED', 'RESOLVED', 'REOPENED', 'RATED', 'INCIDENT_LINKED', 'SLA_BREACHED');
ALTER TABLE "TicketEvent" ALTER COLUMN "type" TYPE "TicketEventType" USING ("type"::"TicketEventType");

CREATE TYPE "EmailKind" AS ENUM ('TRACKING_LINK', 'STAFF_REPLIED', 'RESOLVED', 'RATING_REMINDER', 'SLA_ESCALATION');
ALTER TABLE "EmailMessage" ALTER COLUMN "kind" TYPE "EmailKind" USING ("kind"::"EmailKind");
