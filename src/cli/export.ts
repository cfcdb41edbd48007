/**
 * guzheng export <item|case> --out file.wacz [--json]: the evidence package (WACZ 1.1.1 + guzheng/ folder) with its
 * signed file list and bilingual certificate. Exit 0 written, 1 failed, 2 usage.
 */
import { resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { parseCommandArgs, withVault } from './output.js';
import { exportEvidence } from '../actions/packages.js';

export const EXPORT_HELP = `用法 / usage: guzheng export <证据或案件 item|case> --out 文件 file.wacz [--json]
  导出证据包（WACZ 格式，含证书和离线核对页面）/ export an evidence package (WACZ, with certificate and offline verifier page)`;

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, json: { type: 'boolean' } }, EXPORT_HELP);
  if (positionals.length !== 1 || !values.out) throw new GuzhengError('E_USAGE', '请给出一个证据或案件编号，以及 --out 文件名', 'Give one item or case id and --out FILE', EXPORT_HELP);
  const out = resolve(values.out);
  return withVault(async (vault) => {
    if (!values.json) process.stderr.write('正在导出证据包… / exporting the package…\n');
    const r = await exportEvidence(vault, positionals[0]!, out);
    if (values.json) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      process.stdout.write(`✔ 已导出 / exported: ${r.file}\n  ${r.items.length} 件证据 / item(s)，${r.size} 字节 / bytes\n  SHA-256 ${r.sha256}\n`);
      for (const s of r.skipped) process.stdout.write(`  未导出 / not exported: ${s.item}（${s.status}）\n`);
    }
    return 0;
  });
}
