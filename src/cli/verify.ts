/**
 * guzheng verify <file.wacz|capture folder> [--sm3] [--json]   an evidence package or a capture folder, offline
 * guzheng verify --timestamp TOKEN --data FILE [--ca PEM…] [--json]
 *   an RFC 3161 timestamp (a TimeStampResp or a bare token) against the data it should be about
 * Exit 0 valid, 1 invalid, 2 cannot read.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';
import { printChecks } from './output.js';

export const VERIFY_HELP = `用法 / usage: guzheng verify <证据包 file.wacz | 取证文件夹 folder> [--sm3] [--json]
  离线核对证据包或取证文件夹：每个文件的哈希、签名、可信时间戳、保管记录、有无增删。
  Checks a package or capture folder offline: every file's hash, signatures, timestamps, custody log, nothing added or removed.
  --sm3   同时核对 SM3（约为 SHA-256 速度的四分之一，所以默认不做）/ also check SM3 (about a quarter of SHA-256's speed, so not by default)

用法 / usage: guzheng verify --timestamp 令牌 TOKEN --data 数据 FILE [--ca 根证书 PEM/DER …] [--json]

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
    parsed = parseArgs({ args, allowPositionals: true, options: { timestamp: { type: 'string' }, data: { type: 'string' }, ca: { type: 'string', multiple: true }, json: { type: 'boolean' }, sm3: { type: 'boolean' } } });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, VERIFY_HELP);
  }
  const { values, positionals } = parsed;
  if (!values.timestamp && positionals.length === 1) return verifyPath(positionals[0]!, Boolean(values.json), Boolean(values.sm3));
  if (!values.timestamp || !values.data || positionals.length) {
    throw new GuzhengError('E_USAGE', '请给出一个证据包或取证文件夹，或者 --timestamp 和 --data', 'Give one package or capture folder, or --timestamp and --data', VERIFY_HELP);
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

async function verifyPath(path: string, json: boolean, sm3: boolean): Promise<number> {
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new GuzhengError('E_UNREADABLE', `无法读取：${path}`, `Cannot read: ${path}`, err.code);
  });
  if (st.isDirectory()) {
    if (!(await stat(join(path, 'manifest.json')).catch(() => null))) throw new GuzhengError('E_UNREADABLE', `不是取证文件夹（没有 manifest.json）：${path}`, `Not a capture folder (no manifest.json): ${path}`);
    const { verifyFolder } = await import('../package/verify-folder.js');
    const checks = await verifyFolder(path, { sm3 });
    return printChecks(checks, json, { zh: '取证文件夹核对', en: 'capture folder check' }) ? 0 : 1;
  }
  const [{ openZipPackage }, { verifyPackage }, { nodeItemCryptography }] = await Promise.all([
    import('../package/zip-reader.js'), import('../package/verify-package.js'), import('../seal/node-crypto.js')]);
  const reader = await openZipPackage(path);
  try {
    const r = await verifyPackage(reader, { sm3, cryptography: (pems) => nodeItemCryptography(pems) });
    if (!json && !sm3) process.stderr.write('未核对 SM3（较慢）；需要时加 --sm3 / SM3 not checked (slower); add --sm3 to check it\n');
    return printChecks(r.checks, json, { zh: '证据包核对', en: 'package check' }, { signedBy: r.signedBy, items: r.items, sm3 }) ? 0 : 1;
  } finally {
    reader.close();
  }
}
