/**
 * Import: bring files (screenshots, photos, screen recordings, e-mails…) into a case of the vault with their
 * provenance, sealed like captures. Checks the request, expands folders, and imports each file in turn, reporting
 * each result as it is done. One bad file never stops the others, and never touches what is already stored.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { importFile, type ImportOutcome } from '../imports/import.js';
import { detectKind, readHead } from '../imports/detect.js';
import { parseCarrier, type Carrier } from '../imports/provenance.js';
import { checkZone, DEFAULT_TZ } from '../imports/zone.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import type { Vault } from '../vault/vault.js';

export interface ImportRequest {
  paths: unknown;
  case?: unknown;
  tz?: unknown;
  carrier?: unknown;
}

export interface ImportPlan {
  /** Each file to import; a chat export given as a folder carries the folder, where its media are. */
  files: { path: string; mediaRoot?: string }[];
  tz: string;
  carrier: Carrier | null;
}

/** More than this many files in one import is refused before anything is stored: split it. */
export const MAX_FILES = 20_000;

/** A chat export at the top of a folder: the folder is then that export, with its media. */
async function chatExportIn(dir: string): Promise<string | null> {
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isFile() || e.name.startsWith('.')) continue;
    const d = detectKind(await readHead(join(dir, e.name)));
    if (d.kind === 'chat') return join(dir, e.name);
  }
  return null;
}

/**
 * The files to import: each file given; for each folder given, its chat export with the folder as its media, or
 * else every file under it (hidden files left out), in order.
 */
async function expand(paths: string[]): Promise<ImportPlan['files']> {
  const out: ImportPlan['files'] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push({ path: p });
      if (out.length > MAX_FILES) throw new GuzhengError('E_USAGE', `一次最多导入 ${MAX_FILES} 个文件，请分批导入`, `At most ${MAX_FILES} files at once: import them in parts`);
    }
  };
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    const chat = s?.isDirectory() ? await chatExportIn(p) : null;
    if (chat) out.push({ path: chat, mediaRoot: p });
    else if (s?.isDirectory()) await walk(p);
    else out.push({ path: p });
  }
  return out;
}

export async function planImport(req: ImportRequest): Promise<ImportPlan> {
  const raw = typeof req.paths === 'string' ? [req.paths] : req.paths;
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((p) => typeof p !== 'string' || !p)) {
    throw new GuzhengError('E_USAGE', '请至少给出一个文件或文件夹', 'Give at least one file or folder');
  }
  const tz = checkZone(typeof req.tz === 'string' && req.tz ? req.tz : DEFAULT_TZ);
  const carrier = parseCarrier(req.carrier);
  const files = await expand((raw as string[]).map((p) => resolve(p)));
  if (!files.length) throw new GuzhengError('E_USAGE', '给出的文件夹里没有文件', 'The folders given hold no files');
  return { files, tz, carrier };
}

export type ImportEvent = { type: 'started'; index: number; file: string } | { type: 'done'; index: number; outcome: ImportOutcome };

export async function importFiles(vault: Vault, home: string, caseRef: string | null, plan: ImportPlan, emit: (e: ImportEvent) => void): Promise<ImportOutcome[]> {
  const kase = caseRef ? await vault.findCase(caseRef) : await vault.defaultCase();
  const seal = { home, tsas: tsaList(), timeoutMs: 15_000 };
  const outcomes: ImportOutcome[] = [];
  for (const [index, { path, mediaRoot }] of plan.files.entries()) {
    emit({ type: 'started', index, file: path });
    const outcome = await importFile(vault, kase.id, path, { tz: plan.tz, carrier: plan.carrier, seal }, mediaRoot);
    outcomes.push(outcome);
    emit({ type: 'done', index, outcome });
  }
  return outcomes;
}
