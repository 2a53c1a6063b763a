-- CreateEnum
CREATE TYPE "PasswordSignIn" AS ENUM ('EVERYONE', 'STAFF_ONLY', 'NOBODY');

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "passwordSignIn" "PasswordSignIn" NOT NULL DEFAULT 'EVERYONE';

-- CreateTable
CREATE TABLE "SamlRequest" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "assertionId" TEXT,

    CONSTRAINT "SamlRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SamlRequest_assertionId_key" ON "SamlRequest"("assertionId");

-- CreateIndex
CREATE INDEX "SamlRequest_expiresAt_idx" ON "SamlRequest"("expiresAt");
