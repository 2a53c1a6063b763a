-- Automation rules (apps/api/src/automation/): the rules, one run per rule and key, and which ticket
-- events automation has looked at. History from before automation is taken as looked at.
ALTER TYPE "EmailKind" ADD VALUE 'AUTOMATION';

ALTER TABLE "TicketEvent" ADD COLUMN "automationCheckedAt" TIMESTAMPTZ(3);
UPDATE "TicketEvent" SET "automationCheckedAt" = "createdAt";
CREATE INDEX "TicketEvent_automationCheckedAt_createdAt_idx" ON "TicketEvent"("automationCheckedAt", "createdAt");

CREATE TABLE "AutomationRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "departmentId" UUID,
    "trigger" JSONB NOT NULL,
    "conditions" JSONB NOT NULL,
    "actions" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomationRule_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AutomationRule_departmentId_idx" ON "AutomationRule"("departmentId");

ALTER TABLE "AutomationRule" ADD CONSTRAINT "AutomationRule_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AutomationRule" ADD CONSTRAINT "AutomationRule_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "AutomationRun" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomationRun_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "AutomationRun_ruleId_key_key" ON "AutomationRun"("ruleId", "key");
CREATE INDEX "AutomationRun_ticketId_idx" ON "AutomationRun"("ticketId");

ALTER TABLE "AutomationRun" ADD CONSTRAINT "AutomationRun_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AutomationRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AutomationRun" ADD CONSTRAINT "AutomationRun_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
