/**
 * The vault's database: SQLite in the data folder (the embedded default) or PostgreSQL (an organisation's server,
 * `--db postgres://…`), both through Kysely with the same queries and the same migrations, applied on open.
 */
import type { Kysely, MigrationProvider } from 'kysely';
import { GuzhengError } from '../errors.js';
import { migrationsFor, type Dialect } from './migrations.js';
import type { Schema } from './schema.js';

export type { Dialect } from './migrations.js';
export type * from './schema.js';

export interface OpenedDatabase {
  db: Kysely<Schema>;
  dialect: Dialect;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** A database URL without its password, for messages and logs. */
export function safeDbUrl(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const u = new URL(location);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return 'postgres://…';
  }
}

/** Opens (and migrates) the database at `location`: a SQLite file path or a postgres:// URL. */
export async function openDatabase(location: string, options: { poolSize?: number } = {}): Promise<OpenedDatabase> {
  const dialect: Dialect = isPostgresUrl(location) ? 'postgres' : 'sqlite';
  const db = dialect === 'postgres' ? await openPostgres(location, options.poolSize ?? 10) : await openSqlite(location);
  try {
    const { Migrator, sql } = await import('kysely');
    const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return { db, dialect };
}

async function openSqlite(path: string): Promise<Kysely<Schema>> {
  // Loaded here, not at start-up: `guzheng capture --out DIR` never needs them.
  const [{ default: Database }, { Kysely, SqliteDialect }] = await Promise.all([import('better-sqlite3'), import('kysely')]);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
}

async function openPostgres(url: string, max: number): Promise<Kysely<Schema>> {
  const [{ default: pg }, { Kysely, PostgresDialect }] = await Promise.all([import('pg'), import('kysely')]);
  // 64-bit integers (sizes, counts) come back as numbers: every value the vault keeps is below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // A connection that breaks while idle (PostgreSQL restarted) is dropped from the pool, not a crash.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new GuzhengError('E_DB', `无法连接数据库 ${safeDbUrl(url)}`, `Cannot connect to the database ${safeDbUrl(url)}`, (err as Error).message);
  }
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}
