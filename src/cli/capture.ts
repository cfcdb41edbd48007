/** guzheng capture <url…> [--out DIR] [--no-video] [--insecure] [--timeout S] [--max-size MB] [--json] */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { parseTargetUrl } from '../capture/url.js';
import { optionsFromEnv, resolveOptions, type CaptureOptions } from '../capture/options.js';
import { captureUrls } from '../capture/session.js';
import { FolderStore } from '../vault/folder-store.js';
import { LocalStore } from '../vault/local-store.js';
import { dataHome } from '../vault/home.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import type { CaptureStore } from '../vault/store.js';
import { captureHuman, captureJson, exitCodeFor } from './output.js';

export const CAPTURE_HELP = `用法 / usage: guzheng capture <网址 url…> [选项 options]

  --out DIR        把取证结果写入 DIR（默认：数据文件夹 ~/.guzheng 或 GUZHENG_HOME）
                   write captures into DIR (default: the data folder)
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
  json: boolean;
  options: CaptureOptions;
  concurrency: number;
}

export function parseCaptureArgs(args: string[]): CaptureCommandInput {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      out: { type: 'string' }, 'no-video': { type: 'boolean' }, insecure: { type: 'boolean' }, json: { type: 'boolean' },
      timeout: { type: 'string' }, 'max-size': { type: 'string' }, concurrency: { type: 'string' },
    } });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, CAPTURE_HELP);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new GuzhengError('E_USAGE', '请至少给出一个网址', 'Give at least one URL', CAPTURE_HELP);
  const urls = positionals.map(parseTargetUrl);
  const timeout = positiveNumber(values.timeout, '--timeout');
  const maxSize = positiveNumber(values['max-size'], '--max-size');
  const options = resolveOptions(optionsFromEnv(), {
    seal: { home: dataHome(), tsas: tsaList(), timeoutMs: 15_000 },
    video: !values['no-video'],
    insecure: Boolean(values.insecure),
    ...(timeout ? { loadTimeoutMs: timeout * 1000, totalTimeoutMs: Math.max(120_000, timeout * 4000) } : {}),
    ...(maxSize ? { maxTotalBytes: Math.round(maxSize * 1024 * 1024), maxResourceBytes: Math.round(maxSize * 1024 * 1024) } : {}),
  });
  return { urls, out: values.out, json: Boolean(values.json), options, concurrency: positiveNumber(values.concurrency, '--concurrency') ?? DEFAULT_CONCURRENCY };
}

export async function openStore(out: string | undefined): Promise<CaptureStore> {
  return out ? new FolderStore(resolve(out)) : LocalStore.open(dataHome());
}

export async function runCapture(args: string[]): Promise<number> {
  const input = parseCaptureArgs(args);
  const store = await openStore(input.out);
  try {
    for (const r of (await store.markInterrupted?.()) ?? []) {
      process.stderr.write(`注意：${r.started_at} 开始的取证（${r.url}）被中断，没有完成；已记录的内容原样保留在 ${r.tmpDir}，不是完整的证据。\n` +
        `Note: the capture of ${r.url} started ${r.started_at} was interrupted and did not finish; what it recorded is left as it was in ${r.tmpDir} and is not complete evidence.\n`);
    }
    if (!input.json) process.stderr.write(`正在取证 ${input.urls.length} 个网址… / Capturing ${input.urls.length} URL(s)…\n`);
    const outcomes = await captureUrls(input.urls, store, input.options, (o) => {
      process.stdout.write((input.json ? JSON.stringify(captureJson(o)) : captureHuman(o)) + '\n');
    }, Math.floor(input.concurrency));
    return exitCodeFor(outcomes);
  } finally {
    await store.close();
  }
}
