-- People can belong to several departments, with a role in each: the single User.departmentId
-- becomes one membership per person (staff and managers keep their role there; an admin's
-- department becomes a STAFF membership, so they stay in its staff list).

-- CreateEnum
CREATE TYPE "DepartmentRole" AS ENUM ('STAFF', 'MANAGER');

-- CreateTable
CREATE TABLE "DepartmentMembership" (
    "userId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "role" "DepartmentRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DepartmentMembership_pkey" PRIMARY KEY ("userId","departmentId")
);

-- CreateIndex
CREATE INDEX "DepartmentMembership_departmentId_role_idx" ON "DepartmentMembership"("departmentId", "role");

-- AddForeignKey
ALTER TABLE "DepartmentMembership" ADD CONSTRAINT "DepartmentMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentMembership" ADD CONSTRAINT "DepartmentMembership_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Copy each staff member's department and role
INSERT INTO "DepartmentMembership" ("userId", "departmentId", "role", "createdAt")
SELECT "id", "departmentId", CASE WHEN "role" = 'MANAGER' THEN 'MANAGER'::"DepartmentRole" ELSE 'STAFF'::"DepartmentRole" END, "createdAt"
FROM "User"
WHERE "departmentId" IS NOT NULL AND "role" IN ('STAFF', 'MANAGER', 'ADMIN');

-- DropForeignKey
ALTER TABLE "User" DROP CONSTRAINT "User_departmentId_fkey";

-- DropIndex
DROP INDEX "User_departmentId_role_idx";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "departmentId";
