/**
 * Importing one file into the vault, sealed like a capture:
 *   original/<name>   the bytes as they were, unchanged (role "original"), hashed SHA-256 and SM3
 *   import.json       what was read from it, the checks with their evidence, the declared carrier, the file's times
 *                     (labelled unreliable), every derived file with its hash and the tool that made it, and what an
 *                     import of this kind proves and does not prove
 *   …derived files    OCR text, a contact sheet, parsed data (per kind)
 *   manifest.json + seal/   as for a capture
 * The custody log gets "created" and "imported" (name, size, hashes, file times, tool, carrier), then the seal.
 * A file already in the vault (same SHA-256) is not stored again: the existing item is named instead. Anything that
 * fails before the commit leaves nothing behind: no row, no folder, no event.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GuzhengError, asGuzhengError } from '../errors.js';
import { uuidv7 } from '../capture/ids.js';
import { writeManifest, type CaptureStatus, type Manifest, type ManifestFile } from '../capture/manifest.js';
import { dualTime } from '../capture/time.js';
import { copyAndDigest, digestFile, type FileDigests } from '../seal/digests.js';
import { sealCapture, type SealConfig } from '../seal/seal.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import type { CaptureResult } from '../capture/visit.js';
import type { Vault } from '../vault/vault.js';
import { VaultStore } from '../vault/vault-store.js';
import { detectKind, readHead, SUPPORTED, type Detected, type ImportKind } from './detect.js';
import { fileTimes, type Carrier } from './provenance.js';
import { safeName } from './file-name.js';
import type { AnalyseInput, ImportCheck, KindResult } from './types.js';

export interface ImportOptions {
  tz: string;
  carrier: Carrier | null;
  seal: SealConfig | null;
}

export interface ImportOutcome {
  /** The path given. */
  file: string;
  item: string | null;
  case: string | null;
  kind: ImportKind | null;
  format: string | null;
  /** COMPLETE or PARTIAL (imported), duplicate (already in the vault: `item` is the existing one), or error. */
  status: CaptureStatus | 'duplicate' | 'error';
  files: { path: string; role: string; size: number; sha256: string }[];
  checks: ImportCheck[];
  reasons: { code: string; zh: string; en: string }[];
  summary: Record<string, unknown>;
  seal: string | null;
  dir: string | null;
  error?: { code: string; zh: string; en: string; detail?: string };
}

type Analyser = (input: AnalyseInput) => Promise<KindResult>;

const ANALYSERS: Partial<Record<ImportKind, () => Promise<Analyser>>> = {
  picture: async () => (await import('./picture.js')).analysePicture,
  video: async () => (await import('./video.js')).analyseVideo,
  email: async () => (await import('./email.js')).analyseEmail,
  chat: async () => (await import('./chat/analyse.js')).analyseChat,
};

async function findDuplicate(vault: Vault, sha256: string): Promise<{ item: string; case: string } | null> {
  const row = await vault.db.selectFrom('artifacts').innerJoin('items', 'items.id', 'artifacts.item_id')
    .select(['items.id as item', 'items.case_id as case']).where('artifacts.role', '=', 'original').where('artifacts.sha256', '=', sha256)
    .where('items.status', 'in', ['COMPLETE', 'PARTIAL']).executeTakeFirst();
  return row ?? null;
}

function failed(file: string, err: unknown, detected: Detected | null = null): ImportOutcome {
  const e = asGuzhengError(err);
  return { file, item: null, case: null, kind: detected?.kind ?? null, format: detected?.format ?? null, status: 'error', files: [], checks: [], reasons: [], summary: {},
    seal: null, dir: null, error: { code: e.code, zh: e.zh, en: e.en, ...(e.detail ? { detail: e.detail } : {}) } };
}

/** What the file is, or a clear error naming what it seems to be and what is supported. */
export async function detectFile(path: string): Promise<Detected> {
  const s = await stat(path).catch(() => null);
  if (!s) throw new GuzhengError('E_NOT_FOUND', `找不到文件：${path}`, `No such file: ${path}`);
  if (!s.isFile()) throw new GuzhengError('E_FORMAT', `不是普通文件：${path}`, `Not a regular file: ${path}`);
  if (s.size === 0) throw new GuzhengError('E_FORMAT', `文件是空的（0 字节），没有可导入的内容：${path}`, `The file is empty (0 bytes): nothing to import: ${path}`);
  const d = detectKind(await readHead(path));
  if (d.kind && ANALYSERS[d.kind]) return d;
  if (!d.kind && d.other === 'ZIP') {
    const { chatInZip } = await import('./zip.js');
    const chat = await chatInZip(path);
    if (chat) return { kind: 'chat', format: chat.format, mediaType: 'application/zip', container: { type: 'zip', entry: chat.entry } };
    throw new GuzhengError('E_FORMAT', `ZIP 文件 ${basename(path)} 里没有可识别的聊天记录导出；如果是其他文件，请解压后导入其中的文件`,
      `The ZIP ${basename(path)} holds no chat export guzheng reads; if it holds other files, unpack it and import them`);
  }
  const what = d.kind ? `${d.format}` : d.other;
  throw new GuzhengError('E_FORMAT', `无法导入 ${basename(path)}：${what ? `这是 ${what} 文件，` : '无法识别文件内容，'}本版本支持${SUPPORTED.zh}`,
    `Cannot import ${basename(path)}: ${what ? `it is a ${what} file; ` : 'its content is not recognised; '}this version imports ${SUPPORTED.en}`);
}

