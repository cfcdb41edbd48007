/**
 * guzheng case new <标题 title> [--json]
 * guzheng case list [--json]
 * guzheng case show <case> [--json]
 */
import { GuzhengError } from '../errors.js';
import { toShanghai } from '../capture/time.js';
import { parseCommandArgs, withVault } from './output.js';
import { createCase, listCases, showCase } from '../actions/cases.js';
import { getCaseFacts, readFactsFile, setCaseFacts } from '../actions/facts.js';

export const CASE_HELP = `用法 / usage:
  guzheng case new <标题 title>   新建案件 / create a case
  guzheng case list               列出案件 / list cases
  guzheng case show <案件 case>   案件中的证据 / the items of a case
  guzheng case facts <案件 case> [--set facts.json]
                                  案件事实（受害人、发帖人、每个帖子造成的侵害 acts[].harms、日期、后果、诉求）：--set 保存，不加则显示（含证据中读出的帖子和数字）
                                  the case's facts: --set stores them; without it, shows them with the posts and counts read from the evidence
  （均可加 --json / all take --json）`;

const STATUS_ZH: Record<string, string> = { COMPLETE: '完成', PARTIAL: '部分完成', FAILED: '失败', capturing: '取证中', interrupted: '被中断' };
const SEAL_ZH: Record<string, string> = { timestamped: '已签名并加盖时间戳', 'awaiting-timestamp': '已签名，等待时间戳', unsealed: '未封存' };

export async function runCase(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, set: { type: 'string' } }, CASE_HELP);
  const [sub, ...rest] = positionals;
  const out = (v: unknown, human: string) => process.stdout.write((values.json ? JSON.stringify(v) : human) + '\n');
  return withVault(async (vault) => {
    switch (sub) {
      case 'new': {
        const title = rest.join(' ').trim();
        if (!title) throw new GuzhengError('E_USAGE', '请给出案件标题', 'Give the case a title', CASE_HELP);
        const c = await createCase(vault, { title });
        out({ case: c.id, title: c.title, createdAt: c.createdAt }, `✔ 已新建案件 / case created: ${c.id}  ${c.title}`);
        return 0;
      }
      case 'list': {
        const cases = await listCases(vault);
        if (values.json) out({ cases: cases.map(({ id, ...c }) => ({ case: id, ...c })) }, '');
        else if (!cases.length) out(null, '还没有案件 / no cases yet');
        else {
          out(null, cases.map((c) => `${c.id}  ${c.title}  （${c.items} 件证据 / item(s)，${toShanghai(new Date(c.createdAt))}）` +
            (c.nearestDeadline ? `\n    ⏰ ${c.nearestDeadline.date}  ${c.nearestDeadline.what}` : '')).join('\n'));
        }
        return 0;
      }
      case 'show': {
        if (!rest[0]) throw new GuzhengError('E_USAGE', '请给出案件编号', 'Give a case id', CASE_HELP);
        const c = await showCase(vault, rest[0]);
        if (values.json) {
          out({ case: c.id, title: c.title, createdAt: c.createdAt, default: c.default, items: c.items.map(({ id, ...i }) => ({ item: id, ...i })) }, '');
        } else {
          const lines = [`案件 / case ${c.id}  ${c.title}`, `  新建于 / created ${toShanghai(new Date(c.createdAt))}`, `  证据 / items: ${c.items.length}`];
          for (const i of c.items) {
            lines.push(`  ${i.id}  ${STATUS_ZH[i.status] ?? i.status} / ${i.status}  ${SEAL_ZH[i.seal ?? ''] ?? '未封存'} / ${i.seal ?? 'not sealed'}`,
              `      ${i.url ?? (i.name ? `导入的文件 / imported file: ${i.name}` : '')}`, `      ${toShanghai(new Date(i.startedAt))}${i.dir ? `  ${i.dir}` : ''}`);
          }
          out(null, lines.join('\n'));
        }
        return 0;
      }
      case 'facts': {
        if (!rest[0]) throw new GuzhengError('E_USAGE', '请给出案件编号', 'Give a case id', CASE_HELP);
        if (values.set) {
          const r = await setCaseFacts(vault, rest[0], await readFactsFile(values.set));
          out(r, `✔ 已保存案件事实 / case facts saved: ${r.case}`);
          return 0;
        }
        process.stdout.write(JSON.stringify((await getCaseFacts(vault, rest[0])).effective, null, 2) + '\n');
        return 0;
      }
      default:
        throw new GuzhengError('E_USAGE', sub ? `未知的子命令“${sub}”` : '请给出 new、list、show 或 facts', sub ? `Unknown subcommand "${sub}"` : 'Give new, list, show or facts', CASE_HELP);
    }
  });
}
