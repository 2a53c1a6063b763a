-- One definition of every number managers see (docs/metrics.md; apps/api/src/insights/metrics.ts
-- turns these sums into rates and averages). Each rating and each ticket contributes one row of
-- sums, its "part", on one UTC day of its department:
--   a rating on the day it was given: CSAT, expectation, perception gap;
--   a ticket on the day it was reported: its SLA targets, once decided, and how long it took.
-- "SatisfactionDay" holds the parts summed per department and day, kept by triggers; reports add
-- whole days from it to the parts of the partial days at the ends of their period, read through the
-- same functions. A target the ticket has not met yet is decided only when its due time passes,
-- which no write announces: sla_overdue_of_ticket counts those at query time.
-- Replaces the satisfaction_days rollup, which counted SLA compliance on the day a ticket was
-- resolved, so it disagreed with the dashboards' count by the day a ticket was reported.

DROP TRIGGER "Rating_satisfaction_day" ON "Rating";
DROP TRIGGER "Ticket_satisfaction_day_insert" ON "Ticket";
DROP TRIGGER "Ticket_satisfaction_day_update" ON "Ticket";
DROP TRIGGER "Ticket_satisfaction_day_delete" ON "Ticket";
DROP FUNCTION satisfaction_day_rating();
DROP FUNCTION satisfaction_day_ticket();
DROP FUNCTION satisfaction_day_add("SatisfactionDay", INTEGER);
DROP FUNCTION satisfaction_of_rating("Rating");
DROP FUNCTION satisfaction_of_ticket("Ticket");
DROP TABLE "SatisfactionDay";

CREATE TABLE "SatisfactionDay" (
    "departmentId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "expectationMet" INTEGER NOT NULL DEFAULT 0,
    "expectationExceeded" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" INTEGER NOT NULL DEFAULT 0,
    "perceptionGapSum" INTEGER NOT NULL DEFAULT 0,
    "perceptionGapCount" INTEGER NOT NULL DEFAULT 0,
    "predictedScoreSum" INTEGER NOT NULL DEFAULT 0,
    "firstResponseDecided" INTEGER NOT NULL DEFAULT 0,
    "firstResponseMet" INTEGER NOT NULL DEFAULT 0,
    "resolutionDecided" INTEGER NOT NULL DEFAULT 0,
    "resolutionMet" INTEGER NOT NULL DEFAULT 0,
    "respondedTickets" INTEGER NOT NULL DEFAULT 0,
    "firstResponseMs" BIGINT NOT NULL DEFAULT 0,
    "resolvedTickets" INTEGER NOT NULL DEFAULT 0,
    "resolutionMs" BIGINT NOT NULL DEFAULT 0,
    "expectationTickets" INTEGER NOT NULL DEFAULT 0,
    "expectedHours" INTEGER NOT NULL DEFAULT 0,
    "expectationResolutionMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SatisfactionDay_pkey" PRIMARY KEY ("departmentId","day")
);

ALTER TABLE "SatisfactionDay" ADD CONSTRAINT "SatisfactionDay_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Milliseconds from one instant to a later one; 0 when the later one has not happened.
CREATE FUNCTION metric_ms(since TIMESTAMPTZ, until TIMESTAMPTZ) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(round(extract(epoch FROM until - since) * 1000), 0)::bigint
$$;

-- A rating's part. Satisfied: a score of 4 or 5. Expectation met: MET or EXCEEDED. Perception gap:
-- predicted minus given score, over ratings whose resolver predicted one.
-- SETOF (always one row) so PostgreSQL inlines these functions in FROM clauses: called per row,
-- they made the report's partial days 50 % slower.
CREATE FUNCTION satisfaction_of_rating(r "Rating") RETURNS SETOF "SatisfactionDay" LANGUAGE sql STABLE AS $$
  SELECT r."departmentId", (r."createdAt" AT TIME ZONE 'UTC')::date,
         1, (r."score" >= 4)::int, (r."expectation" IN ('MET', 'EXCEEDED'))::int, (r."expectation" = 'EXCEEDED')::int,
         r."score", COALESCE(r."predictedScore" - r."score", 0), (r."predictedScore" IS NOT NULL)::int, COALESCE(r."predictedScore", 0),
         0, 0, 0, 0, 0, 0::bigint, 0, 0::bigint, 0, 0, 0::bigint
$$;

