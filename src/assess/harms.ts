/**
 * The harm kinds of cyber-violence (issue 14): how each is named, asked about and explained in plain words, which
 * acts of a case did it, and which provision of the 治安管理处罚法 in force on the day of an act punishes it.
 */
import { LAWS, inForce } from '../law/index.js';
import { harmsOf, HARM_KINDS, type Act, type CaseFacts, type HarmKind } from './facts.js';
import { HARMS } from './harm-words.js';

export { HARMS, type HarmInfo } from './harm-words.js';

/** The acts of the case that did this harm, with their places in the facts (acts[i]). */
export function actsOf(f: CaseFacts, harm: HarmKind): { facts: CaseFacts; indices: number[] } {
  const indices = f.acts.map((a, i) => (harmsOf(f, a).includes(harm) ? i : -1)).filter((i) => i >= 0);
  return { facts: { ...f, acts: indices.map((i) => f.acts[i]!) }, indices };
}

/** The harms the case's acts did, in the order of HARM_KINDS. */
export function caseHarms(f: CaseFacts): HarmKind[] {
  const present = new Set(f.acts.flatMap((a) => harmsOf(f, a)));
  return HARM_KINDS.filter((h) => present.has(h));
}

/** The provisions of the 治安管理处罚法 in force on the day of an act that punish this harm (none for portraits). */
export function policeOffences(harm: HarmKind, day: string): string[] {
  const y2025 = inForce(LAWS.publicSecurity2025, day);
  switch (harm) {
    case 'defamation': case 'insult': return [y2025 ? 'public-security-2025:50' : 'public-security-2012:42'];
    case 'privacy': return y2025 ? ['public-security-2025:50(6)', 'public-security-2025:56'] : ['public-security-2012:42(6)'];
    case 'threat-abuse': return y2025 ? ['public-security-2025:50(1)', 'public-security-2025:50(5)'] : ['public-security-2012:42(1)', 'public-security-2012:42(5)'];
    case 'public-order-rumour': return [y2025 ? 'public-security-2025:29(1)' : 'public-security-2012:25(1)'];
    case 'portrait': return [];
  }
}

export const actLabel = (a: Act, i: number) => a.url ?? `acts[${i}]`;
