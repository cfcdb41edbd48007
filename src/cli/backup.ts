/**
 * guzheng backup add <folder | s3://bucket/prefix> [--endpoint URL] [--region R]
 * guzheng backup list | run [--json]
 * guzheng scrub [--json]
 */
import { GuzhengError } from '../errors.js';
import { parseCommandArgs, printChecks, withVault } from './output.js';

export const BACKUP_HELP = `用法 / usage:
  guzheng backup add <文件夹 folder | s3://存储桶/前缀> [--endpoint 网址 URL] [--region 区域]
                 添加副本位置（S3 兼容：阿里云 OSS、腾讯云 COS、MinIO…；密钥从环境变量 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY 读取，不会保存）
                 add a copy location (S3-compatible: Aliyun OSS, Tencent COS, MinIO…; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, never stored)
  guzheng backup list            列出副本位置 / list copy locations
  guzheng backup run             把证据复制到每个副本并核对 / copy the evidence to every location and check each copy
  guzheng scrub                  重新读取所有副本，报告并修复损坏或缺失的文件 / re-read every copy, report and repair damaged or missing files`;

export async function runBackupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, endpoint: { type: 'string' }, region: { type: 'string' } }, BACKUP_HELP);
  const [sub, ...rest] = positionals;
  const [{ addReplica, replicas }, { backupNow }, { dataHome }] = await Promise.all([import('../vault/backup.js'), import('../actions/care.js'), import('../vault/home.js')]);
  return withVault(async (vault) => {
    switch (sub) {
      case 'add': {
        if (rest.length !== 1) throw new GuzhengError('E_USAGE', '请给出一个文件夹或 s3:// 位置', 'Give one folder or s3:// location', BACKUP_HELP);
        const row = await addReplica(vault, rest[0]!, { endpoint: values.endpoint, region: values.region });
        process.stdout.write(values.json ? JSON.stringify({ replica: row.id, location: row.location, endpoint: row.endpoint }) + '\n' : `✔ 已添加副本位置 / copy location added: ${row.location}\n  运行 guzheng backup run 开始复制 / run guzheng backup run to copy\n`);
        return 0;
      }
      case 'list': {
        const rows = (await replicas(vault)).map(({ row }) => row);
        if (values.json) process.stdout.write(JSON.stringify({ replicas: rows }) + '\n');
        else process.stdout.write(rows.length ? rows.map((r) => `${r.location}${r.endpoint ? `  (${r.endpoint})` : ''}`).join('\n') + '\n' : '还没有副本位置 / no copy locations yet\n');
        return 0;
      }
      case 'run': {
        const { reports, sealed } = await backupNow(vault, dataHome());
        for (const r of reports) {
          if (values.json) process.stdout.write(JSON.stringify(r) + '\n');
          else process.stdout.write(r.error ? `✘ ${r.location}: 复制失败 / copy failed: ${r.error}\n` : `✔ ${r.location}: 新复制 ${r.copied} 个文件并核对，已有 ${r.alreadyThere} 个 / ${r.copied} copied and checked, ${r.alreadyThere} already there\n`);
        }
        for (const done of sealed) {
          if (done.state === 'timestamped') process.stderr.write(`已为等待时间戳的证据 ${done.item} 补上时间戳 / timestamped an item that was awaiting one: ${done.item}\n`);
        }
        return reports.some((r) => r.error) ? 1 : 0;
      }
      default:
        throw new GuzhengError('E_USAGE', sub ? `未知的子命令“${sub}”` : '请给出 add、list 或 run', sub ? `Unknown subcommand "${sub}"` : 'Give add, list or run', BACKUP_HELP);
    }
  });
}

export async function runScrub(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, BACKUP_HELP);
  const { scrub } = await import('../vault/backup.js');
  return withVault(async (vault) => {
    const { checks } = await scrub(vault);
    return printChecks(checks, Boolean(values.json), { zh: '副本核对与修复', en: 'scrub' }) ? 0 : 1;
  });
}
