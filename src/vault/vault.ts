/**
 * The vault: a data folder with a SQLite database (cases, items, artifacts, custody log) and content-addressed
 * blobs. Items are evidence; their artifacts are stored once by SHA-256 and never changed. Everything that happens to
 * an item is a custody event; nothing is edited in place.
 *
 *   <home>/guzheng.db        the database
 *   <home>/blobs/sha256/…    the evidence, read-only
 *   <home>/captures/…        working copies: plain folders to open and look at (not the evidence)
 *   <home>/tmp/…             captures in progress
 *
 * An organisation's server keeps the database in PostgreSQL (`db: postgres://…`) and the blobs in an S3-compatible
 * bucket (`blobs: s3://…`); the data folder is then this machine's scratch space and cache.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { GuzhengError } from '../errors.js';
import { uuidv7 } from '../capture/ids.js';
import { BlobStore, type Blobs } from './blobs.js';
import { appendEvents, readEvents, type NewEvent } from './custody.js';
import type { CustodyEvent } from '../seal/custody-chain.js';
import { openDatabase, safeDbUrl, type ArtifactsTable, type CasesTable, type Dialect, type ItemsTable, type ObservationsTable, type Schema } from './db.js';

export type CaseRow = CasesTable;
export type ItemRow = ItemsTable;
export type ArtifactRow = ArtifactsTable;

/** Which cases a caller may see: null for all (the local app); an organisation and, unless it sees all of them, which. */
export type CaseScope = { org: string; cases: string[] | null } | null;

export const DEFAULT_CASE_TITLE = '默认案件 / Default case';

export interface VaultOptions {
  /** A postgres:// URL; the data folder's guzheng.db when absent. */
  db?: string | null;
  /** s3://bucket/prefix with its endpoint and region; the data folder's blobs/ when absent. */
  blobs?: { location: string; endpoint?: string | null; region?: string | null } | null;
}

/** A lock number all writers of one PostgreSQL vault take in turn (see `write`). */
const WRITE_LOCK = 0x67757a68;

export class Vault {
  private constructor(readonly home: string, readonly db: Kysely<Schema>, readonly dialect: Dialect, readonly blobs: Blobs) {}

  static async open(home: string, options: VaultOptions = {}): Promise<Vault> {
    try {
      for (const d of ['captures', 'tmp', 'blobs']) await mkdir(join(home, d), { recursive: true });
    } catch (err) {
      throw new GuzhengError('E_STORE', `无法打开数据文件夹 ${home}`, `Cannot open the data folder ${home}`, (err as Error).message);
    }
    let blobs: Blobs = new BlobStore(join(home, 'blobs'));
    if (options.blobs) {
      const { S3BlobStore } = await import('./s3-blobs.js');
      blobs = new S3BlobStore(options.blobs.location, options.blobs.endpoint ?? null, options.blobs.region ?? null, join(home, 'blobs'));
    }
    const where = options.db ?? join(home, 'guzheng.db');
    try {
      const { db, dialect } = await openDatabase(where);
      return new Vault(home, db, dialect, blobs);
    } catch (err) {
      if (err instanceof GuzhengError) throw err;
      throw options.db
        ? new GuzhengError('E_DB', `无法打开数据库 ${safeDbUrl(where)}`, `Cannot open the database ${safeDbUrl(where)}`, (err as Error).message)
        : new GuzhengError('E_STORE', `无法打开数据文件夹 ${home}`, `Cannot open the data folder ${home}`, (err as Error).message);
    }
  }

