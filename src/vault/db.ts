/** The embedded index: SQLite through Kysely, with migrations kept in code and applied on open. */
import type { Generated, Kysely, Migration, MigrationProvider } from 'kysely';

/** The index before the vault (0001–0003); migrated into items by 0004. */
interface CapturesTable {
  id: string;
  url: string;
  final_url: string | null;
  status: string;
  dir: string | null;
  started_at: string;
  ended_at: string | null;
  manifest_sha256: string | null;
  pid: number | null;
  seal_state: string | null;
}

export interface CasesTable {
  id: string;
  title: string;
  created_at: string;
  /** 1 for the case that items without a case go to. */
  is_default: number;
}

export interface ItemsTable {
  id: string;
  case_id: string;
  kind: string;
  url: string | null;
  final_url: string | null;
  /** capturing → COMPLETE | PARTIAL | FAILED, or interrupted. */
  status: string;
  /** 'timestamped', 'awaiting-timestamp', 'unsealed', or null (not sealed). */
  seal_state: string | null;
  started_at: string;
  ended_at: string | null;
  manifest_sha256: string | null;
  /** The process that was capturing (to tell a capture in progress from one that was interrupted). */
  pid: number | null;
  /** The working copy: a plain folder the user may open; the evidence itself is in blobs/. */
  dir: string | null;
  /** 1 when indexed by a version before the vault: its files were never put in the blob store. */
  legacy: number;
}

export interface ArtifactsTable {
  item_id: string;
  path: string;
  role: string;
  media_type: string;
  size: number;
  sha256: string;
  sm3: string;
  added_at: string;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  sm3: string;
  stored_at: string;
}

export interface CustodyTable {
  seq: number;
  /** The item or case the event is about; each stream is its own hash chain. */
  stream: string;
  at: string;
  type: string;
  actor: string;
  /** JSON. */
  detail: string;
  prev_hash: string | null;
  hash: string;
}

export interface ReplicasTable {
  id: string;
  location: string;
  added_at: string;
  /** For S3-compatible replicas: the service's endpoint URL and region (credentials are never stored). */
  endpoint: string | null;
  region: string | null;
}

/** A metric of a post at a time (views, reads, plays, reposts, comments, likes, favourites, state). */
export interface ObservationsTable {
  id: string;
  item_id: string | null;
  url: string;
  at: string;
  metric: string;
  /** A count, or null for a state. */
  value: number | null;
  /** For metric "state": normal, deleted, removed, not-found, login-wall, unavailable, unknown. */
  state: string | null;
  /** Where it was read, e.g. "post.json of item …". */
  source: string;
}

/** What the user states about a case (victim, poster, dates, consequences, goals), as a facts JSON; one row per case. */
export interface CaseFactsTable {
  case_id: string;
  json: string;
  updated_at: string;
}

/** A post watched on a schedule (src/watch/): one row per case and URL. */
export interface WatchesTable {
  id: string;
  case_id: string;
  url: string;
  every_seconds: number;
  until: string | null;
  paused: number;
  created_at: string;
  next_at: string;
  last_at: string | null;
  /** normal, gone-suspected, deleted-confirmed, restored, failed, or null before the first check. */
  state: string | null;
  /** Consecutive checks that found the post gone (a deletion is confirmed only after several). */
  gone_streak: number;
  /** 'fixed' (every_seconds) or 'adaptive' (often at first, hourly for a week, daily after; more often near a threshold). */
  schedule: string;
  /** 1: full captures on the first check, once a day and on every event; 0: light checks only. */
  capture: number;
  last_capture_at: string | null;
  /** When the log's head was last timestamped by a TSA, and when that was last tried. */
  stamped_at: string | null;
  stamp_tried_at: string | null;
  /** 1 while an event waits for its timestamp. */
  stamp_needed: number;
  /** The post's text and media (JSON list) at the last check that read them: an edit is a change of either. */
  last_text: string | null;
  last_media: string | null;
  /** The saved login to check with (guzheng login), or null for visitor mode. */
  login: string | null;
  /** The last state a check could tell (normal, gone-suspected, deleted-confirmed, restored, edited): a failed or
   *  blocked check in between changes nothing of it, so that alerts follow the post, not the network. */
  known_state: string | null;
}

