/** guzheng import <file|folder…> [--case ID] [--tz ZONE] [--carrier carrier.json] [--json] */
import { readFile } from 'node:fs/promises';
import { GuzhengError } from '../errors.js';
import { importFiles, planImport } from '../actions/imports.js';
import type { ImportOutcome } from '../imports/import.js';
import { SUPPORTED } from '../imports/detect.js';
import { dataHome } from '../vault/home.js';
import { parseCommandArgs, withVault } from './output.js';

export const IMPORT_HELP = `用法 / usage: guzheng import <文件或文件夹 file|folder…> [选项 options]

  把截图、照片等文件连同来源信息导入证据库：原始文件原样保存，计算 SHA-256 和 SM3，读出元数据并核对，签名并加盖时间戳。
  Bring files into the vault with their provenance: the original kept unchanged, hashed (SHA-256, SM3), its metadata
  read and checked, signed and timestamped like a capture.
  支持 / supported: ${SUPPORTED.zh} / ${SUPPORTED.en}

  --case 编号          存入该案件（默认：默认案件）/ put the imports in this case (default: the default case)
  --tz 时区            文件里没有写明时区的时间按此理解（默认 Asia/Shanghai）/ zone for times stated without one (default Asia/Shanghai)
  --carrier f.json     来源说明 / where it came from: {"device", "os", "app", "appVersion", "account",
                       "exportedBy", "exportedAt", "originalKeptAt", "note"}
  --json               每个文件输出一行 JSON / one JSON object per file

退出码 / exit codes: 0 全部导入 all imported · 3 有部分导入 any PARTIAL · 1 有文件无法导入 any file not imported · 2 用法错误 usage error`;

const MARK = { COMPLETE: '✔', PARTIAL: '◐', duplicate: '=', error: '✘', FAILED: '✘' } as const;
const STATUS = { COMPLETE: '已导入 / imported', PARTIAL: '部分导入 / PARTIAL', duplicate: '已在证据库中 / already in the vault', error: '未导入 / NOT imported', FAILED: '失败 / FAILED' } as const;

function human(o: ImportOutcome): string {
  const lines = [`${MARK[o.status]} ${STATUS[o.status]}  ${o.file}`];
  if (o.kind) lines.push(`  类型 / kind: ${o.kind} (${o.format})`);
  if (o.item) lines.push(`  证据编号 / item: ${o.item}（案件 / case ${o.case}）`);
  if (o.dir) lines.push(`  文件夹 / folder: ${o.dir}`);
  if (o.seal === 'timestamped') lines.push('  封存 / seal: 已签名并加盖可信时间戳 / signed and timestamped');
  else if (o.seal === 'awaiting-timestamp') lines.push('  封存 / seal: 已签名，等待可信时间戳 / signed, AWAITING a trusted timestamp');
  else if (o.seal === 'unsealed') lines.push('  封存失败 / NOT sealed');
  for (const c of o.checks) if (c.result === 'flag') lines.push(`  ⚑ 请核查 / look at this: ${c.zh}`, `    ${c.en}`);
  for (const r of o.reasons) lines.push(`  原因 / reason [${r.code}]: ${r.zh}`, `    ${r.en}`);
  if (o.error) lines.push(`  错误 / error [${o.error.code}]: ${o.error.zh}`, `    ${o.error.en}`);
  return lines.join('\n');
}

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { case: { type: 'string' }, tz: { type: 'string' }, carrier: { type: 'string' }, json: { type: 'boolean' } }, IMPORT_HELP);
  if (!positionals.length) throw new GuzhengError('E_USAGE', '请至少给出一个文件或文件夹', 'Give at least one file or folder', IMPORT_HELP);
  let carrier: unknown;
  if (values.carrier) {
    const text = await readFile(values.carrier, 'utf8').catch(() => { throw new GuzhengError('E_NOT_FOUND', `找不到来源说明文件：${values.carrier}`, `No carrier file: ${values.carrier}`); });
    try {
      carrier = JSON.parse(text);
    } catch (err) {
      throw new GuzhengError('E_USAGE', `来源说明文件不是有效的 JSON：${(err as Error).message}`, `The carrier file is not valid JSON: ${(err as Error).message}`);
    }
  }
  const plan = await planImport({ paths: positionals, tz: values.tz, carrier });
  const json = Boolean(values.json);
  const outcomes = await withVault((vault) => {
    if (!json) process.stderr.write(`正在导入 ${plan.files.length} 个文件… / Importing ${plan.files.length} file(s)…\n`);
    return importFiles(vault, dataHome(), values.case ?? null, plan, (e) => {
      if (e.type === 'done') process.stdout.write((json ? JSON.stringify(e.outcome) : human(e.outcome)) + '\n');
    });
  });
  if (outcomes.some((o) => o.status === 'error')) return 1;
  if (outcomes.some((o) => o.status === 'PARTIAL')) return 3;
  return 0;
}
