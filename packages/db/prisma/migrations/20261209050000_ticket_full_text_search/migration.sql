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

-- Set-based: a statement that writes many tickets or messages (an import, a merge, the demo seed)
-- refreshes each ticket it touched once, not once per row.
CREATE FUNCTION refresh_ticket_search(ticket_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "TicketSearch" ("ticketId", "publicVector", "staffVector")
  SELECT t."id",
    to_tsvector('simple'::regconfig, fold_accents(concat_ws(E'\n', t."title", t."description", t."contactName", t."contactEmail", messages.public_text))),
    to_tsvector('simple'::regconfig, fold_accents(concat_ws(E'\n', t."title", t."description", t."contactName", t."contactEmail", messages.all_text)))
  FROM "Ticket" t
  LEFT JOIN LATERAL (
    SELECT string_agg(m."body", E'\n' ORDER BY m."createdAt", m."id") FILTER (WHERE NOT m."internal") AS public_text,
           string_agg(m."body", E'\n' ORDER BY m."createdAt", m."id") AS all_text
    FROM "Message" m WHERE m."ticketId" = t."id"
  ) messages ON true
  WHERE t."id" = ANY(ticket_ids)
  ON CONFLICT ("ticketId") DO UPDATE SET "publicVector" = EXCLUDED."publicVector", "staffVector" = EXCLUDED."staffVector"
$$;

CREATE FUNCTION ticket_search_tickets_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_ticket_search(ARRAY(SELECT "id" FROM inserted));
  RETURN NULL;
END $$;

CREATE TRIGGER "Ticket_search_inserted" AFTER INSERT ON "Ticket"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_tickets_inserted();

-- A column list allows no transition table; these columns change one ticket at a time anyway.
CREATE FUNCTION ticket_search_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_ticket_search(ARRAY[NEW."id"]);
  RETURN NULL;
END $$;

CREATE TRIGGER "Ticket_search_refresh" AFTER UPDATE OF "title", "description", "contactName", "contactEmail"
  ON "Ticket" FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket_changed();

CREATE FUNCTION ticket_search_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_ticket_search(ARRAY(SELECT DISTINCT "ticketId" FROM inserted));
  RETURN NULL;
END $$;

CREATE FUNCTION ticket_search_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_ticket_search(ARRAY(SELECT DISTINCT "ticketId" FROM deleted));
  RETURN NULL;
END $$;

-- A merge moves messages to another ticket: both tickets change.
CREATE FUNCTION ticket_search_messages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_ticket_search(ARRAY(SELECT "ticketId" FROM before UNION SELECT "ticketId" FROM after));
  RETURN NULL;
END $$;

CREATE TRIGGER "Message_search_inserted" AFTER INSERT ON "Message"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_inserted();
CREATE TRIGGER "Message_search_deleted" AFTER DELETE ON "Message"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_deleted();
CREATE TRIGGER "Message_search_updated" AFTER UPDATE ON "Message"
  REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_updated();

SELECT refresh_ticket_search(ARRAY(SELECT "id" FROM "Ticket"));
