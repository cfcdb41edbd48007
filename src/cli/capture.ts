/** guzheng capture <url…> [--out DIR] [--no-video] [--insecure] [--timeout S] [--max-size MB] [--json] */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { parseTargetUrl } from '../capture/url.js';
import { optionsFromEnv, resolveOptions, type CaptureOptions } from '../capture/options.js';
import { captureUrls } from '../capture/session.js';
import { FolderStore } from '../vault/folder-store.js';
import { dataHome } from '../vault/home.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import type { CaptureStore } from '../vault/store.js';
import { captureHuman, captureJson, exitCodeFor } from './output.js';

export const CAPTURE_HELP = `用法 / usage: guzheng capture <网址 url…> [选项 options]

  --case 编号      存入该案件（默认：默认案件）/ put the captures in this case (default: the default case)
  --out DIR        只把取证结果写入文件夹 DIR，不进证据库（默认：数据文件夹 ~/.guzheng 或 GUZHENG_HOME）
                   write captures into folder DIR instead of the vault (default: the vault in the data folder)
  --login 平台     用 guzheng login 保存的登录取证（秘密会被替换为 SHA-256 标记）
                   capture logged in, with the login saved by guzheng login (secrets replaced by SHA-256 markers)
  --comments N     在平台帖子上加载约 N 条评论，并展开回复、打开公开的转发列表（默认 20；0 = 不加载）
                   on a platform's post, load about N comments, open their replies and the public repost list (default 20; 0 = none)
  --no-video       不录制视频 / do not record a video of the visit
  --insecure       忽略 HTTPS 证书错误（会被记录）/ proceed past TLS errors (recorded)
  --timeout S      页面加载最长等待秒数（默认 30）/ page load timeout in seconds (default 30)
  --max-size MB    记录的网络数据上限（默认 512）/ cap on recorded bytes in MB (default 512)
  --concurrency N  同时取证的页面数（默认 2）/ pages captured at once (default 2)
  --json           每个网址输出一行 JSON / one JSON object per URL

退出码 / exit codes: 0 全部完成 all COMPLETE · 3 有部分完成 any PARTIAL · 1 有失败 any FAILED · 2 用法错误 usage error`;

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new GuzhengError('E_USAGE', `选项 ${name} 需要一个正数，而不是“${value}”`, `Option ${name} needs a positive number, not "${value}"`);
  return n;
}

/** Measured on 2 cores (bench/capture): two pages at once give ~1.4× the throughput of one; more give nothing. */
const DEFAULT_CONCURRENCY = 2;

export interface CaptureCommandInput {
  urls: URL[];
  out?: string;
  caseRef?: string;
  login?: string;
  json: boolean;
  options: CaptureOptions;
  concurrency: number;
}

export function parseCaptureArgs(args: string[]): CaptureCommandInput {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      out: { type: 'string' }, case: { type: 'string' }, login: { type: 'string' }, 'no-video': { type: 'boolean' }, insecure: { type: 'boolean' }, json: { type: 'boolean' },
      timeout: { type: 'string' }, comments: { type: 'string' }, 'max-size': { type: 'string' }, concurrency: { type: 'string' },
    } });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, CAPTURE_HELP);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new GuzhengError('E_USAGE', '请至少给出一个网址', 'Give at least one URL', CAPTURE_HELP);
  if (values.out && values.case) throw new GuzhengError('E_USAGE', '--out 和 --case 只能选一个：--out 写入文件夹，不进证据库', '--out and --case exclude each other: --out writes a folder outside the vault', CAPTURE_HELP);
  const urls = positionals.map(parseTargetUrl);
  const timeout = positiveNumber(values.timeout, '--timeout');
  const maxSize = positiveNumber(values['max-size'], '--max-size');
  const comments = values.comments === undefined ? undefined : Number(values.comments);
  if (comments !== undefined && !(Number.isInteger(comments) && comments >= 0 && comments <= 1000)) {
    throw new GuzhengError('E_USAGE', `--comments 应为 0 到 1000 的整数，收到 "${values.comments}"`, `--comments must be a whole number from 0 to 1000, got "${values.comments}"`, CAPTURE_HELP);
  }
  const options = resolveOptions(optionsFromEnv(), {
    seal: { home: dataHome(), tsas: tsaList(), timeoutMs: 15_000 },
    video: !values['no-video'],
    insecure: Boolean(values.insecure),
    ...(comments !== undefined ? { comments } : {}),
    ...(timeout ? { loadTimeoutMs: timeout * 1000, totalTimeoutMs: Math.max(120_000, timeout * 4000) } : {}),
    ...(maxSize ? { maxTotalBytes: Math.round(maxSize * 1024 * 1024), maxResourceBytes: Math.round(maxSize * 1024 * 1024) } : {}),
  });
  return { urls, out: values.out, caseRef: values.case, login: values.login, json: Boolean(values.json), options, concurrency: positiveNumber(values.concurrency, '--concurrency') ?? DEFAULT_CONCURRENCY };
}

export async function openStore(out: string | undefined, caseRef?: string): Promise<CaptureStore> {
  if (out) return new FolderStore(resolve(out));
  const [{ Vault }, { VaultStore }] = await Promise.all([import('../vault/vault.js'), import('../vault/vault-store.js')]);
  const vault = await Vault.open(dataHome());
  try {
    const kase = caseRef ? await vault.findCase(caseRef) : await vault.defaultCase();
    return new VaultStore(vault, kase.id);
  } catch (err) {
    await vault.close();
    throw err;
  }
}

export async function runCapture(args: string[]): Promise<number> {
  const input = parseCaptureArgs(args);
  if (input.login) {
    const [{ loadLogin, refreshFromProfile }, { findBrowser }, { launchPersistent }] = await Promise.all([import('../vault/logins.js'), import('../capture/browser/discover.js'), import('../capture/browser/launch.js')]);
    input.options.login = await refreshFromProfile(dataHome(), await loadLogin(dataHome(), input.login), async (copy) => {
      const context = await launchPersistent(findBrowser(), copy);
      try {
        return await context.storageState();
      } finally {
        await context.close();
      }
    });
  }
  const store = await openStore(input.out, input.caseRef);
  try {
    for (const r of (await store.markInterrupted?.()) ?? []) {
      process.stderr.write(`注意：${r.started_at} 开始的取证（${r.url}）被中断，没有完成；已记录的内容原样保留在 ${r.tmpDir}，不是完整的证据。\n` +
        `Note: the capture of ${r.url} started ${r.started_at} was interrupted and did not finish; what it recorded is left as it was in ${r.tmpDir} and is not complete evidence.\n`);
    }
    if (!input.json) process.stderr.write(`正在取证 ${input.urls.length} 个网址… / Capturing ${input.urls.length} URL(s)…\n`);
    const outcomes = await captureUrls(input.urls, store, input.options, (o) => {
      process.stdout.write((input.json ? JSON.stringify(captureJson(o)) : captureHuman(o)) + '\n');
    }, Math.floor(input.concurrency));
    // A capture that got a timestamp shows the TSAs are reachable: complete the seals of earlier captures that wait.
    if (store.completePendingSeals && input.options.seal && outcomes.some((o) => o.seal?.state === 'timestamped')) {
      for (const done of await store.completePendingSeals(input.options.seal)) {
        if (done.state === 'timestamped') process.stderr.write(`已为之前等待时间戳的证据 ${done.item} 补上时间戳 / an earlier capture awaiting a timestamp is now timestamped: ${done.item}\n`);
      }
    }
    return exitCodeFor(outcomes);
  } finally {
    await store.close();
  }
}
