/**
 * Documents: a notice, complaint or list written from a case's facts and evidence (or from a facts file), as DOCX or
 * PDF. What the tool cannot know is a highlighted blank, listed in `blanks`.
 */
import { existsSync } from 'node:fs';
import { GuzhengError } from '../errors.js';
import { isDay, todayInChina } from '../assess/dates.js';
import type { CaseFacts } from '../assess/facts.js';
import { KINDS, writeDocument } from '../documents/build.js';
import { evidenceFromFacts, evidenceFromVault } from '../documents/evidence.js';
import type { Vault } from '../vault/vault.js';

export const documentKinds = () => Object.entries(KINDS).map(([id, k]) => ({ id, zh: k.zh, en: k.en }));

export interface DocumentRequest {
  kind: unknown;
  /** The document's date, YYYY-MM-DD (default: today in China). */
  date?: unknown;
  facts: CaseFacts;
  /** The case whose evidence the document lists; null: the evidence named in the facts. */
  caseId: string | null;
  /** Files to write, each .docx or .pdf; none may exist. */
  out: string[];
}

export interface DocumentResult { kind: string; zh: string; en: string; files: string[]; blanks: string[]; evidence: number; notLegalAdvice: true }

export function checkKind(kind: unknown): string {
  if (typeof kind !== 'string' || !KINDS[kind]) {
    throw new GuzhengError('E_USAGE', kind ? `未知的文书种类“${String(kind)}”` : '请给出文书种类', kind ? `Unknown kind "${String(kind)}"` : 'Give a document kind');
  }
  return kind;
}

export async function makeDocument(vault: Vault | null, req: DocumentRequest): Promise<DocumentResult> {
  const kind = checkKind(req.kind);
  if (req.date !== undefined && req.date !== null && !isDay(req.date)) throw new GuzhengError('E_USAGE', `文书日期应为 YYYY-MM-DD：${String(req.date)}`, `The date must be YYYY-MM-DD: ${String(req.date)}`);
  for (const out of req.out) {
    if (!/\.(docx|pdf)$/i.test(out)) throw new GuzhengError('E_USAGE', `输出文件应以 .docx 或 .pdf 结尾：${out}`, `The output must end in .docx or .pdf: ${out}`);
    if (existsSync(out)) throw new GuzhengError('E_EXISTS', `文件已存在，不会覆盖：${out}`, `The file exists and is not replaced: ${out}`);
  }
  const evidence = req.caseId && vault ? await evidenceFromVault(vault, req.caseId) : evidenceFromFacts(req.facts);
  const spec = KINDS[kind]!;
  const watch = req.caseId && vault ? await (await import('../documents/watch-exhibit.js')).watchBlocks(vault, req.caseId) : [];
  const doc = spec.build({ facts: req.facts, evidence, date: (req.date as string | undefined) ?? todayInChina(), watch });
  for (const out of req.out) await writeDocument(doc, out);
  return { kind, zh: spec.zh, en: spec.en, files: req.out, blanks: doc.blanks, evidence: evidence.length, notLegalAdvice: true };
}
