-- A webhook's owner: the API key that created it (admins' webhooks keep createdById). A key with
-- webhooks:manage sees and changes only the webhooks it owns. Webhooks created by keys before this
-- migration have no recorded key: from now on only admins manage them.
ALTER TABLE "Webhook" ADD COLUMN "createdByApiKeyId" UUID;

-- CreateIndex
CREATE INDEX "Webhook_createdByApiKeyId_createdAt_idx" ON "Webhook"("createdByApiKeyId", "createdAt");

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_createdByApiKeyId_fkey" FOREIGN KEY ("createdByApiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;