/** A platform identity's back-off after a blocking answer, kept across runs (the app runs one pass every few seconds). */
export interface WatchGatesTable {
  key: string;
  ready_at: string;
  backoff_ms: number;
}

export interface Schema {
  watches: WatchesTable;
  watch_gates: WatchGatesTable;
  case_facts: CaseFactsTable;
  observations: ObservationsTable;
  cases: CasesTable;
  items: ItemsTable;
  artifacts: ArtifactsTable;
  blobs: BlobsTable;
  custody: Omit<CustodyTable, 'seq'> & { seq: Generated<number> };
  replicas: ReplicasTable;
}

interface LegacySchema {
  captures: CapturesTable;
  cases: CasesTable;
  items: ItemsTable;
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
  '0004_vault': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createTable('items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('final_url', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('seal_state', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('manifest_sha256', 'text')
        .addColumn('pid', 'integer')
        .addColumn('dir', 'text')
        .addColumn('legacy', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('items_case').on('items').columns(['case_id', 'started_at']).execute();
      await db.schema.createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sm3', 'text', (c) => c.notNull())
        .addColumn('stored_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('artifacts')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('sm3', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('artifacts_pk', ['item_id', 'path'])
        .execute();
      await db.schema.createTable('custody')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text')
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('custody_stream').on('custody').columns(['stream', 'seq']).execute();
      await db.schema.createTable('replicas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('location', 'text', (c) => c.notNull().unique())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      // Captures indexed before the vault become items of the default case, marked legacy.
      const legacy = db as unknown as Kysely<LegacySchema>;
      const old = await legacy.selectFrom('captures').selectAll().execute();
      if (old.length) {
        const caseId = `legacy-${Date.now()}`;
        await legacy.insertInto('cases').values({ id: caseId, title: '默认案件 / Default case', created_at: new Date().toISOString(), is_default: 1 }).execute();
        for (const c of old) {
          await legacy.insertInto('items').values({ id: c.id, case_id: caseId, kind: 'capture', url: c.url, final_url: c.final_url, status: c.status,
            seal_state: c.seal_state, started_at: c.started_at, ended_at: c.ended_at, manifest_sha256: c.manifest_sha256, pid: c.pid, dir: c.dir, legacy: 1 }).execute();
        }
      }
      await db.schema.dropTable('captures').execute();
    },
  },
  '0005_replica_endpoint': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('replicas').addColumn('endpoint', 'text').execute();
      await db.schema.alterTable('replicas').addColumn('region', 'text').execute();
    },
  },
  '0006_observations': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('observations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.references('items.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('value', 'real')
        .addColumn('state', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('observations_url').on('observations').columns(['url', 'metric', 'at']).execute();
    },
  },
  '0007_case_facts': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('case_facts')
        .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0008_watches': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('watches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('every_seconds', 'integer', (c) => c.notNull())
        .addColumn('until', 'text')
        .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('next_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text')
        .addColumn('state', 'text')
        .addColumn('gone_streak', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('watches_case_url').unique().on('watches').columns(['case_id', 'url']).execute();
      await db.schema.createIndex('watches_next').on('watches').columns(['paused', 'next_at']).execute();
    },
  },
  '0009_watch_evidence': {
    async up(db: Kysely<unknown>) {
      const columns: [string, 'text' | 'integer', ((c: any) => any)?][] = [
        ['schedule', 'text', (c) => c.notNull().defaultTo('fixed')], ['capture', 'integer', (c) => c.notNull().defaultTo(0)], ['last_capture_at', 'text'],
        ['stamped_at', 'text'], ['stamp_tried_at', 'text'], ['stamp_needed', 'integer', (c) => c.notNull().defaultTo(0)],
        ['last_text', 'text'], ['last_media', 'text'], ['login', 'text'],
      ];
      for (const [name, type, build] of columns) await db.schema.alterTable('watches').addColumn(name, type, build ?? ((c) => c)).execute();
    },
  },
  '0010_watch_gates': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('watches').addColumn('known_state', 'text').execute();
      await db.schema.createTable('watch_gates')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('ready_at', 'text', (c) => c.notNull())
        .addColumn('backoff_ms', 'integer', (c) => c.notNull())
        .execute();
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
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: new CodeMigrations() }).migrateToLatest();
  if (error) throw error;
  await sql`select 1`.execute(db);
  return db;
}
