/**
 * Copies of the vault in several places. `backup add` registers a place; `backup run` copies every blob the place
 * lacks (each copy read back and checked), then a snapshot of the database, and records a "copied" custody event for
 * each item whose files were copied. `scrub` re-reads every copy — the vault's own and each replica's — reports what
 * is damaged or missing, and repairs it from a good copy.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { check, type Check } from '../seal/check.js';
import { sha256File } from '../seal/digests.js';
import { openReplica, type Replica } from './replicas/replica.js';
import type { BlobStore } from './blobs.js';
import type { ReplicasTable } from './db.js';
import type { Vault } from './vault.js';

/**
 * The vault's own folder of blobs. Replicas copy a data folder; an organisation's server keeps its evidence in
 * PostgreSQL and a bucket, which are copied by their own means (pg_dump or replication; bucket versioning,
 * write-once retention and cross-region replication), as docs/deploy.md says.
 */
function folderBlobs(vault: Vault): BlobStore {
  const store = vault.folderBlobs;
  if (!store || vault.dialect !== 'sqlite') {
    throw new GuzhengError('E_USAGE', '组织服务器的证据在 PostgreSQL 和对象存储中：请用 pg_dump 或流复制、以及存储桶的版本控制、合规保留和跨区域复制来备份（见 docs/deploy.md）',
      "An organisation server's evidence is in PostgreSQL and the bucket: back them up with pg_dump or replication, and the bucket's versioning, retention and cross-region replication (see docs/deploy.md)");
  }
  return store;
}

export async function addReplica(vault: Vault, where: string, options: { endpoint?: string; region?: string } = {}): Promise<ReplicasTable> {
  folderBlobs(vault);
  const location = where.startsWith('s3://') ? where.replace(/\/+$/, '') : resolve(where);
  if (!location.startsWith('s3://')) {
    if (!isAbsolute(location)) throw new GuzhengError('E_USAGE', `不是文件夹路径：${where}`, `Not a folder path: ${where}`);
    if (resolve(location).startsWith(resolve(vault.home))) throw new GuzhengError('E_USAGE', '副本不能放在数据文件夹里面', 'A copy cannot be inside the data folder itself');
    await mkdir(location, { recursive: true });
  } else if (options.endpoint && !/^https?:\/\//.test(options.endpoint)) {
    throw new GuzhengError('E_USAGE', `--endpoint 应为 http(s):// 网址：${options.endpoint}`, `--endpoint must be an http(s):// URL: ${options.endpoint}`);
  }
  const existing = await vault.db.selectFrom('replicas').selectAll().where('location', '=', location).executeTakeFirst();
  if (existing) return existing;
  await openReplica(location, options); // validates the location
  const row: ReplicasTable = { id: randomUUID(), location, added_at: new Date().toISOString(), endpoint: options.endpoint ?? null, region: options.region ?? null };
  await vault.db.insertInto('replicas').values(row).execute();
  return row;
}

export async function replicas(vault: Vault): Promise<{ row: ReplicasTable; replica: Replica }[]> {
  const rows = await vault.db.selectFrom('replicas').selectAll().orderBy('added_at').execute();
  return Promise.all(rows.map(async (row) => ({ row, replica: await openReplica(row.location, row) })));
}

export interface BackupReport {
  location: string;
  copied: number;
  alreadyThere: number;
  error?: string;
}

export async function runBackup(vault: Vault): Promise<BackupReport[]> {
  const store = folderBlobs(vault);
  const places = await replicas(vault);
  if (!places.length) throw new GuzhengError('E_USAGE', '还没有设置副本位置：请先运行 guzheng backup add <文件夹 或 s3://…>', 'No copy location yet: run guzheng backup add <folder or s3://…> first');
  const blobs = await vault.db.selectFrom('blobs').select('sha256').execute();
  const reports: BackupReport[] = [];
  const snapshot = await snapshotDatabase(vault);
  try {
  for (const { row, replica } of places) {
    const report: BackupReport = { location: row.location, copied: 0, alreadyThere: 0 };
    try {
      const present = await replica.list();
      const copied = new Set<string>();
      for (const b of blobs) {
        if (present.has(b.sha256)) {
          report.alreadyThere++;
          continue;
        }
        const now = await sha256File(store.pathOf(b.sha256)).catch(() => null);
        if (now !== b.sha256) throw new Error(`the vault's own copy of ${b.sha256} is damaged or missing: run guzheng scrub`);
        await replica.put(b.sha256, store.pathOf(b.sha256));
        copied.add(b.sha256);
        report.copied++;
      }
      await replica.putIndex(snapshot);
      if (copied.size) {
        const items = await vault.db.selectFrom('artifacts').select(['item_id']).where('sha256', 'in', [...copied]).distinct().execute();
        await vault.appendEvents(items.map((i) => ({ stream: i.item_id, type: 'copied' as const, detail: { to: row.location, replica: row.id } })));
      }
    } catch (err) {
      report.error = (err as Error).message;
    }
    reports.push(report);
  }
  } finally {
    await rm(snapshot, { force: true });
  }
  return reports;
}

