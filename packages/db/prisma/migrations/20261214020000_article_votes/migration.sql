-- "Was this helpful?": one vote per person or browser, counted from the votes (the old counter was never written).
ALTER TABLE "Article" DROP COLUMN "helpfulCount";

CREATE TABLE "ArticleVote" (
    "articleId" UUID NOT NULL,
    "voterKey" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "votedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleVote_pkey" PRIMARY KEY ("articleId","voterKey")
);

ALTER TABLE "ArticleVote" ADD CONSTRAINT "ArticleVote_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
