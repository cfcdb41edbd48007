/** guzheng worker: does the organisation server's queued captures and exports (src/server/worker.ts). */
import { GuzhengError } from '../errors.js';
import { dataHome, vaultOptions } from '../vault/home.js';
import { safeDbUrl } from '../vault/db.js';
import { parseCommandArgs } from './output.js';

export const WORKER_HELP = `用法 / usage: guzheng worker --db postgres://… [--blobs s3://存储桶/前缀 --endpoint 网址] [--concurrency N]
  从组织服务器的队列中领取取证和导出任务并完成它们。可在任意多台机器上启动任意多个。
  Takes the organisation server's captures and exports from its queue and does them. Start any number, on any
  number of machines, with the same --db and --blobs as guzheng serve.
  --concurrency N  同时进行的取证数（默认按本机内存，每个约 700 MB，最多 4）/ captures at once (default: by this
                   machine's memory, about 700 MB each, at most 4)
  需要环境变量 GUZHENG_KEY_SECRET（与 serve 相同），用于打开组织的签名密钥 / needs GUZHENG_KEY_SECRET (the same as serve's)
  to open the organisations' signing keys. 取证不访问内部地址；GUZHENG_SSRF_ALLOW 可放行 / captures reach no internal
  address; GUZHENG_SSRF_ALLOW opens some (host[:port] or CIDR, comma-separated).
  本机缓存（数据文件夹中的 blobs/，证据都在存储桶中）保持在 GUZHENG_CACHE_MAX_GB 以内（默认 10 GB）/ this machine's cache
  (blobs/ in the data folder; the evidence is all in the bucket) stays under GUZHENG_CACHE_MAX_GB (default 10 GB)`;

export async function runWorker(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { db: { type: 'string' }, blobs: { type: 'string' }, endpoint: { type: 'string' }, concurrency: { type: 'string' } }, WORKER_HELP);
  const options = vaultOptions({ db: values.db, blobs: values.blobs, endpoint: values.endpoint });
  if (!options.db || !/^postgres(ql)?:\/\//.test(options.db)) {
    throw new GuzhengError('E_USAGE', '工作进程需要组织服务器的 PostgreSQL：请用 --db postgres://… 给出', "The worker needs the organisation server's PostgreSQL: give it with --db postgres://…", WORKER_HELP);
  }
  const { startWorker, defaultConcurrency } = await import('../server/worker.js');
  const concurrency = values.concurrency === undefined ? defaultConcurrency() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new GuzhengError('E_USAGE', `--concurrency 应为 1 到 32 的整数：${values.concurrency}`, `--concurrency must be a whole number from 1 to 32: ${values.concurrency}`, WORKER_HELP);
  }
  const worker = await startWorker({ home: dataHome(), vault: options, concurrency, log: (l) => process.stderr.write(`${new Date().toISOString()} ${l}\n`) });
  process.stdout.write(`${worker.name}\n`);
  process.stderr.write(`固证工作进程已启动 / the guzheng worker is running: ${worker.name}，同时 ${concurrency} 个取证 / ${concurrency} capture(s) at once（数据库 / database ${safeDbUrl(options.db)}）\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('正在结束：做完手头的任务… / stopping: finishing the jobs in hand…\n');
  await worker.stop();
  return 0;
}
