-- Staff search over tickets (tickets/ticket.search.ts): one row of text vectors per ticket, kept
-- current by triggers, so a search reads GIN indexes instead of every message.
-- Two vectors because internal notes are for staff working the ticket only: "publicVector" holds
-- the title, description, contact name and email and public messages; "staffVector" adds the
-- internal notes. Staff only ever list tickets they work, so a staff search reads "staffVector"
-- and everyone else "publicVector".
-- 'simple' configuration (no stemming: the school's languages vary), accents folded by our own
-- IMMUTABLE function rather than the unaccent extension, which production servers may lack, which
-- the embedded database must load explicitly, and which is only STABLE (unusable in an index).

CREATE FUNCTION fold_accents(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  -- One character for one, so the folded text lines up with the original.
  SELECT translate(normalize($1, NFC),
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžØøĐđŁłıĦħ',
    'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoDdLliHh')
$$;

CREATE TABLE "TicketSearch" (
    "ticketId" UUID NOT NULL,
    "publicVector" tsvector NOT NULL,
    "staffVector" tsvector NOT NULL,

    CONSTRAINT "TicketSearch_pkey" PRIMARY KEY ("ticketId")
);

ALTER TABLE "TicketSearch" ADD CONSTRAINT "TicketSearch_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE INDEX "TicketSearch_publicVector_idx" ON "TicketSearch" USING GIN ("publicVector");
CREATE INDEX "TicketSearch_staffVector_idx" ON "TicketSearch" USING GIN ("staffVector");

-- The searchable text of a ticket, internal notes included or not; also what snippets are cut from.
CREATE FUNCTION ticket_search_text(ticket_id uuid, with_internal boolean) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\n', t."title", t."description", t."contactName", t."contactEmail",
    (SELECT string_agg(m."body", E'\n' ORDER BY m."createdAt", m."id") FROM "Message" m
     WHERE m."ticketId" = t."id" AND (with_internal OR NOT m."internal")))
  FROM "Ticket" t WHERE t."id" = ticket_id
$$;

CREATE FUNCTION refresh_ticket_search(ticket_id uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "TicketSearch" ("ticketId", "publicVector", "staffVector")
  SELECT t."id",
    to_tsvector('simple'::regconfig, fold_accents(ticket_search_text(t."id", false))),
    to_tsvector('simple'::regconfig, fold_accents(ticket_search_text(t."id", true)))
  FROM "Ticket" t WHERE t."id" = ticket_id
  ON CONFLICT ("ticketId") DO UPDATE SET "publicVector" = EXCLUDED."publicVector", "staffVector" = EXCLUDED."staffVector"
$$;

CREATE FUNCTION ticket_search_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_ticket_search(NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "Ticket_search_refresh" AFTER INSERT OR UPDATE OF "title", "description", "contactName", "contactEmail"
  ON "Ticket" FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket_changed();

-- A merge moves messages to another ticket: both tickets change.
CREATE FUNCTION ticket_search_message_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_ticket_search(OLD."ticketId"); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."ticketId" <> OLD."ticketId") THEN
    PERFORM refresh_ticket_search(NEW."ticketId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Message_search_refresh" AFTER INSERT OR DELETE OR UPDATE OF "body", "internal", "ticketId"
  ON "Message" FOR EACH ROW EXECUTE FUNCTION ticket_search_message_changed();

SELECT refresh_ticket_search("id") FROM "Ticket";
