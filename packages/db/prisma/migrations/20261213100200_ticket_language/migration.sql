-- The language the reporter read the desk in when they reported (the portal's, else their account's),
-- so staff know it for guests too: a language StudentDesk speaks, or null when not known.
ALTER TABLE "Ticket" ADD COLUMN "language" TEXT;
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_language_check" CHECK ("language" IN ('en', 'es', 'fr', 'ar', 'zh-Hans'));
