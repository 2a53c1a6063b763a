-- The weekly email to each manager with their department's numbers: one row per manager,
-- department and week, written with the email in one transaction, so every API process together
-- sends it once.
ALTER TYPE "EmailKind" ADD VALUE 'MANAGER_WEEKLY';

CREATE TABLE "ManagerDigest" (
    "userId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "weekStart" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ManagerDigest_pkey" PRIMARY KEY ("userId","departmentId","weekStart")
);

ALTER TABLE "ManagerDigest" ADD CONSTRAINT "ManagerDigest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ManagerDigest" ADD CONSTRAINT "ManagerDigest_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;
