/**
 * guzheng seal --pending [--json]      timestamp every capture in the data folder that is awaiting a timestamp
 * guzheng seal <capture folder…>       the same for capture folders written with --out
 * Exit 0 when all are timestamped, 1 when some still await a timestamp (no TSA reachable), 2 for usage errors.
 */
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';
import { dataHome, vaultOptions } from '../vault/home.js';
import { timestampFolders, timestampPending } from '../actions/care.js';
import type { PendingSealResult } from '../vault/store.js';

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
  const home = dataHome();
  const results: PendingSealResult[] = await timestampFolders(positionals, home);
  if (values.pending) {
    const vault = await (await import('../vault/vault.js')).Vault.open(home, vaultOptions());
    try {
      results.push(...await timestampPending(vault, home));
    } finally {
      await vault.close();
    }
  }
  for (const r of results) {
    if (values.json) process.stdout.write(JSON.stringify({ dir: r.dir, ...(r.item ? { item: r.item } : {}), seal: r.state, timestamps: r.timestamps, attempts: r.attempts }) + '\n');
    else process.stdout.write(r.state === 'timestamped'
      ? `✔ 已加盖 ${r.timestamps} 个可信时间戳 / ${r.timestamps} trusted timestamp(s): ${r.dir}\n`
      : `◐ 仍在等待时间戳（没有连上时间戳服务）/ still awaiting a timestamp (no TSA reachable): ${r.dir}\n    ${r.attempts.map((a) => `${a.url}: ${a.error}`).join('; ')}\n`);
  }
  if (!values.json && results.length === 0) process.stdout.write('没有等待时间戳的取证 / nothing is awaiting a timestamp\n');
  return results.some((r) => r.state !== 'timestamped') ? 1 : 0;
}
