-- Full-text search that Prisma's schema language cannot express: expression GIN indexes.
-- The queries that use them must repeat these expressions exactly (tickets/ticket.search.ts,
-- articles/article.search.ts). 'simple' keeps ticket numbers, names and codes as typed; articles
-- use English stemming so "passwords" finds "password".

CREATE INDEX "Ticket_search_idx" ON "Ticket"
  USING GIN (to_tsvector('simple'::regconfig, "title" || ' ' || "description"));

CREATE INDEX "Article_search_idx" ON "Article"
  USING GIN ((
    setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
    setweight(to_tsvector('english'::regconfig, "summary"), 'B') ||
    setweight(to_tsvector('english'::regconfig, "body"), 'C')
  ));
