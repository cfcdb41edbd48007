/** The shapes every kind of import shares: what it checked, what it made, what it says it proves. */
import type { Reason } from '../capture/manifest.js';
import type { Detected } from './detect.js';

/** A consistency check, with the evidence it rests on. 'flag' asks a person to look; it never decides. */
export interface ImportCheck {
  id: string;
  result: 'ok' | 'flag' | 'info';
  zh: string;
  en: string;
  evidence?: Record<string, unknown>;
}

/** A file made from the original (parsed data, OCR text, a contact sheet…), with the tool that made it. */
export interface Derived {
  path: string;
  role: string;
  mediaType: string;
  tool: string;
}

export interface AnalyseInput {
  /** The item id. */
  id: string;
  /** The item's temporary folder; derived files are written into it. */
  dir: string;
  /** The original's digests. */
  digests: { size: number; sha256: string; sm3: string };
  /** The folder the user gave, when the file came with one (a chat export with its media). */
  mediaRoot?: string;
  /** The original's path inside `dir` (original/<name>). */
  original: string;
  /** The name the file had where it was imported from. */
  name: string;
  detected: Detected;
  /** The file system's times of the source file (not reliable: copying and syncing change them). */
  fileTimes: { modified: string; changed: string; born: string | null };
  tz: string;
}

export interface KindResult {
  /** The kind's own summary, printed by --json and kept in import.json. */
  summary: Record<string, unknown>;
  checks: ImportCheck[];
  derived: Derived[];
  /** Why the result is partial (a damaged file, a step that could not run). */
  reasons: Reason[];
  /** Everything else the kind read from the file (metadata, headers…), kept whole in import.json. */
  details: Record<string, unknown>;
  /** What an import of this kind proves, and what it does not. */
  statement: { zh: string; en: string };
}
