/** guzheng capture <url…> [--out DIR] [--no-video] [--insecure] [--timeout S] [--max-size MB] [--json] */
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';
import { capture, planCapture, type CapturePlan } from '../actions/capture.js';
import { dataHome, vaultOptions } from '../vault/home.js';
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

export interface CaptureCommandInput {
  plan: CapturePlan;
  out?: string;
  caseRef?: string;
  json: boolean;
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
  const plan = withHelp(() => planCapture({ urls: positionals, video: !values['no-video'], insecure: values.insecure, comments: values.comments, timeout: values.timeout,
    maxSize: values['max-size'], concurrency: values.concurrency, login: values.login }, dataHome()));
  return { plan, out: values.out, caseRef: values.case, json: Boolean(values.json) };
}

/** A usage error from the action, with this command's help. */
function withHelp<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof GuzhengError && err.code === 'E_USAGE' && !err.detail) throw new GuzhengError(err.code, err.zh, err.en, CAPTURE_HELP);
    throw err;
  }
}

export async function runCapture(args: string[]): Promise<number> {
  const input = parseCaptureArgs(args);
  const home = dataHome();
  const vault = input.out ? null : await (await import('../vault/vault.js')).Vault.open(home, vaultOptions());
  try {
    const target = vault ? { vault, caseId: (input.caseRef ? await vault.findCase(input.caseRef) : await vault.defaultCase()).id } : { folder: input.out! };
    if (!input.json) process.stderr.write(`正在取证 ${input.plan.urls.length} 个网址… / Capturing ${input.plan.urls.length} URL(s)…\n`);
    const outcomes = await capture(input.plan, target, home, (e) => {
      if (e.type === 'interrupted') {
        const r = e.capture;
        process.stderr.write(`注意：${r.started_at} 开始的取证（${r.url}）被中断，没有完成；已记录的内容原样保留在 ${r.tmpDir}，不是完整的证据。\n` +
          `Note: the capture of ${r.url} started ${r.started_at} was interrupted and did not finish; what it recorded is left as it was in ${r.tmpDir} and is not complete evidence.\n`);
      } else if (e.type === 'done') {
        process.stdout.write((input.json ? JSON.stringify(captureJson(e.outcome)) : captureHuman(e.outcome)) + '\n');
      } else if (e.type === 'seal-completed' && e.state === 'timestamped') {
        process.stderr.write(`已为之前等待时间戳的证据 ${e.item} 补上时间戳 / an earlier capture awaiting a timestamp is now timestamped: ${e.item}\n`);
      }
    }, { reportInterrupted: true });
    return exitCodeFor(outcomes);
  } finally {
    await vault?.close();
  }
}
