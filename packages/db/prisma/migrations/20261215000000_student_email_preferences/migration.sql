-- A student's email choices from the portal's profile page: replies from staff and the rating
-- reminder, both on until they turn them off. Essential mail (links, password resets) has no switch.
ALTER TABLE "User" ADD COLUMN "staffReplyEmails" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "User" ADD COLUMN "ratingReminderEmails" BOOLEAN NOT NULL DEFAULT true;
