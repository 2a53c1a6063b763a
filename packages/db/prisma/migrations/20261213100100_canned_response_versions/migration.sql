-- A canned response in other languages: one body per language, inserted when the ticket's student
-- reads the desk in that language (their account's language); the response's own body otherwise.
CREATE TABLE "CannedResponseVersion" (
    "cannedResponseId" UUID NOT NULL,
    "language" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "CannedResponseVersion_pkey" PRIMARY KEY ("cannedResponseId","language"),
    CONSTRAINT "CannedResponseVersion_language_check" CHECK ("language" IN ('en', 'es', 'fr', 'ar', 'zh-Hans'))
);

ALTER TABLE "CannedResponseVersion" ADD CONSTRAINT "CannedResponseVersion_cannedResponseId_fkey" FOREIGN KEY ("cannedResponseId") REFERENCES "CannedResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;