-- A ticket's part, from what has happened to it. A target with a due time is decided when it is
-- met or missed: the first public staff answer (met if by its due time), the resolution (met if by
-- its due time). Reopening takes a resolution back. Tickets without a due time (no SLA for their
-- priority) have no target. Times run from the report, in wall-clock time.
CREATE FUNCTION satisfaction_of_ticket(t "Ticket") RETURNS SETOF "SatisfactionDay" LANGUAGE sql STABLE AS $$
  SELECT t."departmentId", (t."createdAt" AT TIME ZONE 'UTC')::date,
         0, 0, 0, 0, 0, 0, 0, 0,
         (t."firstResponseDueAt" IS NOT NULL AND t."firstRespondedAt" IS NOT NULL)::int,
         COALESCE(t."firstRespondedAt" <= t."firstResponseDueAt", false)::int,
         (t."resolutionDueAt" IS NOT NULL AND t."resolvedAt" IS NOT NULL)::int,
         COALESCE(t."resolvedAt" <= t."resolutionDueAt", false)::int,
         (t."firstRespondedAt" IS NOT NULL)::int, metric_ms(t."createdAt", t."firstRespondedAt"),
         (t."resolvedAt" IS NOT NULL)::int, metric_ms(t."createdAt", t."resolvedAt"),
         (t."resolvedAt" IS NOT NULL AND t."expectedResolutionHours" IS NOT NULL)::int,
         CASE WHEN t."resolvedAt" IS NOT NULL THEN COALESCE(t."expectedResolutionHours", 0) ELSE 0 END,
         CASE WHEN t."expectedResolutionHours" IS NOT NULL THEN metric_ms(t."createdAt", t."resolvedAt") ELSE 0 END
$$;

-- The targets a ticket has missed by `now` without anything being written: still unanswered or
-- unresolved after their due time. Added at query time to the ticket's stored part.
CREATE FUNCTION sla_overdue_of_ticket(t "Ticket", now TIMESTAMPTZ) RETURNS SETOF "SatisfactionDay" LANGUAGE sql STABLE AS $$
  SELECT t."departmentId", (t."createdAt" AT TIME ZONE 'UTC')::date,
         0, 0, 0, 0, 0, 0, 0, 0,
         COALESCE(t."firstRespondedAt" IS NULL AND t."firstResponseDueAt" < now, false)::int, 0,
         COALESCE(t."resolvedAt" IS NULL AND t."resolutionDueAt" < now, false)::int, 0,
         0, 0::bigint, 0, 0::bigint, 0, 0, 0::bigint
$$;

