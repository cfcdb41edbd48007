/** The vault's migrations, kept in code and applied on open, on SQLite and on PostgreSQL alike. */
import type { Kysely, Migration } from 'kysely';
import type { CapturesTable, CasesTable, ItemsTable } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

interface LegacySchema {
  captures: CapturesTable;
  cases: CasesTable;
  items: ItemsTable;
}

/**
 * The migrations, in order, for either database. They are the same steps on both; only a few column types are
 * spelled per dialect: PostgreSQL needs 64-bit sizes (a video passes 2 GiB), a double for counts, and `serial` for
 * the custody log's sequence.
 */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const pg = dialect === 'postgres';
  const size = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  return {
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
          .addColumn('size', size, (c) => c.notNull())
          .addColumn('sm3', 'text', (c) => c.notNull())
          .addColumn('stored_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createTable('artifacts')
          .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('media_type', 'text', (c) => c.notNull())
          .addColumn('size', size, (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
          .addColumn('sm3', 'text', (c) => c.notNull())
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('artifacts_pk', ['item_id', 'path'])
          .execute();
        await db.schema.createTable('custody')
          .addColumn('seq', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
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
          .addColumn('value', real)
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
    '0011_organisations': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('cases').addColumn('org_id', 'text').execute();
        await db.schema.createTable('orgs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('captures_per_day', 'integer')
          .addColumn('storage_bytes', size)
          .execute();
        await db.schema.createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createTable('case_members')
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('case_members_pk', ['case_id', 'user_id'])
          .execute();
        await db.schema.createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
          .addColumn('user_id', 'text', (c) => c.references('users.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('cases', 'text')
          .addColumn('sha256', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('last_used_at', 'text')
          .execute();
        await db.schema.createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createTable('login_failures')
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key', 'at']).execute();
        await db.schema.createIndex('cases_org').on('cases').column('org_id').execute();
      },
    },
    '0012_jobs': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('item_id', 'text')
          .addColumn('dedupe_key', 'text')
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('steps', 'text', (c) => c.notNull())
          .addColumn('result', 'text')
          .addColumn('error', 'text')
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('worker', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('jobs_dedupe').on('jobs').columns(['dedupe_key', 'state']).execute();
        await db.schema.createIndex('jobs_org_state').on('jobs').columns(['org_id', 'state', 'created_at']).execute();
      },
    },
    '0013_org_keys': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('org_keys')
          .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
          .addColumn('public_pem', 'text', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('private_enc', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0014_documents': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('documents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('pdf_sha256', 'text', (c) => c.notNull())
          .addColumn('docx_sha256', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}
