/**
 * guzheng verify --timestamp TOKEN --data FILE [--ca PEM…] [--json]
 * Checks an RFC 3161 timestamp (a TimeStampResp or a bare token) against the data it should be about, offline.
 * Exit 0 valid, 1 invalid, 2 cannot read.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';

export const VERIFY_HELP = `用法 / usage: guzheng verify --timestamp 令牌 TOKEN --data 数据 FILE [--ca 根证书 PEM/DER …] [--json]

  核对一个 RFC 3161 时间戳（TimeStampResp 或单独的令牌）：状态、数据摘要、签名、时间戳用途、在签发时刻可追溯到的根证书。
  Checks an RFC 3161 timestamp: status, imprint, signature, time-stamping usage, and the chain at the token's genTime.
  退出码 / exit codes: 0 有效 valid · 1 无效 invalid · 2 无法读取 cannot read`;

async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new GuzhengError('E_UNREADABLE', `无法读取${what}：${path}`, `Cannot read the ${what === '时间戳' ? 'timestamp' : what === '数据' ? 'data' : 'certificate'} file: ${path}`, (err as NodeJS.ErrnoException).code);
  }
}

export async function runVerify(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { timestamp: { type: 'string' }, data: { type: 'string' }, ca: { type: 'string', multiple: true }, json: { type: 'boolean' } } });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, VERIFY_HELP);
  }
  const { values } = parsed;
  if (!values.timestamp || !values.data) {
    throw new GuzhengError('E_USAGE', '目前 verify 只支持核对时间戳：请给出 --timestamp 和 --data', 'verify checks timestamps so far: give --timestamp and --data', VERIFY_HELP);
  }
  const [{ verifyTimestamp }, { parseCertificates }] = await Promise.all([import('../seal/timestamp/verify.js'), import('../seal/timestamp/parse.js')]);
  const token = await readInput(values.timestamp, '时间戳');
  const data = await readInput(values.data, '数据');
  const certificates = [];
  for (const path of values.ca ?? []) {
    try {
      certificates.push(...(await parseCertificates(await readInput(path, '证书'))));
    } catch (err) {
      if (err instanceof GuzhengError) throw err;
      throw new GuzhengError('E_UNREADABLE', `无法解析证书文件：${path}`, `Cannot parse the certificate file: ${path}`, (err as Error).message);
    }
  }
  let result;
  try {
    result = await verifyTimestamp({ token, data, certificates });
  } catch (err) {
    throw new GuzhengError('E_UNREADABLE', `无法解析时间戳：${values.timestamp}（不是 RFC 3161 的 TimeStampResp 或令牌）`,
      `Cannot parse the timestamp: ${values.timestamp} (not an RFC 3161 TimeStampResp or token)`, (err as Error).message);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ valid: result.valid, checks: result.checks.map(({ name, ok, detail }) => ({ name, ok, detail })),
      genTime: result.genTime, policy: result.policy, serialNumber: result.serialNumber, hashAlgorithm: result.hashAlgorithm, tsa: result.tsaCertificate }) + '\n');
  } else {
    process.stdout.write(`${result.valid ? '✔ 时间戳有效 / timestamp valid' : '✘ 时间戳无效 / timestamp NOT valid'}${result.genTime ? `  genTime ${result.genTime}` : ''}\n`);
    for (const c of result.checks) process.stdout.write(`  ${c.ok ? '✔' : '✘'} ${c.name}: ${c.zh}\n      ${c.detail}\n`);
  }
  return result.valid ? 0 : 1;
}