-- Adds a part to its day (sign +1) or takes it back (sign -1).
CREATE FUNCTION satisfaction_day_add(part "SatisfactionDay", sign INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SatisfactionDay" AS d
  SELECT part."departmentId", part."day",
         sign * part."responses", sign * part."satisfied", sign * part."expectationMet", sign * part."expectationExceeded",
         sign * part."scoreSum", sign * part."perceptionGapSum", sign * part."perceptionGapCount", sign * part."predictedScoreSum",
         sign * part."firstResponseDecided", sign * part."firstResponseMet", sign * part."resolutionDecided", sign * part."resolutionMet",
         sign * part."respondedTickets", sign * part."firstResponseMs", sign * part."resolvedTickets", sign * part."resolutionMs",
         sign * part."expectationTickets", sign * part."expectedHours", sign * part."expectationResolutionMs"
  ON CONFLICT ("departmentId", "day") DO UPDATE SET
    "responses" = d."responses" + EXCLUDED."responses",
    "satisfied" = d."satisfied" + EXCLUDED."satisfied",
    "expectationMet" = d."expectationMet" + EXCLUDED."expectationMet",
    "expectationExceeded" = d."expectationExceeded" + EXCLUDED."expectationExceeded",
    "scoreSum" = d."scoreSum" + EXCLUDED."scoreSum",
    "perceptionGapSum" = d."perceptionGapSum" + EXCLUDED."perceptionGapSum",
    "perceptionGapCount" = d."perceptionGapCount" + EXCLUDED."perceptionGapCount",
    "predictedScoreSum" = d."predictedScoreSum" + EXCLUDED."predictedScoreSum",
    "firstResponseDecided" = d."firstResponseDecided" + EXCLUDED."firstResponseDecided",
    "firstResponseMet" = d."firstResponseMet" + EXCLUDED."firstResponseMet",
    "resolutionDecided" = d."resolutionDecided" + EXCLUDED."resolutionDecided",
    "resolutionMet" = d."resolutionMet" + EXCLUDED."resolutionMet",
    "respondedTickets" = d."respondedTickets" + EXCLUDED."respondedTickets",
    "firstResponseMs" = d."firstResponseMs" + EXCLUDED."firstResponseMs",
    "resolvedTickets" = d."resolvedTickets" + EXCLUDED."resolvedTickets",
    "resolutionMs" = d."resolutionMs" + EXCLUDED."resolutionMs",
    "expectationTickets" = d."expectationTickets" + EXCLUDED."expectationTickets",
    "expectedHours" = d."expectedHours" + EXCLUDED."expectedHours",
    "expectationResolutionMs" = d."expectationResolutionMs" + EXCLUDED."expectationResolutionMs";
$$;

CREATE FUNCTION satisfaction_day_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM satisfaction_day_add(part, -1) FROM satisfaction_of_rating(OLD) part; END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM satisfaction_day_add(part, 1) FROM satisfaction_of_rating(NEW) part; END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Rating_satisfaction_day" AFTER INSERT OR DELETE OR UPDATE OF "departmentId", "createdAt", "score", "expectation", "predictedScore"
  ON "Rating" FOR EACH ROW EXECUTE FUNCTION satisfaction_day_rating();

CREATE FUNCTION satisfaction_day_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM satisfaction_day_add(part, -1) FROM satisfaction_of_ticket(OLD) part; END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM satisfaction_day_add(part, 1) FROM satisfaction_of_ticket(NEW) part; END IF;
  RETURN NULL;
END $$;

-- A ticket nobody has answered yet has an empty part: reports skip the trigger.
CREATE TRIGGER "Ticket_satisfaction_day_insert" AFTER INSERT ON "Ticket"
  FOR EACH ROW WHEN (NEW."firstRespondedAt" IS NOT NULL OR NEW."resolvedAt" IS NOT NULL) EXECUTE FUNCTION satisfaction_day_ticket();
CREATE TRIGGER "Ticket_satisfaction_day_update" AFTER UPDATE OF "departmentId", "createdAt", "firstRespondedAt", "firstResponseDueAt",
    "resolvedAt", "resolutionDueAt", "expectedResolutionHours" ON "Ticket"
  FOR EACH ROW WHEN (OLD."departmentId" IS DISTINCT FROM NEW."departmentId" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
                     OR OLD."firstRespondedAt" IS DISTINCT FROM NEW."firstRespondedAt"
                     OR OLD."firstResponseDueAt" IS DISTINCT FROM NEW."firstResponseDueAt"
                     OR OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."resolutionDueAt" IS DISTINCT FROM NEW."resolutionDueAt"
                     OR OLD."expectedResolutionHours" IS DISTINCT FROM NEW."expectedResolutionHours")
  EXECUTE FUNCTION satisfaction_day_ticket();
CREATE TRIGGER "Ticket_satisfaction_day_delete" AFTER DELETE ON "Ticket"
  FOR EACH ROW WHEN (OLD."firstRespondedAt" IS NOT NULL OR OLD."resolvedAt" IS NOT NULL) EXECUTE FUNCTION satisfaction_day_ticket();

-- The days of the data already there.
INSERT INTO "SatisfactionDay"
SELECT "departmentId", "day", sum("responses"), sum("satisfied"), sum("expectationMet"), sum("expectationExceeded"),
       sum("scoreSum"), sum("perceptionGapSum"), sum("perceptionGapCount"), sum("predictedScoreSum"),
       sum("firstResponseDecided"), sum("firstResponseMet"), sum("resolutionDecided"), sum("resolutionMet"),
       sum("respondedTickets"), sum("firstResponseMs"), sum("resolvedTickets"), sum("resolutionMs"),
       sum("expectationTickets"), sum("expectedHours"), sum("expectationResolutionMs")
FROM (
  SELECT part.* FROM "Rating" r, satisfaction_of_rating(r) part
  UNION ALL
  SELECT part.* FROM "Ticket" t, satisfaction_of_ticket(t) part
  WHERE t."firstRespondedAt" IS NOT NULL OR t."resolvedAt" IS NOT NULL
) AS part
GROUP BY "departmentId", "day";
