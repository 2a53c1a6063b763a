-- The language a person reads StudentDesk in (portal, console, emails): a BCP 47 tag of a language
-- StudentDesk speaks (LANGUAGES in @studentdesk/domain), or null to follow the browser's.
ALTER TABLE "User" ADD COLUMN "language" TEXT;
ALTER TABLE "User" ADD CONSTRAINT "User_language_check" CHECK ("language" IN ('en', 'es', 'fr', 'ar', 'zh-Hans'));
