/**
 * Verifying a capture folder (written with --out, or a vault working copy): the item checks on the files as they
 * are, and nothing in the folder that the manifest does not list (besides the seal, which is about the manifest).
 * Like a package, the result is valid with its time fixed, intact with its time not fixed by a third party, or invalid.
 */
import { walk } from '../capture/manifest.js';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { allOk, check } from '../seal/check.js';
import { digestFile, sha256File } from '../seal/digests.js';
import { nodeItemCryptography } from '../seal/node-crypto.js';
import { verificationState, verifySealedItem, type ReportCheck, type VerificationState } from '../seal/verify-item.js';

export interface FolderVerification {
  /** Every check passed (the time may still not be fixed; see `state`). */
  valid: boolean;
  state: VerificationState;
  /** At least one valid trusted timestamp. */
  timeFixed: boolean;
  checks: ReportCheck[];
}

export async function verifyFolder(dir: string, options: { sm3?: boolean } = {}): Promise<FolderVerification> {
  const files = await walk(dir);
  const has = new Set(files);
  const inside = (p: string) => (has.has(p) ? join(dir, ...p.split('/')) : null);
  const r = await verifySealedItem({
    label: 'capture',
    read: async (p) => { const f = inside(p); return f ? readFile(f) : null; },
    digest: async (p) => {
      const f = inside(p);
      if (!f) return null;
      if (options.sm3) return digestFile(f);
      const [sha256, st] = await Promise.all([sha256File(f), stat(f)]);
      return { sha256, size: st.size };
    },
    timestampPaths: files.filter((f) => f.startsWith('seal/timestamps/') && f.endsWith('.tsr')),
    events: null,
  }, await nodeItemCryptography(), options);
  const listed = new Set([...(r.manifest?.files ?? []).map((f) => f.path), 'manifest.json']);
  const extra = files.filter((f) => !listed.has(f) && !f.startsWith('seal/'));
  const checks: ReportCheck[] = [...r.checks, extra.length
    ? check('nothing added', false, `有清单之外的文件：${extra.join('，')}`, `files not in the manifest: ${extra.join(', ')}`)
    : check('nothing added', true, '没有清单之外的文件', 'no file outside the manifest')];
  return { valid: allOk(checks), state: verificationState(checks, r.timeFixed), timeFixed: r.timeFixed, checks };
}
