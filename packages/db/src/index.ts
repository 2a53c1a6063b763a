export { openDatabase, type Database, type DatabaseOptions } from './client.js';
export { migrate, readMigrations, type MigrationResult } from './migrate.js';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';
export { defaultDataDir, findRepoRoot } from './paths.js';
export {
  addBusinessMinutes,
  addSlaMinutes,
  businessMinutesBetween,
  localDateKey,
  slaMinutesBetween,
  type BusinessCalendar,
} from './business-hours.js';
export { hashPassword, newPasswordProblem, verifyPassword } from './passwords.js';
export { uuidv7 } from './seed/random.js';
export * from './generated/prisma/client.js';