  /** The folder store, for what works on local files only (backups, restore); null when the blobs are in a bucket. */
  get folderBlobs(): BlobStore | null {
    return this.blobs instanceof BlobStore ? this.blobs : null;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Runs `fn` in one write transaction taken at its start, so that two guzheng processes never interleave their
   * custody events: all of it is written, or none. SQLite takes its write lock at BEGIN IMMEDIATE; on PostgreSQL,
   * every writer (the API, each worker on each machine) takes one advisory lock for the transaction, so that no two
   * chain an event to the same predecessor.
   */
  async write<T>(fn: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') {
      return this.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
        return fn(trx);
      });
    }
    return this.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn as unknown as Transaction<Schema>);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw err;
      }
    });
  }

  async appendEvents(events: NewEvent[]): Promise<CustodyEvent[]> {
    return this.write((trx) => appendEvents(trx, events));
  }

  // Cases

  /** A new case; on an organisation's server, the organisation's, with its first member (who made it). */
  async createCase(title: string, isDefault = false, org: { id: string; member: string | null } | null = null): Promise<CaseRow> {
    const row: CaseRow = { id: uuidv7(), title, created_at: new Date().toISOString(), is_default: isDefault ? 1 : 0, org_id: org?.id ?? null };
    await this.write(async (trx) => {
      await trx.insertInto('cases').values(row).execute();
      if (org?.member) await trx.insertInto('case_members').values({ case_id: row.id, user_id: org.member, added_at: row.created_at }).execute();
      await appendEvents(trx, [{ stream: row.id, type: 'created', detail: { case: row.id, title, ...(org ? { org: org.id } : {}) } }]);
    });
    return row;
  }

  async defaultCase(): Promise<CaseRow> {
    const found = await this.db.selectFrom('cases').selectAll().where('is_default', '=', 1).orderBy('created_at').executeTakeFirst();
    return found ?? this.createCase(DEFAULT_CASE_TITLE, true);
  }

  /** Every case, or on a server those of one organisation (and of them only `cases`, when given). */
  async listCases(scope: CaseScope = null): Promise<(CaseRow & { items: number })[]> {
    let q = this.db.selectFrom('cases').leftJoin('items', 'items.case_id', 'cases.id')
      .select(['cases.id', 'cases.title', 'cases.created_at', 'cases.is_default', 'cases.org_id', (eb) => eb.fn.count<number>('items.id').as('items')])
      .groupBy('cases.id').orderBy('cases.created_at');
    if (scope) {
      q = q.where('cases.org_id', '=', scope.org);
      if (scope.cases) q = scope.cases.length ? q.where('cases.id', 'in', scope.cases) : q.where(sql<boolean>`1 = 0`);
    }
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, items: Number(r.items) }));
  }

  /** A case by its id or an unambiguous start of it. */
  async findCase(ref: string): Promise<CaseRow> {
    return this.findOne('cases', ref, '案件', 'case') as Promise<CaseRow>;
  }

  async findItem(ref: string): Promise<ItemRow> {
    return this.findOne('items', ref, '证据', 'item') as Promise<ItemRow>;
  }

  /** An item or a case: what `guzheng log` and `export` take. */
  async findItemOrCase(ref: string): Promise<{ item: ItemRow } | { case: CaseRow }> {
    const item = await this.db.selectFrom('items').selectAll().where('id', 'like', `${escapeLike(ref)}%`).limit(2).execute();
    const kase = await this.db.selectFrom('cases').selectAll().where('id', 'like', `${escapeLike(ref)}%`).limit(2).execute();
    if (item.length + kase.length === 1) return item.length ? { item: item[0]! } : { case: kase[0]! };
    if (item.length + kase.length === 0) throw new GuzhengError('E_NOT_FOUND', `找不到证据或案件“${ref}”`, `No item or case "${ref}"`);
    throw new GuzhengError('E_USAGE', `“${ref}”不唯一，请给出更长的编号`, `"${ref}" is ambiguous: give more of the id`);
  }

  private async findOne(table: 'cases' | 'items', ref: string, zh: string, en: string): Promise<CaseRow | ItemRow> {
    if (!/^[0-9a-z-]{4,}$/i.test(ref)) throw new GuzhengError('E_USAGE', `“${ref}”不是${zh}编号`, `"${ref}" is not a ${en} id`);
    const rows = await this.db.selectFrom(table).selectAll().where('id', 'like', `${escapeLike(ref)}%`).limit(2).execute();
    if (rows.length === 0) throw new GuzhengError('E_NOT_FOUND', `找不到${zh}“${ref}”`, `No ${en} "${ref}"`, 'guzheng case list');
    if (rows.length > 1) throw new GuzhengError('E_USAGE', `“${ref}”不唯一，请给出更长的编号`, `"${ref}" is ambiguous: give more of the id`);
    return rows[0]!;
  }

  async itemsOfCase(caseId: string): Promise<ItemRow[]> {
    return this.db.selectFrom('items').selectAll().where('case_id', '=', caseId).orderBy('started_at').execute();
  }

  async allItems(): Promise<ItemRow[]> {
    return this.db.selectFrom('items').selectAll().orderBy('started_at').execute();
  }

  async artifacts(itemId: string): Promise<ArtifactRow[]> {
    return this.db.selectFrom('artifacts').selectAll().where('item_id', '=', itemId).orderBy('path').execute();
  }

  async events(streams?: string[]): Promise<CustodyEvent[]> {
    return readEvents(this.db, streams);
  }

  async setSealState(itemId: string, state: string, trx: Kysely<Schema> = this.db): Promise<void> {
    await trx.updateTable('items').set({ seal_state: state }).where('id', '=', itemId).execute();
  }

  /** The facts the user stated about a case, or null. */
  async caseFacts(caseId: string): Promise<Record<string, unknown> | null> {
    const row = await this.db.selectFrom('case_facts').select('json').where('case_id', '=', caseId).executeTakeFirst();
    return row ? (JSON.parse(row.json) as Record<string, unknown>) : null;
  }

  /** Replaces the stated facts of a case; the custody log of the case records the change with the facts' hash. */
  async setCaseFacts(caseId: string, facts: Record<string, unknown>): Promise<void> {
    const json = JSON.stringify(facts);
    const now = new Date().toISOString();
    const { createHash } = await import('node:crypto');
    await this.write(async (trx) => {
      await trx.insertInto('case_facts').values({ case_id: caseId, json, updated_at: now })
        .onConflict((oc) => oc.column('case_id').doUpdateSet({ json, updated_at: now })).execute();
      await appendEvents(trx, [{ stream: caseId, type: 'noted', detail: { caseFacts: createHash('sha256').update(json).digest('hex') } }]);
    });
  }

  /** The artifacts of these items that have one of these roles (one query per 500 items). */
  async artifactsWithRole(itemIds: string[], roles: string[]): Promise<ArtifactRow[]> {
    const out: ArtifactRow[] = [];
    for (let i = 0; i < itemIds.length; i += 500) {
      out.push(...(await this.db.selectFrom('artifacts').selectAll().where('role', 'in', roles).where('item_id', 'in', itemIds.slice(i, i + 500)).execute()));
    }
    return out;
  }

  async observationsOf(itemIds: string[]): Promise<ObservationsTable[]> {
    if (!itemIds.length) return [];
    return this.db.selectFrom('observations').selectAll().where('item_id', 'in', itemIds).orderBy('at').execute();
  }

  /** The observations of a case's watched posts (guzheng watch), by post URL. */
  async watchObservations(caseId: string): Promise<{ url: string; rows: ObservationsTable[] }[]> {
    const out = [];
    for (const w of await this.db.selectFrom('watches').select(['id', 'url']).where('case_id', '=', caseId).orderBy('created_at').execute()) {
      const rows = await this.db.selectFrom('observations').selectAll().where('url', '=', w.url).where('item_id', 'is', null).where('source', 'like', `watch ${w.id} %`).orderBy('at').execute();
      if (rows.length) out.push({ url: w.url, rows });
    }
    return out;
  }

  async awaitingTimestamp(): Promise<ItemRow[]> {
    return this.db.selectFrom('items').selectAll().where('seal_state', '=', 'awaiting-timestamp').where('legacy', '=', 0).orderBy('started_at').execute();
  }
}

function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}
