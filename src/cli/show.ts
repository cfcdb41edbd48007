/**
 * guzheng show <item> [--json]: one item — what it is, its seal, and every artifact with its hashes and where to
 * open it (the working copy). Looking is part of the record: a "viewed" custody event is added.
 */
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';
import { toShanghai } from '../capture/time.js';
import { parseCommandArgs, withVault } from './output.js';
import { showItem } from '../actions/items.js';

export const SHOW_HELP = `用法 / usage: guzheng show <证据 item> [--json]
  查看一件证据及其全部文件（会记入保管记录）/ show one item and all its files (recorded in the custody log)`;

export async function runShow(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, SHOW_HELP);
  if (positionals.length !== 1) throw new GuzhengError('E_USAGE', '请给出一个证据编号', 'Give one item id', SHOW_HELP);
  return withVault(async (vault) => {
    const item = await showItem(vault, positionals[0]!, 'guzheng show');
    const files = item.files.map((f) => ({ ...f, open: item.dir ? join(item.dir, f.path) : null }));
    if (values.json) {
      process.stdout.write(JSON.stringify({ item: item.id, case: item.case, kind: item.kind, url: item.url, finalUrl: item.finalUrl, status: item.status, seal: item.seal,
        startedAt: item.startedAt, endedAt: item.endedAt, dir: item.dir, files }) + '\n');
    } else {
      const imported = item.imported as { source: { name: string }; kind: string; fileFormat: string; checks: { result: string; zh: string; en: string }[] } | null;
      const what = imported ? `  导入的文件 / imported file: ${imported.source.name}（${imported.kind}, ${imported.fileFormat}）` : `  ${item.url ?? ''}`;
      const lines = [`证据 / item ${item.id}（案件 / case ${item.case}）`, what,
        ...(imported?.checks ?? []).filter((c) => c.result === 'flag').map((c) => `  ⚑ 请核查 / look at this: ${c.zh}\n    ${c.en}`), `  ${item.status} · ${item.seal ?? 'not sealed'} · ${toShanghai(new Date(item.startedAt))}`,
        `  工作副本 / working copy: ${item.dir ?? '—'}（证据原件在证据库中，只读 / the originals are in the vault, read-only）`];
      for (const f of files) lines.push(`  ${f.role.padEnd(20)} ${f.path}  ${f.size} B\n      SHA-256 ${f.sha256}\n      SM3     ${f.sm3}`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    return 0;
  });
}
