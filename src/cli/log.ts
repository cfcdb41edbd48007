/**
 * guzheng log <item|case> [--json]   the custody log: for an item its events; for a case the case's events and
 *                                     those of all its items, in the order they were written
 * guzheng note <item|case> <text>     add a "noted" event (nothing is ever edited: a correction is a new note)
 */
import { GuzhengError } from '../errors.js';
import { toShanghai } from '../capture/time.js';
import type { CustodyEvent } from '../seal/custody-chain.js';
import { parseCommandArgs, withVault } from './output.js';
import { addNote, custodyLog } from '../actions/items.js';

export const LOG_HELP = `用法 / usage: guzheng log <证据或案件 item|case> [--json]
       guzheng note <证据或案件 item|case> <备注 text>`;

const TYPE_ZH: Record<string, string> = { created: '创建', sealed: '封存', timestamped: '加盖时间戳', viewed: '查看', exported: '导出', copied: '复制到副本', verified: '核对', noted: '备注' };

function human(e: CustodyEvent): string {
  return `${toShanghai(new Date(e.at))}  ${TYPE_ZH[e.type] ?? e.type} / ${e.type}  ${e.stream}\n    ${e.actor}\n    ${JSON.stringify(e.detail)}\n    hash ${e.hash}${e.prev ? `  prev ${e.prev}` : ''}`;
}

export async function runLog(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, LOG_HELP);
  if (positionals.length !== 1) throw new GuzhengError('E_USAGE', '请给出一个证据或案件编号', 'Give one item or case id', LOG_HELP);
  return withVault(async (vault) => {
    const events = await custodyLog(vault, positionals[0]!);
    for (const e of events) process.stdout.write((values.json ? JSON.stringify(e) : human(e)) + '\n');
    return 0;
  });
}

export async function runNote(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, LOG_HELP);
  const [ref, ...words] = positionals;
  const text = words.join(' ').trim();
  if (!ref || !text) throw new GuzhengError('E_USAGE', '请给出编号和备注内容', 'Give an id and the note', LOG_HELP);
  return withVault(async (vault) => {
    const e = await addNote(vault, ref, text);
    process.stdout.write((values.json ? JSON.stringify(e) : `✔ 已记录 / noted: ${e.stream}`) + '\n');
    return 0;
  });
}
