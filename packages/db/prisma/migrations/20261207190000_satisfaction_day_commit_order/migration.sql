-- "SatisfactionDay" without deadlocks. The row triggers used to upsert a department's day row at
-- once, so a transaction held those rows in the order it happened to write: two transactions
-- writing two departments' days in opposite orders (a ticket moved one way while another moved the
-- other way, a batch of ratings) deadlocked (40P01; apps/api/src/insights/satisfaction.concurrency.test.ts).
-- Now a change is noted in a table of the session's own (pg_temp), and folded into "SatisfactionDay"
-- when the transaction commits, in key order (department, day): every transaction takes those rows
-- in the same order, so none waits for another that waits for it. Reports read committed days only,
-- so they see the same sums as before.

-- Folds this transaction's changes, summed per day row, in key order. Runs once, at commit.
CREATE FUNCTION satisfaction_day_fold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Changes after this (a SET CONSTRAINTS ... IMMEDIATE mid-transaction) queue another fold.
  PERFORM set_config('studentdesk.satisfaction_fold', '', true);
  WITH change AS (DELETE FROM pg_temp.satisfaction_day_change RETURNING *)
  INSERT INTO "SatisfactionDay" AS d
  SELECT "departmentId", "day",
         sum("responses"), sum("satisfied"), sum("expectationMet"), sum("expectationExceeded"), sum("scoreSum"),
         sum("perceptionGapSum"), sum("perceptionGapCount"), sum("predictedScoreSum"), sum("firstResponseDecided"), sum("firstResponseMet"),
         sum("resolutionDecided"), sum("resolutionMet"), sum("respondedTickets"), sum("firstResponseMs"), sum("resolvedTickets"),
         sum("resolutionMs"), sum("expectationTickets"), sum("expectedHours"), sum("expectationResolutionMs")
  FROM change
  GROUP BY "departmentId", "day"
  ORDER BY "departmentId", "day"
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
  RETURN NULL;
END $$;

-- Adds a part to its day (sign +1) or takes it back (sign -1), at commit. The session's change table
-- and its deferred fold trigger are made on first use; the fold is queued once per transaction (the
-- setting is the transaction's own), not once per change.
CREATE OR REPLACE FUNCTION satisfaction_day_add(part "SatisfactionDay", sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.satisfaction_day_change') IS NULL THEN
    CREATE TEMP TABLE satisfaction_day_change (LIKE "SatisfactionDay") ON COMMIT DELETE ROWS;
    CREATE CONSTRAINT TRIGGER satisfaction_day_fold AFTER INSERT ON pg_temp.satisfaction_day_change
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (current_setting('studentdesk.satisfaction_fold', true) IS DISTINCT FROM 'queued')
      EXECUTE FUNCTION satisfaction_day_fold();
  END IF;
  INSERT INTO pg_temp.satisfaction_day_change
  SELECT part."departmentId", part."day",
         sign * part."responses", sign * part."satisfied", sign * part."expectationMet", sign * part."expectationExceeded",
         sign * part."scoreSum", sign * part."perceptionGapSum", sign * part."perceptionGapCount", sign * part."predictedScoreSum",
         sign * part."firstResponseDecided", sign * part."firstResponseMet", sign * part."resolutionDecided", sign * part."resolutionMet",
         sign * part."respondedTickets", sign * part."firstResponseMs", sign * part."resolvedTickets", sign * part."resolutionMs",
         sign * part."expectationTickets", sign * part."expectedHours", sign * part."expectationResolutionMs";
  PERFORM set_config('studentdesk.satisfaction_fold', 'queued', true);
END $$;
