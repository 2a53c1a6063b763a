-- A bulk change to tickets in the console, kept for its undo: only the SHA-256 of the undo token,
-- each ticket's values before and after, and the window in which the token works (once).
CREATE TABLE "BulkUpdate" (
    "id" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tickets" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "undoneAt" TIMESTAMPTZ(3),

    CONSTRAINT "BulkUpdate_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "BulkUpdate_tokenHash_key" ON "BulkUpdate"("tokenHash");
CREATE INDEX "BulkUpdate_expiresAt_idx" ON "BulkUpdate"("expiresAt");
