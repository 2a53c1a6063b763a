-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "slaPausedAt" TIMESTAMPTZ(3),
ADD COLUMN "slaPausedSeconds" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Holiday" (
    "id" UUID NOT NULL,
    "departmentId" UUID,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "uid" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Holiday_departmentId_date_idx" ON "Holiday"("departmentId", "date");

-- CreateIndex
CREATE INDEX "Holiday_uid_idx" ON "Holiday"("uid");

-- One holiday per scope and date; the school-wide scope is NULL, which a plain unique index would
-- let repeat, so the scope is compared as a value.
CREATE UNIQUE INDEX "Holiday_scope_date_key" ON "Holiday"(COALESCE("departmentId", '00000000-0000-0000-0000-000000000000'::uuid), "date");

-- AddForeignKey
ALTER TABLE "Holiday" ADD CONSTRAINT "Holiday_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;
