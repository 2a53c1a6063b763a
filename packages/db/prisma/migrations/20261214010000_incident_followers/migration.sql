-- Who hears when an incident ends: students who pressed "me too" and status-page subscribers.
ALTER TYPE "EmailKind" ADD VALUE 'INCIDENT_RESOLVED';

CREATE TABLE "IncidentFollower" (
    "incidentId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "affected" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentFollower_pkey" PRIMARY KEY ("incidentId","email")
);

CREATE INDEX "IncidentFollower_email_idx" ON "IncidentFollower"("email");

ALTER TABLE "IncidentFollower" ADD CONSTRAINT "IncidentFollower_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
