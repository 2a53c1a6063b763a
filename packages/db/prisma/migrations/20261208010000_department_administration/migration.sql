-- Departments and categories administered from the console: archived, merged, names unique.

-- A ticket moved to another department by a merge says so in its history.
ALTER TYPE "TicketEventType" ADD VALUE 'DEPARTMENT_CHANGED' AFTER 'CATEGORY_CHANGED';

-- AlterTable
ALTER TABLE "Department" ADD COLUMN "archivedAt" TIMESTAMPTZ(3),
ADD COLUMN "mergedIntoId" UUID;

-- AlterTable
ALTER TABLE "Category" ADD COLUMN "mergedIntoId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;
