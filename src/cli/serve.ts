/** guzheng serve: the organisation's witness server (src/server/), its address on the first line of standard output. */
import { GuzhengError } from '../errors.js';
import { dataHome, vaultOptions } from '../vault/home.js';
import { safeDbUrl } from '../vault/db.js';
import { parseCommandArgs } from './output.js';

export const SERVE_HELP = `用法 / usage: guzheng serve --db postgres://… [--blobs s3://存储桶/前缀 --endpoint 网址] [--listen 主机:端口]
  启动组织的见证服务器：网页界面和 API，需要登录。启动后第一行输出其网址。
  Starts the organisation's witness server: the web interface and the API, with sign-in. Its address is the first
  line it prints.
  --db URL         PostgreSQL 数据库（也可用 GUZHENG_DB）/ the PostgreSQL database (or GUZHENG_DB)
  --blobs s3://…   证据文件所在的存储桶（也可用 GUZHENG_BLOBS；不给则用数据文件夹）/ the bucket for the evidence files
                   (or GUZHENG_BLOBS; the data folder when not given). 凭据来自 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY 和
                   AWS_REGION / credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION
  --endpoint URL   S3 兼容服务的地址（阿里云 OSS、腾讯云 COS、MinIO…）/ the S3-compatible service (Aliyun OSS, Tencent COS, MinIO…)
  --listen H:P     监听地址（默认 127.0.0.1:8080）/ where to listen (default 127.0.0.1:8080)
  环境变量 GUZHENG_KEY_SECRET（与工作进程相同）保护组织的签名密钥 / GUZHENG_KEY_SECRET (the same as the workers')
  protects the organisations' signing keys; GUZHENG_SSRF_ALLOW 放行内部网站 / opens internal sites to captures;
  GUZHENG_CACHE_MAX_GB 本机缓存的上限（默认 10 GB）/ the most this machine's cache of the bucket holds (default 10 GB)
  部署指南 / deployment guide: docs/deploy.md. 用户、令牌和配额由 guzheng admin 管理 / users, tokens and quotas: guzheng admin`;

export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-f:]+)\]|([^:]+)):(\d{1,5})$/i.exec(value) ?? /^()()(\d{1,5})$/.exec(value);
  const port = Number(m?.[3]);
  if (!m || !Number.isInteger(port) || port > 65535) {
    throw new GuzhengError('E_USAGE', `--listen 应为 主机:端口，例如 127.0.0.1:8080 或 0.0.0.0:443：${value}`, `--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:443: ${value}`, SERVE_HELP);
  }
  return { host: m[1] || m[2] || '127.0.0.1', port };
}

export async function runServe(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { db: { type: 'string' }, blobs: { type: 'string' }, endpoint: { type: 'string' }, listen: { type: 'string' } }, SERVE_HELP);
  const options = vaultOptions({ db: values.db, blobs: values.blobs, endpoint: values.endpoint });
  if (!options.db) throw new GuzhengError('E_USAGE', '组织服务器需要 PostgreSQL：请用 --db postgres://… 给出', 'The organisation server needs PostgreSQL: give it with --db postgres://…', SERVE_HELP);
  if (!/^postgres(ql)?:\/\//.test(options.db)) throw new GuzhengError('E_USAGE', `--db 应为 postgres:// 网址：${safeDbUrl(options.db)}`, `--db must be a postgres:// URL: ${safeDbUrl(options.db)}`, SERVE_HELP);
  const { host, port } = parseListen(values.listen ?? '127.0.0.1:8080');
  const { startServer } = await import('../server/serve.js');
  const server = await startServer({ home: dataHome(), vault: options, host, port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new GuzhengError('E_USAGE', `${host}:${port} 已被占用`, `${host}:${port} is in use`);
    if (err.code === 'EADDRNOTAVAIL') throw new GuzhengError('E_USAGE', `本机没有地址 ${host}`, `This machine has no address ${host}`);
    throw err;
  });
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`固证见证服务器已启动 / the guzheng witness server is running: ${server.url}（数据库 / database ${safeDbUrl(options.db)}${options.blobs ? `，存储桶 / bucket ${options.blobs.location}` : ''}）\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('正在关闭… / stopping…\n');
  await Promise.race([server.close(), new Promise((r) => setTimeout(r, 5000))]);
  return 0;
}
