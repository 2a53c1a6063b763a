-- The satisfaction report's figures per department and UTC day, kept by triggers on "Rating" and
-- "Ticket" so every writer (API, seed, imports) keeps them right. The report sums whole days here
-- and reads only the partial days at the ends of its range from the raw rows
-- (insights/satisfaction.service.ts): 120 days at scale 75 read ~720 rows instead of ~350,000.

CREATE TABLE "SatisfactionDay" (
    "departmentId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "expectationMet" INTEGER NOT NULL DEFAULT 0,
    "perceptionGapSum" INTEGER NOT NULL DEFAULT 0,
    "perceptionGapCount" INTEGER NOT NULL DEFAULT 0,
    "resolvedTickets" INTEGER NOT NULL DEFAULT 0,
    "resolvedInTime" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SatisfactionDay_pkey" PRIMARY KEY ("departmentId","day")
);

ALTER TABLE "SatisfactionDay" ADD CONSTRAINT "SatisfactionDay_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Adds one row's contribution (sign +1) or takes it back (sign -1).
CREATE FUNCTION satisfaction_day_add(
  department UUID, at TIMESTAMPTZ, sign INTEGER,
  responses INTEGER, satisfied INTEGER, expectation_met INTEGER, gap_sum INTEGER, gap_count INTEGER,
  resolved_tickets INTEGER, resolved_in_time INTEGER
) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SatisfactionDay" AS d ("departmentId", "day", "responses", "satisfied", "expectationMet",
                                      "perceptionGapSum", "perceptionGapCount", "resolvedTickets", "resolvedInTime")
  VALUES (department, (at AT TIME ZONE 'UTC')::date, sign * responses, sign * satisfied, sign * expectation_met,
          sign * gap_sum, sign * gap_count, sign * resolved_tickets, sign * resolved_in_time)
  ON CONFLICT ("departmentId", "day") DO UPDATE SET
    "responses" = d."responses" + EXCLUDED."responses",
    "satisfied" = d."satisfied" + EXCLUDED."satisfied",
    "expectationMet" = d."expectationMet" + EXCLUDED."expectationMet",
    "perceptionGapSum" = d."perceptionGapSum" + EXCLUDED."perceptionGapSum",
    "perceptionGapCount" = d."perceptionGapCount" + EXCLUDED."perceptionGapCount",
    "resolvedTickets" = d."resolvedTickets" + EXCLUDED."resolvedTickets",
    "resolvedInTime" = d."resolvedInTime" + EXCLUDED."resolvedInTime";
$$;

CREATE FUNCTION satisfaction_day_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM satisfaction_day_add(OLD."departmentId", OLD."createdAt", -1, 1, (OLD."score" >= 4)::int,
      (OLD."expectation" IN ('MET', 'EXCEEDED'))::int, COALESCE(OLD."predictedScore" - OLD."score", 0),
      (OLD."predictedScore" IS NOT NULL)::int, 0, 0);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM satisfaction_day_add(NEW."departmentId", NEW."createdAt", 1, 1, (NEW."score" >= 4)::int,
      (NEW."expectation" IN ('MET', 'EXCEEDED'))::int, COALESCE(NEW."predictedScore" - NEW."score", 0),
      (NEW."predictedScore" IS NOT NULL)::int, 0, 0);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Rating_satisfaction_day" AFTER INSERT OR DELETE OR UPDATE OF "departmentId", "createdAt", "score", "expectation", "predictedScore"
  ON "Rating" FOR EACH ROW EXECUTE FUNCTION satisfaction_day_rating();

-- A ticket counts for SLA compliance on the day it was resolved, if it had a resolution due time.
CREATE FUNCTION satisfaction_day_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."resolvedAt" IS NOT NULL AND OLD."resolutionDueAt" IS NOT NULL THEN
    PERFORM satisfaction_day_add(OLD."departmentId", OLD."resolvedAt", -1, 0, 0, 0, 0, 0, 1,
      (OLD."resolvedAt" <= OLD."resolutionDueAt")::int);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."resolvedAt" IS NOT NULL AND NEW."resolutionDueAt" IS NOT NULL THEN
    PERFORM satisfaction_day_add(NEW."departmentId", NEW."resolvedAt", 1, 0, 0, 0, 0, 0, 1,
      (NEW."resolvedAt" <= NEW."resolutionDueAt")::int);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Ticket_satisfaction_day_insert" AFTER INSERT ON "Ticket"
  FOR EACH ROW WHEN (NEW."resolvedAt" IS NOT NULL) EXECUTE FUNCTION satisfaction_day_ticket();
CREATE TRIGGER "Ticket_satisfaction_day_update" AFTER UPDATE OF "departmentId", "resolvedAt", "resolutionDueAt" ON "Ticket"
  FOR EACH ROW WHEN (OLD."departmentId" IS DISTINCT FROM NEW."departmentId" OR OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt"
                     OR OLD."resolutionDueAt" IS DISTINCT FROM NEW."resolutionDueAt")
  EXECUTE FUNCTION satisfaction_day_ticket();
CREATE TRIGGER "Ticket_satisfaction_day_delete" AFTER DELETE ON "Ticket"
  FOR EACH ROW WHEN (OLD."resolvedAt" IS NOT NULL) EXECUTE FUNCTION satisfaction_day_ticket();

-- The days of the data already there.
INSERT INTO "SatisfactionDay" ("departmentId", "day", "responses", "satisfied", "expectationMet",
                               "perceptionGapSum", "perceptionGapCount", "resolvedTickets", "resolvedInTime")
SELECT "departmentId", "day", sum("responses"), sum("satisfied"), sum("expectationMet"),
       sum("perceptionGapSum"), sum("perceptionGapCount"), sum("resolvedTickets"), sum("resolvedInTime")
FROM (
  SELECT "departmentId", ("createdAt" AT TIME ZONE 'UTC')::date AS "day", 1 AS "responses", ("score" >= 4)::int AS "satisfied",
         ("expectation" IN ('MET', 'EXCEEDED'))::int AS "expectationMet", COALESCE("predictedScore" - "score", 0) AS "perceptionGapSum",
         ("predictedScore" IS NOT NULL)::int AS "perceptionGapCount", 0 AS "resolvedTickets", 0 AS "resolvedInTime"
  FROM "Rating"
  UNION ALL
  SELECT "departmentId", ("resolvedAt" AT TIME ZONE 'UTC')::date, 0, 0, 0, 0, 0, 1, ("resolvedAt" <= "resolutionDueAt")::int
  FROM "Ticket" WHERE "resolvedAt" IS NOT NULL AND "resolutionDueAt" IS NOT NULL
) AS contributions
GROUP BY "departmentId", "day";
