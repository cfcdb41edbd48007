/** An assessment of the routes open to a victim: each with its reasons, conditions, deadlines and citations. */
import type { Citation } from '../law/index.js';
import type { HarmKind } from './facts.js';

/**
 * criminal-report: reporting a crime the police investigate and the procuratorate prosecutes (侵犯公民个人信息罪,
 * 寻衅滋事罪); no-contact-order: asking the police to forbid a harasser to contact the victim (治安管理处罚法 2025 第五十条第二款).
 */
export type RouteId = 'platform-notice' | 'demand-letter' | 'police-report' | 'civil-suit' | 'private-prosecution' | 'public-prosecution' | 'criminal-report' | 'no-contact-order';

/**
 * What a condition does to its route's answer (see rule.ts):
 * - requires: a fact the route needs; not met → not available, not known → cannot tell;
 * - exception: an exceptional fact the law presumes absent until someone states it (e.g. 严重危害社会秩序); stated,
 *   it decides; not stated, it is taken as `presumed` and shown as a caveat and a question, never as "cannot tell";
 * - part: one of the facts a `requires` condition (`of`) is decided from; it never decides the route by itself;
 * - note: shown and explained, never decides (e.g. the damages period of a civil suit, whose other claims never expire).
 */
export type ConditionKind = 'requires' | 'exception' | 'part' | 'note';

/**
 * met: true is in the route's favour, false against it, null when the facts given cannot tell (for an exception:
 * nobody stated it). Texts are Chinese first, then English.
 */
export interface Condition {
  name: string;
  met: boolean | null;
  detail: string;
  kind: ConditionKind;
  /** exception: the value `met` is taken to have while the fact is not stated — what the law presumes. */
  presumed?: boolean;
  /** part: the name of the condition it helps decide. */
  of?: string;
  /** The question that would settle it, when met is null. */
  ask?: string;
}
export interface Deadline { what: string; date: string }

export interface Route {
  id: RouteId;
  /** The harm this route answers (one act may do several; each harm has its own routes). */
  harm: HarmKind;
  title: string;
  /** true / false, or null: cannot tell from the facts given — only when a required fact is missing, named in `missing`. */
  available: boolean | null;
  reasons: string[];
  conditions: Condition[];
  deadlines: Deadline[];
  citations: Citation[];
  /** When `available` is null: the required facts that would decide it. Empty otherwise. */
  missing: string[];
  /** What the answer assumes without depending on it: exceptions nobody stated (taken as the law presumes), open notes. */
  caveats: string[];
  /** What to ask the user to make the answer firmer: unstated exceptions, missing facts, open notes. */
  questions: string[];
  /** The names of the conditions that keep the route from being available (none when it is). */
  blockedBy: string[];
}

/** One harm the case's acts did: its name, the acts (their places in the facts) and its routes, in order. */
export interface HarmSection {
  harm: HarmKind;
  title: string;
  acts: number[];
  routes: RouteId[];
}

export interface Assessment {
  asOf: string;
  /** The harms, in a fixed order (defamation first); every route of `routes` belongs to one of them. */
  harms: HarmSection[];
  routes: Route[];
  /** Texts that bear on the case but that guzheng does not quote, because no full official text was read. */
  unverified: string[];
  /** Facts that could not be checked and what the user should verify. */
  warnings: string[];
  notLegalAdvice: true;
  disclaimer: string;
}

/** "中文 / English". */
export const t = (zh: string, en: string) => `${zh} / ${en}`;

/** All must hold: any false → false; all true → true; else null. */
export function allOf(values: (boolean | null)[]): boolean | null {
  if (values.some((v) => v === false)) return false;
  return values.every((v) => v === true) ? true : null;
}

/** One is enough: any true → true; all false → false; else null. */
export function anyOf(values: (boolean | null)[]): boolean | null {
  if (values.some((v) => v === true)) return true;
  return values.length > 0 && values.every((v) => v === false) ? false : null;
}
