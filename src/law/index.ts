/** All provisions the product uses, looked up by id; citations; which version of a law applies on a given day. */
import { GuzhengError } from '../errors.js';
import { LAWS } from './laws.js';
import { CIVIL } from './provisions-civil.js';
import { CRIMINAL } from './provisions-criminal.js';
import { HARMS_LAW } from './provisions-harms.js';
import type { Citation, Law, Provision } from './types.js';

export type { Citation, Law, Provision } from './types.js';
export { LAWS } from './laws.js';

export const PROVISIONS: Provision[] = [...CIVIL, ...CRIMINAL, ...HARMS_LAW];

const byId = new Map(PROVISIONS.map((p) => [p.id, p]));

export function provision(id: string): Provision {
  const p = byId.get(id);
  if (!p) throw new GuzhengError('E_INTERNAL', `内部错误：没有法条 ${id}`, `Internal error: no provision ${id}`);
  return p;
}

export function cite(id: string): Citation {
  const p = provision(id);
  const n = (k: number) => '一二三四五六七八九十'[k - 1];
  return { id, law: p.law.short, version: p.law.version, article: `${p.article}${p.paragraph ? `第${n(p.paragraph)}款` : ''}${p.item ? `第（${n(p.item)}）项` : ''}` };
}

/** "民法典（2020-05-28）第一千一百九十五条". */
export function citeText(id: string): string {
  const c = cite(id);
  return `《${provision(id).law.title}》（${c.version}）${c.article}`;
}

/** True when the provision was in force on that day (YYYY-MM-DD). */
export function inForce(p: Provision | Law, day: string): boolean {
  const law = 'law' in p ? p.law : p;
  const from = ('effectiveFrom' in p && 'law' in p && p.effectiveFrom) || law.effectiveFrom;
  return day >= from && (law.effectiveTo === null || day <= law.effectiveTo);
}

/** The 治安管理处罚法 in force on the day of the act: the 2025 revision from 2026-01-01, else the 2012 text. */
export function publicSecurityLawOn(day: string): { law: Law; offence: string; limit: string } {
  return inForce(LAWS.publicSecurity2025, day)
    ? { law: LAWS.publicSecurity2025, offence: 'public-security-2025:50', limit: 'public-security-2025:25' }
    : { law: LAWS.publicSecurity2012, offence: 'public-security-2012:42', limit: 'public-security-2012:22' };
}

/** What `guzheng law list --json` prints for each provision. */
export function provisionJson(p: Provision) {
  return {
    id: p.id, law: p.law.title, short: p.law.short, version: p.law.version, effectiveFrom: p.effectiveFrom ?? p.law.effectiveFrom, effectiveTo: p.law.effectiveTo,
    article: p.article, ...(p.paragraph ? { paragraph: p.paragraph } : {}), text: p.text, explain: p.explain, status: p.law.status, file: p.law.file,
    ...(p.law.note ? { note: p.law.note } : {}),
  };
}
