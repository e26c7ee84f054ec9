export {
  SQL_DEADLOCK_DETECTED,
  SQL_SERIALIZATION_FAILURE,
  SQL_UNIQUE_VIOLATION,
  databaseFromPool,
  sqlErrorCode,
} from './database.js';
export { COMBINED_WRITES_MAX, CombinedWrite } from './combined-write.js';
export type { Database, Queryable, Row } from './database.js';
export { newId } from './ids.js';
export { toBigInt } from './int8.js';
export { MIGRATIONS_DIR, MigrationRefused, loadMigrations, migrate } from './migrate.js';
export type { Migration } from './migrate.js';
export { POSTGRES_POOL_SIZE_DEFAULT, openDatabase } from './open-database.js';
export type { DatabaseTarget } from './open-database.js';