/** A consistent copy of the database (SQLite's online backup), for the replicas. */
async function snapshotDatabase(vault: Vault): Promise<string> {
  const { default: Database } = await import('better-sqlite3');
  const file = join(vault.home, 'tmp', `index-${randomUUID()}.db`);
  const db = new Database(join(vault.home, 'guzheng.db'), { readonly: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  return file;
}

export async function scrub(vault: Vault): Promise<{ checks: Check[]; unrepaired: number }> {
  const store = folderBlobs(vault);
  const places = await replicas(vault);
  const blobs = await vault.db.selectFrom('blobs').select('sha256').orderBy('sha256').execute();
  const checks: Check[] = [];
  let unrepaired = 0;
  const copies = new Map<string, Set<string>>(); // location -> blobs that are good there
  const local = new Set<string>();
  const bad: { where: string; sha: string; why: string }[] = [];
  for (const b of blobs) {
    const now = await sha256File(store.pathOf(b.sha256)).catch(() => null);
    if (now === b.sha256) local.add(b.sha256);
    else bad.push({ where: 'vault', sha: b.sha256, why: now ? 'damaged' : 'missing' });
  }
  for (const { row, replica } of places) {
    const good = new Set<string>();
    try {
      for (const b of blobs) {
        const h = await replica.hash(b.sha256);
        if (h === b.sha256) good.add(b.sha256);
        else bad.push({ where: row.location, sha: b.sha256, why: h ? 'damaged' : 'missing' });
      }
    } catch (err) {
      checks.push(check(`copy ${row.location}`, false, `无法读取副本：${(err as Error).message}`, `cannot read the copy: ${(err as Error).message}`));
      unrepaired++;
      continue;
    }
    copies.set(row.location, good);
  }
  for (const b of bad) {
    const label = `${b.where}: ${b.sha}`;
    try {
      if (b.where === 'vault') {
        const source = places.find((p) => copies.get(p.row.location)?.has(b.sha));
        if (!source) throw new Error('no good copy anywhere');
        await restoreLocal(vault, source.replica, b.sha);
        const items = await vault.db.selectFrom('artifacts').select('item_id').where('sha256', '=', b.sha).distinct().execute();
        await vault.appendEvents(items.map((i) => ({ stream: i.item_id, type: 'noted' as const, detail: { repaired: b.sha, was: b.why, from: source.row.location } })));
        checks.push(check(label, true, `证据库中的文件${b.why === 'missing' ? '缺失' : '损坏'}，已从副本 ${source.row.location} 修复`, `${b.why} in the vault; repaired from ${source.row.location}`));
      } else {
        const replica = places.find((p) => p.row.location === b.where)!.replica;
        if (local.has(b.sha)) await replica.put(b.sha, store.pathOf(b.sha));
        else {
          const source = places.find((p) => copies.get(p.row.location)?.has(b.sha));
          if (!source) throw new Error('no good copy anywhere');
          const tmp = join(vault.home, 'tmp', `scrub-${randomUUID()}`);
          await source.replica.fetch(b.sha, tmp);
          await replica.put(b.sha, tmp).finally(() => rm(tmp, { force: true }));
        }
        checks.push(check(label, true, `副本中的文件${b.why === 'missing' ? '缺失' : '损坏'}，已修复`, `${b.why} in the copy; repaired`));
      }
    } catch (err) {
      unrepaired++;
      checks.push(check(label, false, `文件${b.why === 'missing' ? '缺失' : '损坏'}，无法修复：${(err as Error).message}`, `${b.why}, cannot be repaired: ${(err as Error).message}`));
    }
  }
  checks.unshift(check('scrub', unrepaired === 0, `已核对 ${blobs.length} 个文件，在证据库和 ${places.length} 个副本中；发现 ${bad.length} 处问题，未能修复 ${unrepaired} 处`,
    `re-read ${blobs.length} files in the vault and ${places.length} cop${places.length === 1 ? 'y' : 'ies'}; ${bad.length} problem(s) found, ${unrepaired} not repaired`));
  return { checks, unrepaired };
}

/** Replaces a damaged or missing blob in the vault with a replica's copy, checked before it goes in. */
async function restoreLocal(vault: Vault, replica: Replica, sha256: string): Promise<void> {
  const store = folderBlobs(vault);
  const tmp = join(vault.home, 'blobs', 'tmp', `restore-${randomUUID()}`);
  await mkdir(join(vault.home, 'blobs', 'tmp'), { recursive: true });
  try {
    await replica.fetch(sha256, tmp);
    if ((await sha256File(tmp)) !== sha256) throw new Error('the copy fetched does not match');
    await store.place(tmp, sha256);
  } finally {
    await rm(tmp, { force: true });
  }
}
