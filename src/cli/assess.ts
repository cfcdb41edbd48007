/** guzheng assess <case> | --facts facts.json [--as-of YYYY-MM-DD] [--json]: the routes open to the victim, with reasons, deadlines and citations. */
import { GuzhengError } from '../errors.js';
import { isDay } from '../assess/dates.js';
import type { CaseFacts } from '../assess/facts.js';
import { getCaseFacts, readFactsFile } from '../actions/facts.js';
import { assessFacts } from '../actions/assess.js';
import type { Assessment } from '../assess/types.js';
import { parseCommandArgs, withVault } from './output.js';

export const ASSESS_HELP = `用法 / usage: guzheng assess <案件 case> [--as-of 日期] [--json]
       guzheng assess --facts facts.json [--as-of 日期] [--json]
  根据案件事实和证据，按每种侵害（诽谤、侮辱、泄露隐私和个人信息、肖像、威胁骚扰、扰乱公共秩序的谣言）列出可走的途径
  （通知平台、告知函、报警、禁止接触、民事诉讼、刑事自诉、公诉、刑事报案）、各自的条件、期限和法律依据。
  Lists, for each harm (defamation, insult, privacy, portrait, threat-abuse, public-order-rumour), the routes open to
  the victim, each with its conditions, deadlines (exact days) and citations.
  每个帖子造成的侵害写在事实文件的 acts[].harms，例如 ["defamation","privacy"]；不写按诽谤处理。
  Each act names its harms in acts[].harms, e.g. ["defamation","privacy"]; without it, defamation.
  案件事实用 guzheng case facts <案件> --set facts.json 保存 / state a case's facts with guzheng case facts <case> --set facts.json
  本工具不构成法律意见。/ This is not legal advice.`;

/** The facts of a case in the vault, or of a facts file: what assess and doc read. */
export async function factsFor(caseRef: string | undefined, factsPath: string | undefined, help: string): Promise<{ facts: CaseFacts; caseId: string | null }> {
  if (Boolean(caseRef) === Boolean(factsPath)) throw new GuzhengError('E_USAGE', '请给出一个案件，或用 --facts 给出事实文件（二者选一）', 'Give a case, or a facts file with --facts (one of the two)', help);
  if (factsPath) return readFactsFile(factsPath).then((facts) => ({ facts, caseId: null }));
  return withVault(async (vault) => {
    const { case: caseId, effective } = await getCaseFacts(vault, caseRef!);
    return { facts: effective, caseId };
  });
}

const MET = (m: boolean | null) => (m === true ? '✔' : m === false ? '✘' : '?');
const AVAILABLE = (a: boolean | null) => (a === true ? '可以 / available' : a === false ? '目前不可行 / not available now' : '无法判断 / cannot tell');

export function assessmentText(a: Assessment): string {
  const lines = [`评估日期 / as of: ${a.asOf}`];
  if (a.harms.length > 1) lines.push(`侵害 / harms: ${a.harms.map((h) => h.title.split(' / ')[0]).join('、')}`);
  let harm = '';
  for (const r of a.routes) {
    if (r.harm !== harm) {
      harm = r.harm;
      const h = a.harms.find((x) => x.harm === harm)!;
      lines.push('', `━━ ${h.title}${h.acts.length ? `（${h.acts.map((i) => `acts[${i}]`).join('、')}）` : ''} ━━`);
    }
    lines.push('', `■ ${r.title}：${AVAILABLE(r.available)}`);
    for (const x of r.reasons) lines.push(`  · ${x}`);
    // An unstated exception or an open note is printed once, as what the answer assumes.
    for (const c of r.conditions) if (!(c.met === null && (c.kind === 'exception' || c.kind === 'note'))) lines.push(`  ${c.kind === 'part' ? '  ' : ''}${MET(c.met)} ${c.detail}`);
    for (const d of r.deadlines) lines.push(`  ⏰ ${d.date}  ${d.what}`);
    if (r.missing.length) lines.push(`  缺少 / missing: ${r.missing.join('；')}`);
    for (const x of r.caveats ?? []) lines.push(`  ⚠ 前提 / assumed: ${x}`);
    for (const q of r.questions ?? []) lines.push(`  ❓ ${q}`);
    lines.push(`  依据 / law: ${r.citations.map((c) => `${c.law}${c.article}`).join('、')}`);
  }
  lines.push('', ...a.warnings.map((w) => `注意 / note: ${w}`), ...a.unverified.map((u) => `未核实 / not verified: ${u}`), '', a.disclaimer);
  return lines.join('\n');
}

export async function runAssess(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { facts: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, ASSESS_HELP);
  if (positionals.length > 1) throw new GuzhengError('E_USAGE', '只能给出一个案件', 'Give one case', ASSESS_HELP);
  const asOf = values['as-of'];
  if (asOf !== undefined && !isDay(asOf)) throw new GuzhengError('E_USAGE', `--as-of 应为日期 YYYY-MM-DD，收到“${asOf}”`, `--as-of must be a date YYYY-MM-DD, got "${asOf}"`, ASSESS_HELP);
  const { facts } = await factsFor(positionals[0], values.facts, ASSESS_HELP);
  const result = assessFacts(facts, asOf);
  process.stdout.write((values.json ? JSON.stringify(result) : assessmentText(result)) + '\n');
  return 0;
}
