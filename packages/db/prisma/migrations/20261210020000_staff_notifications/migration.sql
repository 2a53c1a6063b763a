-- Staff notifications (assigned, student replied, SLA about to breach, mentioned), per-person
-- settings, ticket followers, read markers ("jump to first unread") and the SLA warning claim.
ALTER TYPE "EmailKind" ADD VALUE 'STAFF_NOTIFICATIONS';

CREATE TYPE "StaffNotificationKind" AS ENUM ('ASSIGNED_TO_ME', 'STUDENT_REPLIED', 'SLA_ABOUT_TO_BREACH', 'MENTIONED');

CREATE TABLE "StaffNotification" (
    "id" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" "StaffNotificationKind" NOT NULL,
    "ticketId" UUID NOT NULL,
    "actorId" UUID,
    "messageId" UUID,
    "slaTarget" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "inConsole" BOOLEAN NOT NULL DEFAULT true,
    "emailDueAt" TIMESTAMPTZ(3),
    "emailedAt" TIMESTAMPTZ(3),
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffNotification_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "StaffNotification_recipientId_createdAt_idx" ON "StaffNotification"("recipientId", "createdAt" DESC);
CREATE INDEX "StaffNotification_emailDueAt_idx" ON "StaffNotification"("emailDueAt");
CREATE INDEX "StaffNotification_ticketId_idx" ON "StaffNotification"("ticketId");

ALTER TABLE "StaffNotification" ADD CONSTRAINT "StaffNotification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StaffNotification" ADD CONSTRAINT "StaffNotification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "StaffNotification" ADD CONSTRAINT "StaffNotification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "StaffNotificationSetting" (
    "userId" UUID NOT NULL,
    "kind" "StaffNotificationKind" NOT NULL,
    "console" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,

    CONSTRAINT "StaffNotificationSetting_pkey" PRIMARY KEY ("userId","kind")
);

ALTER TABLE "StaffNotificationSetting" ADD CONSTRAINT "StaffNotificationSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TicketFollower" (
    "ticketId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketFollower_pkey" PRIMARY KEY ("ticketId","userId")
);

CREATE INDEX "TicketFollower_userId_idx" ON "TicketFollower"("userId");

ALTER TABLE "TicketFollower" ADD CONSTRAINT "TicketFollower_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TicketFollower" ADD CONSTRAINT "TicketFollower_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TicketRead" (
    "userId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TicketRead_pkey" PRIMARY KEY ("userId","ticketId")
);

CREATE INDEX "TicketRead_ticketId_idx" ON "TicketRead"("ticketId");

ALTER TABLE "TicketRead" ADD CONSTRAINT "TicketRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TicketRead" ADD CONSTRAINT "TicketRead_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "SlaWarning" (
    "ticketId" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaWarning_pkey" PRIMARY KEY ("ticketId","target")
);

ALTER TABLE "SlaWarning" ADD CONSTRAINT "SlaWarning_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
