/**
 * guzheng verify <file.wacz|capture folder> [--sm3] [--require-timestamp] [--json]   a package or a folder, offline
 * guzheng verify --timestamp TOKEN --data FILE [--ca PEM…] [--json]
 *   an RFC 3161 timestamp (a TimeStampResp or a bare token) against the data it should be about
 * A package or folder is valid with its time fixed (green), intact with its time NOT fixed by a third party (amber:
 * no valid trusted timestamp yet), or invalid (red). Exit 0 valid or amber, 1 invalid (and amber with
 * --require-timestamp), 2 cannot read. With --json: {valid, state, timeFixed, requireTimestamp, checks, …}; `valid`
 * keeps its meaning (every check passed), `state` is 'valid' | 'intact-time-not-fixed' | 'invalid'.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';
import { TIME_NOT_FIXED_ADVICE, stateHeadline, type ReportCheck, type VerificationState } from '../seal/verify-item.js';
import { AMBER, BOLD, GREEN, RED, RESET, colourOn } from './output.js';
import { verifyEvidence } from '../actions/packages.js';

export const VERIFY_HELP = `用法 / usage: guzheng verify <证据包 file.wacz | 取证文件夹 folder> [--sm3] [--require-timestamp] [--json]
  离线核对证据包或取证文件夹：每个文件的哈希、签名、可信时间戳、保管记录、有无增删。
  Checks a package or capture folder offline: every file's hash, signatures, timestamps, custody log, nothing added or removed.
  结果 / result:  ✔ 绿色 全部通过，时间已由可信时间戳固定 / green: valid, time fixed by a trusted timestamp
                  ⚠ 黄色 文件完整，但时间未经第三方固定（没有可信时间戳）/ amber: intact, but the time is NOT fixed by a third party
                  ✘ 红色 未通过 / red: NOT valid
  --sm3                同时核对 SM3（约为 SHA-256 速度的四分之一，所以默认不做）/ also check SM3 (about a quarter of SHA-256's speed, so not by default)
  --require-timestamp  时间未经第三方固定也算未通过（退出码 1）/ treat a time not fixed by a third party as a failure (exit 1)

用法 / usage: guzheng verify --timestamp 令牌 TOKEN --data 数据 FILE [--ca 根证书 PEM/DER …] [--json]

  核对一个 RFC 3161 时间戳（TimeStampResp 或单独的令牌）：状态、数据摘要、签名、时间戳用途、在签发时刻可追溯到的根证书。
  Checks an RFC 3161 timestamp: status, imprint, signature, time-stamping usage, and the chain at the token's genTime.
  退出码 / exit codes: 0 有效（包括黄色：时间未经第三方固定）valid (amber included) · 1 无效，或 --require-timestamp 时时间未固定 invalid, or amber with --require-timestamp · 2 无法读取 cannot read`;

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
    parsed = parseArgs({ args, allowPositionals: true, options: { timestamp: { type: 'string' }, data: { type: 'string' }, ca: { type: 'string', multiple: true }, json: { type: 'boolean' }, sm3: { type: 'boolean' }, 'require-timestamp': { type: 'boolean' } } });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, VERIFY_HELP);
  }
  const { values, positionals } = parsed;
  if (!values.timestamp && positionals.length === 1) return verifyPath(positionals[0]!, { json: Boolean(values.json), sm3: Boolean(values.sm3), requireTimestamp: Boolean(values['require-timestamp']) });
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

interface PathOptions {
  json: boolean;
  sm3: boolean;
  requireTimestamp: boolean;
}

async function verifyPath(path: string, o: PathOptions): Promise<number> {
  const r = await verifyEvidence(path, { sm3: o.sm3 });
  if (r.kind === 'folder') return report(r, o, { zh: '取证文件夹核对', en: 'capture folder check' }, {});
  if (!o.json && !o.sm3) process.stderr.write('未核对 SM3（较慢）；需要时加 --sm3 / SM3 not checked (slower); add --sm3 to check it\n');
  return report(r, o, { zh: '证据包核对', en: 'package check' }, { timeNotFixed: r.timeNotFixed, signedBy: r.signedBy, items: r.items, sm3: o.sm3 });
}

/** Prints the report and gives the exit code: 0 valid or amber, 1 invalid or amber under --require-timestamp. */
function report(r: { valid: boolean; state: VerificationState; timeFixed: boolean; checks: ReportCheck[] }, o: PathOptions,
  what: { zh: string; en: string }, extra: Record<string, unknown>): number {
  const code = r.state === 'invalid' || (r.state === 'intact-time-not-fixed' && o.requireTimestamp) ? 1 : 0;
  if (o.json) {
    process.stdout.write(JSON.stringify({ valid: r.valid, state: r.state, timeFixed: r.timeFixed, requireTimestamp: o.requireTimestamp,
      checks: r.checks.map(({ name, ok, detail, zh, warning }) => ({ name, ok, detail, zh, ...(warning ? { warning } : {}) })), ...extra }) + '\n');
    return code;
  }
  const c = colourOn();
  const paint = (colour: string, s: string) => (c && colour ? `${colour}${s}${RESET}` : s);
  const colourOf = (state: VerificationState) => (state === 'valid' ? GREEN : state === 'invalid' ? RED : AMBER);
  const h = stateHeadline(r.state, what);
  const lines = [paint(BOLD + colourOf(r.state), `${h.mark} ${h.zh} / ${h.en}`)];
  if (r.state === 'intact-time-not-fixed') {
    lines.push(paint(AMBER, `  ${TIME_NOT_FIXED_ADVICE.zh}`), paint(AMBER, `  ${TIME_NOT_FIXED_ADVICE.en}`));
    const notFixed = extra.timeNotFixed as string[] | undefined;
    if (notFixed?.length) lines.push(paint(AMBER, `  时间未经第三方固定的证据 / items whose time is not fixed: ${notFixed.join(', ')}`));
    if (o.requireTimestamp) lines.push(paint(BOLD + RED, '✘ 要求可信时间戳（--require-timestamp），未满足 / a trusted timestamp is required (--require-timestamp) and is missing'));
  }
  for (const k of r.checks) {
    const [mark, colour] = k.warning ? ['⚠', AMBER] : k.ok ? ['✔', GREEN] : ['✘', RED];
    lines.push(`  ${paint(colour, `${mark} ${k.name}`)}: ${paint(k.warning ? AMBER : '', k.zh)}`, `      ${paint(k.warning ? AMBER : '', k.detail)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return code;
}
