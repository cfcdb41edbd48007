/** guzheng verifier --out verify.html: writes the standalone verifier page (the one in every package). */
import { copyFile, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { verifierPagePath } from '../tool.js';
import { parseCommandArgs } from './output.js';

export const VERIFIER_HELP = `用法 / usage: guzheng verifier --out verify.html
  写出离线核对页面：用浏览器打开，拖入 .wacz 证据包即可核对 / write the offline verifier page: open it in a browser and drop a .wacz onto it`;

export async function runVerifier(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } }, VERIFIER_HELP);
  if (!values.out || positionals.length) throw new GuzhengError('E_USAGE', '请给出 --out 文件名', 'Give --out FILE', VERIFIER_HELP);
  const out = resolve(values.out);
  try {
    await copyFile(verifierPagePath(), out, constants.COPYFILE_EXCL);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new GuzhengError('E_EXISTS', `文件已存在，不会覆盖：${out}`, `The file exists and is not overwritten: ${out}`);
    throw new GuzhengError('E_STORE', `无法写出核对页面：${out}`, `Cannot write the verifier page: ${out}`, code);
  }
  process.stdout.write(`✔ 已写出核对页面 / verifier page written: ${out}\n`);
  return 0;
}
