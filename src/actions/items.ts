/**
 * One item of evidence: what it is, its files with their hashes, the post's facts, its custody log; one of its
 * files by name (only names the vault lists: a path from a user is never joined into a file path); verifying it
 * from the stored originals; notes.
 */
import { readFile } from 'node:fs/promises';
import { GuzhengError } from '../errors.js';
import type { CustodyEvent } from '../seal/custody-chain.js';
import { nodeItemCryptography } from '../seal/node-crypto.js';
import type { VerificationState, ReportCheck } from '../seal/verify-item.js';
import { verifyVaultItem } from '../vault/check.js';
import type { ArtifactRow, Vault } from '../vault/vault.js';

export interface ItemFile { path: string; role: string; mediaType: string; size: number; sha256: string; sm3: string }

export interface ItemDetail {
  id: string;
  case: string;
  kind: string;
  url: string | null;
  finalUrl: string | null;
  status: string;
  seal: string | null;
  startedAt: string;
  endedAt: string | null;
  dir: string | null;
  reasons: unknown[];
  warnings: unknown[];
  files: ItemFile[];
  post: unknown | null;
  network: unknown | null;
  environment: unknown | null;
  /** An imported file's record (import.json): its source, carrier, checks and what it proves; null for a capture. */
  imported: unknown | null;
  events: CustodyEvent[];
}

const MAX_JSON = 64 * 1024 * 1024;

async function readJsonArtifact(vault: Vault, artifacts: ArtifactRow[], path: string): Promise<any | null> {
  const a = artifacts.find((x) => x.path === path);
  if (!a || a.size > MAX_JSON) return null;
  try {
    return JSON.parse(await readFile(await vault.blobs.local(a.sha256), 'utf8'));
  } catch {
    return null;
  }
}

/** One item in full. Looking is part of the record: a "viewed" custody event names who looked (`by`). */
export async function showItem(vault: Vault, ref: string, by: string): Promise<ItemDetail> {
  const item = await vault.findItem(ref);
  const artifacts = await vault.artifacts(item.id);
  await vault.appendEvents([{ stream: item.id, type: 'viewed', detail: { by } }]);
  const manifest = await readJsonArtifact(vault, artifacts, 'manifest.json');
  return {
    id: item.id, case: item.case_id, kind: item.kind, url: item.url, finalUrl: item.final_url, status: item.status, seal: item.seal_state,
    startedAt: item.started_at, endedAt: item.ended_at, dir: item.dir,
    reasons: manifest?.reasons ?? [], warnings: manifest?.warnings ?? [],
    files: artifacts.map((a) => ({ path: a.path, role: a.role, mediaType: a.media_type, size: a.size, sha256: a.sha256, sm3: a.sm3 })),
    post: await readJsonArtifact(vault, artifacts, 'post.json'),
    network: await readJsonArtifact(vault, artifacts, 'network.json'),
    environment: await readJsonArtifact(vault, artifacts, 'environment.json'),
    imported: await readJsonArtifact(vault, artifacts, 'import.json'),
    events: await vault.events([item.id]),
  };
}

/**
 * Where the stored original of one of an item's files is, by the name the vault lists for it. A download (`by`
 * given) is part of the record: a "viewed" custody event names the file and who took it.
 */
export async function itemFile(vault: Vault, itemRef: string, path: string, by?: string): Promise<{ file: string; mediaType: string; size: number; sha256: string }> {
  const item = await vault.findItem(itemRef);
  const a = (await vault.artifacts(item.id)).find((x) => x.path === path);
  if (!a) throw new GuzhengError('E_NOT_FOUND', `证据 ${item.id} 中没有文件“${path}”`, `Item ${item.id} has no file "${path}"`);
  if (by) await vault.appendEvents([{ stream: item.id, type: 'viewed', detail: { by, file: path, sha256: a.sha256, download: true } }]);
  return { file: await vault.blobs.local(a.sha256), mediaType: a.media_type, size: a.size, sha256: a.sha256 };
}

export interface ItemCheck { item: string; valid: boolean; state: VerificationState; timeFixed: boolean; checks: ReportCheck[] }

/** Re-reads an item from the stored originals (never the working copy) and records the result as a custody event. */
export async function verifyItem(vault: Vault, ref: string, by: string, options: { sm3?: boolean } = {}): Promise<ItemCheck> {
  const item = await vault.findItem(ref);
  if (item.status === 'capturing' || item.status === 'interrupted' || item.legacy) {
    throw new GuzhengError('E_NOT_SEALED', item.status === 'capturing' ? '这件证据还在取证中，完成后才能核对' : '这件证据没有封存的文件（被中断或旧版本记录），无法核对',
      item.status === 'capturing' ? 'This item is still being captured; verify it once it is done' : 'This item has no sealed files (interrupted, or indexed by an earlier version) and cannot be verified');
  }
  const { verificationState } = await import('../seal/verify-item.js');
  const r = await verifyVaultItem(vault, item, await nodeItemCryptography(), options);
  const state = verificationState(r.checks, r.timeFixed);
  const failed = r.checks.filter((c) => !c.ok).map((c) => c.name);
  await vault.appendEvents([{ stream: item.id, type: 'verified', detail: { by, valid: failed.length === 0, failed, sm3: Boolean(options.sm3) } }]);
  return { item: item.id, valid: state !== 'invalid', state, timeFixed: r.timeFixed, checks: r.checks };
}

const MAX_NOTE = 10_000;

/** A note on an item or a case: a new custody event (nothing is ever edited; a correction is a new note). */
export async function addNote(vault: Vault, ref: string, text: unknown): Promise<CustodyEvent> {
  const note = typeof text === 'string' ? text.trim() : '';
  if (!note) throw new GuzhengError('E_USAGE', '备注不能为空', 'The note is empty');
  if (note.length > MAX_NOTE) throw new GuzhengError('E_USAGE', `备注最长 ${MAX_NOTE} 字`, `A note has at most ${MAX_NOTE} characters`);
  const found = await vault.findItemOrCase(ref);
  const stream = 'item' in found ? found.item.id : found.case.id;
  const [e] = await vault.appendEvents([{ stream, type: 'noted', detail: { text: note } }]);
  return e!;
}

/** The custody log: for an item its events; for a case the case's events and those of all its items, in the order written. */
export async function custodyLog(vault: Vault, ref: string): Promise<CustodyEvent[]> {
  const found = await vault.findItemOrCase(ref);
  const streams = 'item' in found ? [found.item.id] : [found.case.id, ...(await vault.itemsOfCase(found.case.id)).map((i) => i.id)];
  return vault.events(streams);
}
