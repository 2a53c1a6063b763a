-- Knowledge-base authoring: draft/published/archived articles with a version history, slugs unique
-- per department, and canned responses that link articles. Every existing article becomes version 1;
-- published ones stay published with version 1 live, unpublished ones become drafts.

CREATE TYPE "ArticleStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

ALTER TABLE "Article"
ADD COLUMN     "latestVersionNumber" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "publishedVersionId" UUID,
ADD COLUMN     "status" "ArticleStatus" NOT NULL DEFAULT 'DRAFT';

CREATE TABLE "ArticleVersion" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "note" TEXT,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "ArticleVersion" ("id", "articleId", "number", "title", "summary", "body", "createdAt")
SELECT gen_random_uuid(), "id", 1, "title", "summary", "body", "updatedAt" FROM "Article";

UPDATE "Article" AS a
SET "latestVersionNumber" = 1,
    "status" = CASE WHEN a."published" THEN 'PUBLISHED'::"ArticleStatus" ELSE 'DRAFT'::"ArticleStatus" END,
    "publishedVersionId" = CASE WHEN a."published" THEN v."id" END
FROM "ArticleVersion" AS v
WHERE v."articleId" = a."id";

ALTER TABLE "Article" DROP COLUMN "published";

CREATE TABLE "CannedResponseArticle" (
    "cannedResponseId" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "CannedResponseArticle_pkey" PRIMARY KEY ("cannedResponseId","articleId")
);

CREATE UNIQUE INDEX "ArticleVersion_articleId_number_key" ON "ArticleVersion"("articleId", "number");

CREATE INDEX "CannedResponseArticle_articleId_idx" ON "CannedResponseArticle"("articleId");

CREATE UNIQUE INDEX "Article_publishedVersionId_key" ON "Article"("publishedVersionId");

CREATE INDEX "Article_departmentId_status_updatedAt_idx" ON "Article"("departmentId", "status", "updatedAt");

-- Slugs were unique school-wide, so they are unique per department too.
DROP INDEX "Article_slug_key";
CREATE UNIQUE INDEX "Article_departmentId_slug_key" ON "Article"("departmentId", "slug");
-- A unique index treats NULLs as distinct; school-wide articles (no department) need their own.
CREATE UNIQUE INDEX "Article_school_slug_key" ON "Article"("slug") WHERE "departmentId" IS NULL;

ALTER TABLE "Article" ADD CONSTRAINT "Article_publishedVersionId_fkey" FOREIGN KEY ("publishedVersionId") REFERENCES "ArticleVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ArticleVersion" ADD CONSTRAINT "ArticleVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "CannedResponseArticle" ADD CONSTRAINT "CannedResponseArticle_cannedResponseId_fkey" FOREIGN KEY ("cannedResponseId") REFERENCES "CannedResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CannedResponseArticle" ADD CONSTRAINT "CannedResponseArticle_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
