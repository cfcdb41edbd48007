/** guzheng doc <kind> <case> --out file.docx|file.pdf (or --facts facts.json in place of a case). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { isDay } from '../assess/dates.js';
import { makeDocument } from '../actions/documents.js';
import { KINDS } from '../documents/build.js';
import { factsFor } from './assess.js';
import { parseCommandArgs, withVault } from './output.js';

export const DOC_HELP = `用法 / usage: guzheng doc <文书 kind> <案件 case> --out 文件.docx|文件.pdf [--date 日期] [--json]
       guzheng doc <文书 kind> --facts facts.json --out 文件.docx|文件.pdf
  根据案件事实和证据生成文书；本工具无法知道的内容以黄色【待填写】标出，不会编造。证据截图作为附件附在文后。
  Writes a document filled from the case and its evidence; what the tool cannot know is a highlighted blank, never invented.
  文书 / kinds: ${Object.entries(KINDS).map(([k, v]) => `${k}（${v.zh}）`).join('、')}
  本工具不构成法律意见。/ This is not legal advice.`;

export async function runDoc(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { facts: { type: 'string' }, out: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' } }, DOC_HELP);
  const [kind, caseRef, ...extra] = positionals;
  const spec = kind ? KINDS[kind] : undefined;
  if (!spec) throw new GuzhengError('E_USAGE', kind ? `未知的文书种类“${kind}”` : '请给出文书种类', kind ? `Unknown kind "${kind}"` : 'Give a document kind', DOC_HELP);
  if (extra.length) throw new GuzhengError('E_USAGE', '只能给出一个案件', 'Give one case', DOC_HELP);
  if (!values.out) throw new GuzhengError('E_USAGE', '请用 --out 给出输出文件（.docx 或 .pdf）', 'Give the output file with --out (.docx or .pdf)', DOC_HELP);
  if (!/\.(docx|pdf)$/i.test(values.out)) throw new GuzhengError('E_USAGE', `输出文件应以 .docx 或 .pdf 结尾：${values.out}`, `The output must end in .docx or .pdf: ${values.out}`, DOC_HELP);
  const out = resolve(values.out);
  if (existsSync(out)) throw new GuzhengError('E_EXISTS', `文件已存在，不会覆盖：${out}`, `The file exists and is not replaced: ${out}`);
  if (values.date !== undefined && !isDay(values.date)) throw new GuzhengError('E_USAGE', `--date 应为日期 YYYY-MM-DD：${values.date}`, `--date must be YYYY-MM-DD: ${values.date}`, DOC_HELP);
  const { facts, caseId } = await factsFor(caseRef, values.facts, DOC_HELP);
  const r = caseId ? await withVault((vault) => makeDocument(vault, { kind, date: values.date, facts, caseId, out: [out] })) : await makeDocument(null, { kind, date: values.date, facts, caseId, out: [out] });
  if (!r.evidence) {
    process.stderr.write('注意：本案还没有证据，文书中的帖子和证据部分已标为【待填写】；请先用 guzheng capture --case 取证。\n' +
      'Note: the case has no evidence yet; the posts and evidence are marked as blanks. Capture them first (guzheng capture --case).\n');
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ kind, out, blanks: r.blanks, evidence: r.evidence, notLegalAdvice: true }) + '\n');
  } else {
    process.stdout.write(`✔ 已生成${spec.zh} / ${spec.en} written: ${out}\n  待填写 ${r.blanks.length} 处 / ${r.blanks.length} blank(s) to fill: ${r.blanks.join('、') || '无 none'}\n  本工具不构成法律意见。/ This is not legal advice.\n`);
  }
  return 0;
}