/** `mediaRoot`: the folder the user gave, when this file is a chat export inside it (its media are kept with it). */
export async function importFile(vault: Vault, caseId: string, path: string, options: ImportOptions, mediaRoot?: string): Promise<ImportOutcome> {
  let detected: Detected | null = null;
  try {
    detected = await detectFile(path);
  } catch (err) {
    return failed(path, err);
  }
  const times = await fileTimes(path);
  const id = uuidv7();
  const startedAt = new Date();
  const store = new VaultStore(vault, caseId);
  const slot = await store.begin(id, null, 'import');
  const discard = async () => {
    await rm(slot.tmpDir, { recursive: true, force: true });
    await vault.db.deleteFrom('items').where('id', '=', id).where('status', '=', 'capturing').execute();
  };
  try {
    const name = basename(path);
    const original = `original/${safeName(name)}`;
    await mkdir(join(slot.tmpDir, 'original'), { recursive: true });
    // One pass: the bytes are hashed (SHA-256 and SM3) as they are copied, so what is kept is what was hashed.
    const copied = await copyAndDigest(path, join(slot.tmpDir, original));
    const after = await fileTimes(path);
    if (after.modified !== times.modified || (await stat(path)).size !== copied.size) {
      throw new GuzhengError('E_UNREADABLE', `文件在导入时发生了变化（可能仍在写入或同步）：${path}`, `The file changed while it was imported (it may still be written or synced): ${path}`);
    }
    const source: FileDigests = copied;
    const dup = await findDuplicate(vault, source.sha256);
    if (dup) {
      await discard();
      return { file: path, item: dup.item, case: dup.case, kind: detected.kind, format: detected.format, status: 'duplicate', files: [], checks: [], reasons: [],
        summary: { sha256: source.sha256, note: { zh: '这个文件已在证据库中，没有重复保存', en: 'This file is already in the vault; it was not stored again' } }, seal: null, dir: null };
    }
    const analyse = await ANALYSERS[detected.kind]!();
    const result = await analyse({ id, dir: slot.tmpDir, original, name, detected, fileTimes: times, tz: options.tz, digests: copied, ...(mediaRoot ? { mediaRoot } : {}) });

    const files: ManifestFile[] = [{ role: 'original', path: original, mediaType: detected.mediaType, ...copied }];
    for (const d of result.derived) files.push({ role: d.role, path: d.path, mediaType: d.mediaType, ...(await digestFile(join(slot.tmpDir, d.path))) });
    const tool = { name: TOOL_NAME, version: TOOL_VERSION, node: process.version };
    const record = {
      format: 'guzheng-import/1', id, kind: detected.kind, fileFormat: detected.format, mediaType: detected.mediaType,
      source: { name, size: source.size, sha256: source.sha256, sm3: source.sm3, fileTimes: times },
      carrier: options.carrier ?? null,
      carrierNote: { zh: '来源说明由导入人填写，是其陈述，不是本工具核实的事实', en: 'The carrier is stated by the person importing; it is their statement, not something this tool verified' },
      importedAt: dualTime(startedAt), timeZone: { zone: options.tz, note: { zh: '文件里没有写明时区的时间，按此时区理解，并逐项注明', en: 'Times the file states without a zone are read in this zone, and each says so' } },
      tool, summary: result.summary, checks: result.checks, details: result.details,
      derived: result.derived.map((d) => ({ ...d, ...files.find((f) => f.path === d.path)! })),
      statement: result.statement,
    };
    await writeFile(join(slot.tmpDir, 'import.json'), JSON.stringify(record, null, 2) + '\n');
    files.push({ role: 'import', path: 'import.json', mediaType: 'application/json', ...(await digestFile(join(slot.tmpDir, 'import.json'))) });

    const endedAt = new Date();
    const manifest: Manifest = {
      format: 'guzheng-import/1', id, status: result.reasons.length ? 'PARTIAL' : 'COMPLETE', url: null, finalUrl: null,
      source: { name, kind: detected.kind, format: detected.format },
      startedAt: dualTime(startedAt), endedAt: dualTime(endedAt), reasons: result.reasons, warnings: [], error: null,
      tool: { name: TOOL_NAME, version: TOOL_VERSION }, files: files.sort((a, b) => (a.path < b.path ? -1 : 1)),
    };
    await writeManifest(slot.tmpDir, manifest);
    let seal: CaptureResult['seal'] = null;
    if (options.seal) {
      try {
        seal = await sealCapture(slot.tmpDir, options.seal);
      } catch (err) {
        seal = { state: 'unsealed', error: (err as Error).message.split('\n')[0]! };
      }
    }
    const committed = await store.commit(slot, { manifest, seal }, [{ type: 'imported', detail: {
      name, size: source.size, sha256: source.sha256, sm3: source.sm3, kind: detected.kind, format: detected.format,
      fileTimes: times, tool, carrier: options.carrier ?? null, timeZone: options.tz,
    } }]);
    return {
      file: path, item: id, case: caseId, kind: detected.kind, format: detected.format, status: manifest.status,
      files: manifest.files.map((f) => ({ path: f.path, role: f.role, size: f.size, sha256: f.sha256 })), checks: result.checks, reasons: result.reasons,
      summary: result.summary, seal: seal?.state ?? null, dir: committed.dir,
    };
  } catch (err) {
    // Nothing half-written stays: before the commit, the folder and the "in progress" row go (no custody event was
    // written yet). After it, the evidence is stored and only moving the working copy failed: that is left as it is.
    const row = await vault.db.selectFrom('items').select('status').where('id', '=', id).executeTakeFirst();
    if (row?.status === 'capturing') await discard();
    return failed(path, err, detected);
  }
}
