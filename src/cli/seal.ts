/**
 * guzheng seal --pending [--json]      timestamp every capture in the data folder that is awaiting a timestamp
 * guzheng seal <capture folder…>       the same for capture folders written with --out
 * Exit 0 when all are timestamped, 1 when some still await a timestamp (no TSA reachable), 2 for usage errors.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';
import { dataHome } from '../vault/home.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import { timestampSeal, type SealSummary } from '../seal/seal.js';

export const SEAL_HELP = `用法 / usage: guzheng seal --pending [--json] | guzheng seal <取证文件夹 capture folder…> [--json]
  为“等待时间戳”的取证补上可信时间戳 / add trusted timestamps to captures awaiting one`;

export async function runSeal(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { pending: { type: 'boolean' }, json: { type: 'boolean' } } });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, SEAL_HELP);
  }
  const { values, positionals } = parsed;
  if (!values.pending && positionals.length === 0) throw new GuzhengError('E_USAGE', '请给出 --pending 或取证文件夹', 'Give --pending or capture folders', SEAL_HELP);
  const config = { home: dataHome(), tsas: tsaList(), timeoutMs: 15_000 };
  const targets = positionals.map((p) => ({ dir: resolve(p) }));
  for (const t of targets) {
    if (!existsSync(join(t.dir, 'seal', 'signature.json'))) {
      throw new GuzhengError('E_UNREADABLE', `不是已签名的取证文件夹：${t.dir}`, `Not a signed capture folder: ${t.dir}`);
    }
  }
  const vault = values.pending ? await (await import('../vault/vault.js')).Vault.open(dataHome()) : null;
  try {
    let waiting = 0;
    const report = (dir: string | null, item: string | null, state: string, count: number, attempts: SealSummary['attempts']) => {
      if (state !== 'timestamped') waiting++;
      if (values.json) process.stdout.write(JSON.stringify({ dir, ...(item ? { item } : {}), seal: state, timestamps: count, attempts }) + '\n');
      else process.stdout.write(state === 'timestamped'
        ? `✔ 已加盖 ${count} 个可信时间戳 / ${count} trusted timestamp(s): ${dir}\n`
        : `◐ 仍在等待时间戳（没有连上时间戳服务）/ still awaiting a timestamp (no TSA reachable): ${dir}\n    ${attempts.map((a) => `${a.url}: ${a.error}`).join('; ')}\n`);
    };
    for (const t of targets) {
      const summary = await timestampSeal(t.dir, config);
      report(t.dir, null, summary.state, summary.timestamps.length, summary.attempts);
    }
    const pending = vault ? await (await import('../vault/pending-seals.js')).completePendingSeals(vault, config) : [];
    for (const p of pending) report(p.dir, p.item, p.state, p.timestamps, p.attempts);
    if (!values.json && targets.length + pending.length === 0) process.stdout.write('没有等待时间戳的取证 / nothing is awaiting a timestamp\n');
    return waiting ? 1 : 0;
  } finally {
    await vault?.close();
  }
}
