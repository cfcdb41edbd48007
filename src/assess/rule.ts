/**
 * The one rule that answers every route from its conditions (issue 10):
 * - a route is available when every fact it requires is met and no stated fact excludes it;
 * - it is not available when a required fact is not met, or an exception is stated to hold;
 * - it is unknown (null) only when a fact it requires is missing, and `missing` names that fact;
 * - a route that exists only by an exception (public prosecution) is, once its other facts are known, not available
 *   while nobody has stated that the exception holds.
 * An exception nobody has stated does not make a route unknown: it is taken as the law presumes it (absent) and is
 * listed as a caveat and a question on the route.
 */
import type { Condition, Route } from './types.js';

export interface Answer { available: boolean | null; missing: string[]; caveats: string[]; questions: string[]; blockedBy: string[] }

/** The answer of a route from its conditions, with what is missing, assumed and worth asking. */
export function answer(conditions: Condition[]): Answer {
  const deciding = conditions.filter((c) => c.kind === 'requires' || c.kind === 'exception');
  // In this order: a fact found or stated against the route; a required fact missing; a presumption against it
  // (a route that exists only by an unstated exception) — a presumption decides only once every needed fact is known.
  const against = deciding.filter((c) => c.met === false);
  const open = deciding.filter((c) => c.kind === 'requires' && c.met === null);
  const presumedAgainst = deciding.filter((c) => c.kind === 'exception' && c.met === null && c.presumed === false);
  const available = against.length ? false : open.length ? null : presumedAgainst.length ? false : true;
  const openParts = (c: Condition) => conditions.filter((p) => p.kind === 'part' && p.of === c.name && p.met === null);
  const missing = available === null ? open.flatMap((c) => (openParts(c).length ? openParts(c).map((p) => p.detail) : [c.detail])) : [];
  const unstated = conditions.filter((c) => c.kind === 'exception' && c.met === null);
  const caveats = [...unstated, ...conditions.filter((c) => c.kind === 'note' && c.met === null)].map((c) => c.detail);
  const asked = [...unstated, ...open.flatMap((c) => [c, ...openParts(c)]), ...conditions.filter((c) => c.kind === 'note' && c.met === null)];
  return {
    available, missing: unique(missing), caveats: unique(caveats),
    questions: unique(asked.map((c) => c.ask).filter((q): q is string => Boolean(q))),
    blockedBy: (against.length ? against : open.length ? open : presumedAgainst).map((c) => c.name),
  };
}

/** A route whose answer is computed from its conditions by the rule. */
export function route(r: Omit<Route, keyof Answer>): Route {
  const a = answer(r.conditions);
  return { id: r.id, harm: r.harm, title: r.title, available: a.available, reasons: r.reasons, conditions: r.conditions, deadlines: r.deadlines, citations: r.citations,
    missing: a.missing, caveats: a.caveats, questions: a.questions, blockedBy: a.blockedBy };
}

/** The condition every route needs: at least one act. Only listed when there is none. */
export function actsKnown(n: number): Condition[] {
  return n ? [] : [{ name: 'acts', kind: 'requires', met: null, detail: '至少一项侵害行为（帖子网址） / at least one act (the post\'s URL)',
    ask: '请取证或在事实文件中列出侵害行为（帖子网址、发布日期） / capture the posts or list them (URL, date) in the facts file' }];
}

const unique = (xs: string[]) => [...new Set(xs)];
