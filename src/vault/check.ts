/**
 * guzheng check: the whole vault, re-read. Every blob against its SHA-256 (and SM3 on request); every item's
 * manifest, signature, timestamps and custody chain; every case's custody chain. Each checked item gets a
 * "verified" custody event with the result.
 */
import { readFile } from 'node:fs/promises';
import { check, type Check } from '../seal/check.js';
import { verifyChains } from '../seal/custody-chain.js';
import { nodeItemCryptography } from '../seal/node-crypto.js';
import { verifySealedItem, type ItemCryptography, type ItemVerification } from '../seal/verify-item.js';
import { sha256Hex } from '../seal/digests.js';
import type { Vault } from './vault.js';
import type { ItemRow } from './vault.js';
import { markInterrupted } from './vault-store.js';

export async function checkVault(vault: Vault, options: { sm3?: boolean } = {}): Promise<Check[]> {
  const checks: Check[] = [];
  // Captures whose process died are marked interrupted first (and committed ones finish moving into place).
  await markInterrupted(vault);

  // Blobs.
  const blobs = await vault.db.selectFrom('blobs').selectAll().orderBy('sha256').execute();
  const rehashed = new Map<string, { sha256: string; size: number; sm3?: string } | null>();
  const bad: string[] = [];
  for (const b of blobs) {
    const r = await vault.blobs.rehash(b.sha256, options.sm3);
    rehashed.set(b.sha256, r);
    if (!r) bad.push(`${b.sha256}: missing / 缺失`);
    else if (r.sha256 !== b.sha256 || r.size !== b.size || (options.sm3 && r.sm3 !== b.sm3)) bad.push(`${b.sha256}: now ${r.sha256}`);
  }
  checks.push(bad.length
    ? check('blobs', false, `${bad.length} 个文件缺失或损坏（可用 guzheng scrub 从副本修复）：${bad.join('；')}`, `${bad.length} stored file(s) missing or damaged (guzheng scrub repairs them from a copy): ${bad.join('; ')}`)
    : check('blobs', true, `证据库中 ${blobs.length} 个文件全部完好`, `all ${blobs.length} stored files intact`));

  // Items.
  const crypto = await nodeItemCryptography();
  const verified: { item: string; valid: boolean; failed: string[] }[] = [];
  for (const item of await vault.allItems()) {
    const label = `item ${item.id}`;
    if (item.status === 'capturing' || item.status === 'interrupted') {
      checks.push(check(label, true, item.status === 'interrupted' ? '取证被中断，没有完成（不是证据）' : '正在取证', item.status === 'interrupted' ? 'interrupted capture: never finished, not evidence' : 'capture in progress'));
      continue;
    }
    if (item.legacy) {
      checks.push(check(label, true, '旧版本记录的取证，文件不在证据库中，未核对', 'indexed by an earlier version: its files are not in the vault, not checked'));
      continue;
    }
    const before = checks.length;
    checks.push(...(await verifyVaultItem(vault, item, crypto, options, rehashed)).checks);
    const failed = checks.slice(before).filter((c) => !c.ok).map((c) => c.name);
    verified.push({ item: item.id, valid: failed.length === 0, failed });
  }

  // Cases.
  for (const c of await vault.listCases()) {
    const problems = await verifyChains(await vault.events([c.id]), sha256Hex);
    checks.push(problems.length
      ? check(`case ${c.id}: custody`, false, problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '))
      : check(`case ${c.id}: custody`, true, '案件保管记录哈希链完整', 'case custody log intact'));
  }

  await vault.appendEvents(verified.map((v) => ({ stream: v.item, type: 'verified' as const, detail: { by: 'guzheng check', valid: v.valid, failed: v.failed, sm3: Boolean(options.sm3) } })));
  return checks;
}

/**
 * One sealed item of the vault, re-read from the stored files (never the working copy): its manifest, signature,
 * timestamps and custody chain, and no file outside its manifest. `rehashed` holds digests already computed.
 */
export async function verifyVaultItem(vault: Vault, item: ItemRow, crypto: ItemCryptography, options: { sm3?: boolean } = {},
  rehashed: Map<string, { sha256: string; size: number; sm3?: string } | null> = new Map()): Promise<ItemVerification> {
  const label = `item ${item.id}`;
  const artifacts = await vault.artifacts(item.id);
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  const result = await verifySealedItem({
    label,
    read: async (p) => (byPath.has(p) ? vault.blobs.local(byPath.get(p)!.sha256).then((f) => readFile(f)).catch(() => null) : null),
    digest: async (p) => {
      const a = byPath.get(p);
      if (!a) return null;
      return rehashed.has(a.sha256) ? rehashed.get(a.sha256)! : vault.blobs.rehash(a.sha256, options.sm3);
    },
    timestampPaths: artifacts.filter((a) => a.role === 'timestamp').map((a) => a.path),
    events: await vault.events([item.id]),
  }, crypto, options);
  const listed = new Set([...(result.manifest?.files ?? []).map((f) => f.path), 'manifest.json']);
  const extra = artifacts.filter((a) => !listed.has(a.path) && a.role !== 'signature' && a.role !== 'timestamp');
  if (extra.length) result.checks.push(check(`${label}: artifacts`, false, `有清单之外的文件：${extra.map((a) => a.path).join('，')}`, `files not in the manifest: ${extra.map((a) => a.path).join(', ')}`));
  return result;
}
