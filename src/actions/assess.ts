/** The routes open to the victim of a case (or of stated facts), and the nearest deadline among them. */
import { GuzhengError } from '../errors.js';
import { assess } from '../assess/assess.js';
import { isDay, todayInChina } from '../assess/dates.js';
import { caseFactsFromVault } from '../assess/from-vault.js';
import type { CaseFacts } from '../assess/facts.js';
import type { Assessment } from '../assess/types.js';
import type { Vault } from '../vault/vault.js';
import { provision } from '../law/index.js';

export function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf !== undefined && !isDay(asOf)) throw new GuzhengError('E_USAGE', `评估日期应为 YYYY-MM-DD，收到“${asOf}”`, `The date must be YYYY-MM-DD, got "${asOf}"`);
  return asOf;
}

export function assessFacts(facts: CaseFacts, asOf?: string): Assessment {
  return assess(facts, checkAsOf(asOf));
}

export async function assessCase(vault: Vault, caseRef: string, asOf?: string): Promise<Assessment> {
  const c = await vault.findCase(caseRef);
  return assessFacts(await caseFactsFromVault(vault, c.id), asOf);
}

/** The assessment with each citation's quoted words, its plain explanation and how far its text is verified. */
export function withQuotes(a: Assessment) {
  return { ...a, routes: a.routes.map((r) => ({ ...r, citations: r.citations.map((c) => {
    const p = provision(c.id);
    return { ...c, text: p.text, explain: p.explain, status: p.law.status, title: p.law.title };
  }) })) };
}

export interface NearestDeadline { date: string; what: string; route: string }

/** The first deadline on or after today among the routes of a case; null when none is known. */
export async function nearestDeadline(vault: Vault, caseId: string, asOf?: string): Promise<NearestDeadline | null> {
  const a = await assessCase(vault, caseId, asOf);
  const today = asOf ?? todayInChina();
  const all = a.routes.flatMap((r) => r.deadlines.map((d) => ({ date: d.date, what: d.what, route: r.title })));
  return all.filter((d) => d.date >= today).sort((x, y) => x.date.localeCompare(y.date))[0] ?? null;
}
