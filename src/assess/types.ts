/** An assessment of the routes open to a victim: each with its reasons, conditions, deadlines and citations. */
import type { Citation } from '../law/index.js';

export type RouteId = 'platform-notice' | 'demand-letter' | 'police-report' | 'civil-suit' | 'private-prosecution' | 'public-prosecution';

/** met: true / false, or null when the facts given cannot tell. Texts are Chinese first, then English. */
export interface Condition { name: string; met: boolean | null; detail: string }
export interface Deadline { what: string; date: string }

export interface Route {
  id: RouteId;
  title: string;
  /** null: cannot tell from the facts given; `missing` says what would decide it. */
  available: boolean | null;
  reasons: string[];
  conditions: Condition[];
  deadlines: Deadline[];
  citations: Citation[];
  missing: string[];
}

export interface Assessment {
  asOf: string;
  routes: Route[];
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
