/**
 * Keeping evidence safe: captures awaiting a trusted timestamp (and timestamping them now), backup destinations
 * (and backing up now), a check of the whole vault, saved logins.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import type { PendingSealResult } from '../vault/store.js';
import type { Vault } from '../vault/vault.js';

export async function pendingSeals(vault: Vault): Promise<{ id: string; url: string | null; startedAt: string }[]> {
  return (await vault.awaitingTimestamp()).map((i) => ({ id: i.id, url: i.url, startedAt: i.started_at }));
}

const sealConfig = (home: string) => ({ home, tsas: tsaList(), timeoutMs: 15_000 });

export async function timestampPending(vault: Vault, home: string): Promise<PendingSealResult[]> {
  const { completePendingSeals } = await import('../vault/pending-seals.js');
  return completePendingSeals(vault, sealConfig(home));
}

/**
 * The same for capture folders written outside the vault (capture --out). Every folder is checked to be a signed
 * capture before any is timestamped: a wrong path changes nothing.
 */
export async function timestampFolders(folders: string[], home: string): Promise<PendingSealResult[]> {
  const dirs = folders.map((f) => resolve(f));
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'seal', 'signature.json'))) throw new GuzhengError('E_UNREADABLE', `不是已签名的取证文件夹：${dir}`, `Not a signed capture folder: ${dir}`);
  }
  const { timestampSeal } = await import('../seal/seal.js');
  const results: PendingSealResult[] = [];
  for (const dir of dirs) {
    const s = await timestampSeal(dir, sealConfig(home));
    results.push({ item: '', dir, state: s.state === 'timestamped' ? 'timestamped' : 'awaiting-timestamp', timestamps: s.timestamps.length, attempts: s.attempts });
  }
  return results;
}

export async function backupDestinations(vault: Vault): Promise<{ id: string; location: string; addedAt: string }[]> {
  const { replicas } = await import('../vault/backup.js');
  return (await replicas(vault)).map(({ row }) => ({ id: row.id, location: row.location, addedAt: row.added_at }));
}

/**
 * A place to keep copies: an absolute folder path (another disk, a synced folder) or s3://bucket/prefix. A relative
 * path is refused: it would depend on where the program happens to run.
 */
export async function addBackupDestination(vault: Vault, input: { location: unknown; endpoint?: unknown; region?: unknown }): Promise<{ id: string; location: string; addedAt: string }> {
  const where = typeof input.location === 'string' ? input.location.trim() : '';
  if (!where.startsWith('s3://') && !isAbsolute(where)) {
    throw new GuzhengError('E_USAGE', `请给出完整的文件夹路径（如 /media/u盘/固证副本）或 s3://存储桶/前缀，而不是“${where}”`, `Give a full folder path (like /media/usb/guzheng-copies) or s3://bucket/prefix, not "${where}"`);
  }
  const { addReplica } = await import('../vault/backup.js');
  const row = await addReplica(vault, where, { endpoint: typeof input.endpoint === 'string' ? input.endpoint : undefined, region: typeof input.region === 'string' ? input.region : undefined });
  return { id: row.id, location: row.location, addedAt: row.added_at };
}

/** Copies every stored file to every destination; once a copy left the machine, a TSA may answer: seals wait no more. */
export async function backupNow(vault: Vault, home: string): Promise<{ reports: import('../vault/backup.js').BackupReport[]; sealed: PendingSealResult[] }> {
  const { runBackup } = await import('../vault/backup.js');
  const reports = await runBackup(vault);
  const tsas = tsaList();
  const sealed = reports.some((r) => !r.error && r.location.startsWith('s3://')) && (await vault.awaitingTimestamp()).length && tsas.length
    ? await timestampPending(vault, home) : [];
  return { reports, sealed };
}

export async function savedLogins(home: string) {
  const { listLogins } = await import('../vault/logins.js');
  return listLogins(home);
}

/** Re-reads the whole vault: every stored file against its hash, every item's manifest, signature, timestamps and custody chain. */
export async function checkWholeVault(vault: Vault, options: { sm3?: boolean } = {}): Promise<{ valid: boolean; checks: import('../seal/check.js').Check[] }> {
  const [{ checkVault }, { allOk }] = await Promise.all([import('../vault/check.js'), import('../seal/check.js')]);
  const checks = await checkVault(vault, options);
  return { valid: allOk(checks), checks };
}
