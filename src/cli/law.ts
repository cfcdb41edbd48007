/** guzheng law list [--json]: the provisions the product relies on, with their versions, dates, words and status. */
import { NOT_LEGAL_ADVICE } from '../law/disclaimer.js';
import { PROVISIONS, provisionJson } from '../law/index.js';
import { GuzhengError } from '../errors.js';
import { parseCommandArgs } from './output.js';

export const LAW_HELP = `用法 / usage: guzheng law list [--json]
  列出本工具引用的全部法条：法律、版本、施行日期、条文原文、通俗解释和核实情况。
  Lists every provision the tool relies on: law, version, dates in force, exact words, plain explanation, verification status.`;

const STATUS = { 'official-text': '官方文本 official text', 'unofficial-copy': '非官方全文副本 unofficial full-text copy', 'secondary-source': '二手来源 secondary source' };

export async function runLaw(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, LAW_HELP);
  if (positionals[0] !== 'list' || positionals.length !== 1) throw new GuzhengError('E_USAGE', '请使用 guzheng law list', 'Use guzheng law list', LAW_HELP);
  if (values.json) {
    process.stdout.write(JSON.stringify(PROVISIONS.map(provisionJson), null, 2) + '\n');
    return 0;
  }
  let lastTitle = '';
  for (const p of PROVISIONS) {
    const title = `${p.law.title}（${p.law.version}，${p.law.effectiveFrom} 起施行${p.law.effectiveTo ? `，至 ${p.law.effectiveTo}` : ''}）`;
    if (title + p.law.file !== lastTitle) {
      process.stdout.write(`\n■ ${title}\n  ${STATUS[p.law.status]} · ${p.law.file}${p.law.note ? `\n  注 note: ${p.law.note}` : ''}\n`);
      lastTitle = title + p.law.file;
    }
    process.stdout.write(`  ${p.article}${p.paragraph ? `（第${p.paragraph}款）` : ''}${p.effectiveFrom ? `（${p.effectiveFrom} 起）` : ''}：${p.explain.zh}\n    ${p.explain.en}\n`);
  }
  process.stdout.write(`\n${NOT_LEGAL_ADVICE.zh}\n${NOT_LEGAL_ADVICE.en}\n`);
  return 0;
}
