/** The embedded index: SQLite through Kysely, with migrations kept in code and applied on open. */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

export interface CapturesTable {
  id: string;
  url: string;
  final_url: string | null;
  status: string;
  dir: string | null;
  started_at: string;
  ended_at: string | null;
  manifest_sha256: string | null;
  /** The process that was capturing (to tell a capture in progress from one that was interrupted). */
  pid: number | null;
  /** 'timestamped', 'awaiting-timestamp', 'unsealed', or null (not sealed by this version). */
  seal_state: string | null;
}

export interface Schema {
  captures: CapturesTable;
}

const migrations: Record<string, Migration> = {
  '0001_captures': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('captures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('final_url', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('dir', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('manifest_sha256', 'text')
        .execute();
      await db.schema.createIndex('captures_started').on('captures').column('started_at').execute();
    },
  },
  '0002_captures_pid': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('captures').addColumn('pid', 'integer').execute();
    },
  },
  '0003_captures_seal_state': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('captures').addColumn('seal_state', 'text').execute();
    },
  },
};

class CodeMigrations implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function openDatabase(path: string): Promise<Kysely<Schema>> {
  // Loaded here, not at start-up: `guzheng capture --out DIR` never needs them.
  const [{ default: Database }, { Kysely, Migrator, SqliteDialect, sql }] = await Promise.all([import('better-sqlite3'), import('kysely')]);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: new CodeMigrations() }).migrateToLatest();
  if (error) throw error;
  await sql`select 1`.execute(db);
  return db;
}
