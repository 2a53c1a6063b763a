-- Privacy (apps/api/src/privacy): erased people, retention rules, and deletes by retention that
-- leave the satisfaction sums alone.

ALTER TABLE "User" ADD COLUMN "erasedAt" TIMESTAMPTZ(3);

CREATE TYPE "RetentionRuleKind" AS ENUM ('CLOSED_TICKETS', 'INACTIVE_STUDENTS');

CREATE TABLE "RetentionRule" (
    "kind" "RetentionRuleKind" NOT NULL,
    "afterDays" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastRunAt" TIMESTAMPTZ(3),
    "lastRunDeleted" INTEGER,

    CONSTRAINT "RetentionRule_pkey" PRIMARY KEY ("kind")
);

-- Deleting a ticket or rating takes its part back out of "SatisfactionDay", which is right when a
-- mistake is removed but wrong when retention removes old records: the school's history of CSAT
-- and SLA numbers must not change because the tickets behind it were deleted on schedule. A
-- retention transaction sets studentdesk.keep_satisfaction_days (transaction-local), and deletes in
-- it leave the sums as they are. The bodies are those of metric_definitions plus that one check.
CREATE OR REPLACE FUNCTION satisfaction_day_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('studentdesk.keep_satisfaction_days', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM satisfaction_day_add(part, -1) FROM satisfaction_of_rating(OLD) part; END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM satisfaction_day_add(part, 1) FROM satisfaction_of_rating(NEW) part; END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION satisfaction_day_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('studentdesk.keep_satisfaction_days', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM satisfaction_day_add(part, -1) FROM satisfaction_of_ticket(OLD) part; END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM satisfaction_day_add(part, 1) FROM satisfaction_of_ticket(NEW) part; END IF;
  RETURN NULL;
END $$;
