-- CreateTable
CREATE TABLE "ScimUser" (
    "userId" UUID NOT NULL,
    "userName" TEXT,
    "externalId" TEXT,
    "givenName" TEXT,
    "familyName" TEXT,
    "displayName" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScimUser_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_userName_key" ON "ScimUser"("userName");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_externalId_key" ON "ScimUser"("externalId");

-- AddForeignKey
ALTER TABLE "ScimUser" ADD CONSTRAINT "ScimUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
