/**
 * A document as data, rendered the same way to DOCX (docx) and to PDF (HTML printed by Chromium with Noto CJK).
 * What the product cannot know is a Blank: rendered as a highlighted 【待填写：…】, never filled with a guess.
 */

export interface Blank { blank: string }
export interface Strong { strong: string }
export type Inline = string | Blank | Strong;

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'para'; parts: Inline[]; align?: 'left' | 'right' | 'center'; indent?: boolean; small?: boolean }
  | { kind: 'table'; columns: string[]; widths: number[]; rows: Inline[][][]; small?: boolean }
  | { kind: 'exhibit'; caption: string; png: Buffer; width: number; height: number }
  | { kind: 'pageBreak' };

export interface Doc {
  /** File title and first heading, e.g. 民事起诉状. */
  title: string;
  blocks: Block[];
  /** Every blank in the document, in order: what the user must fill in before filing. */
  blanks: string[];
}

export const blank = (what: string): Blank => ({ blank: what });
export const strong = (text: string): Strong => ({ strong: text });
export const BLANK_MARK = (what: string) => `【待填写：${what}】`;

/** A value, or a blank naming it when the value is unknown. */
export function orBlank(value: string | null | undefined, what: string): Inline {
  return value === null || value === undefined || String(value).trim() === '' ? blank(what) : String(value);
}

export const para = (...parts: Inline[]): Block => ({ kind: 'para', parts, indent: true });
export const line = (...parts: Inline[]): Block => ({ kind: 'para', parts });
export const heading = (text: string): Block => ({ kind: 'heading', text });

/** Collects the blanks of a list of blocks, so the notes page can list them. */
export function collectBlanks(blocks: Block[]): string[] {
  const out: string[] = [];
  const visit = (parts: Inline[]) => parts.forEach((p) => typeof p === 'object' && 'blank' in p && out.push(p.blank));
  for (const b of blocks) {
    if (b.kind === 'para') visit(b.parts);
    if (b.kind === 'table') b.rows.forEach((r) => r.forEach(visit));
  }
  return out;
}

/** Plain text of inline parts (blanks as their marks). */
export function plain(parts: Inline[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : 'blank' in p ? BLANK_MARK(p.blank) : p.strong)).join('');
}
