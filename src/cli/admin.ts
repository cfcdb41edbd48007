/**
 * guzheng admin …: running an organisation's server, with the database's own credentials (--db postgres://…, or
 * GUZHENG_DB). Organisations, users and roles, API tokens, quotas, case members, migrations.
 */
import { GuzhengError } from '../errors.js';
import { parseCommandArgs } from './output.js';
import { safeDbUrl } from '../vault/db.js';

export const ADMIN_HELP = `用法 / usage: guzheng admin <命令 command> --db postgres://… [--json]
  admin migrate                                 建立或升级数据库表 / create or upgrade the database's tables
  admin org add <名称 NAME>                      新建组织 / add an organisation
  admin org list                                组织列表 / list organisations
  admin user add <EMAIL> --org <名称> --role owner|lawyer|staff|viewer [--password-stdin]
                                                新建用户；密码从标准输入读入（至少 12 个字符）/ add a user; the password is read from standard input (12+ characters)
  admin user password <EMAIL> --password-stdin  设置新密码（结束该用户所有登录）/ set a new password (ends the user's sessions)
  admin user role <EMAIL> --role owner|lawyer|staff|viewer
                                                改变用户的角色（下一个请求起生效）/ change a user's role (from the next request)
  admin token add --org <名称> [--user EMAIL] [--cases ID,…] [--expires 30d] [--role staff]
                                                签发 API 令牌，只显示这一次 / issue an API token, shown this once
  admin token list --org <名称>                  令牌列表（不含令牌本身）/ list tokens (never the tokens themselves)
  admin token revoke <令牌编号 TOKEN-ID>          吊销令牌 / revoke a token
  admin quota set --org <名称> [--captures-per-day N] [--storage 500GB]
                                                配额（0 或 none 为不限）/ quotas (none for no limit)
  admin member add <案件 CASE> <EMAIL>           把用户加入案件 / add a user to a case
  数据库也可由环境变量 GUZHENG_DB 给出 / the database may also come from GUZHENG_DB
  角色 / roles: owner 负责人（本组织全部案件）/ all the organisation's cases; lawyer 律师（新建案件、添加成员）/ opens cases, adds
  members; staff 工作人员（取证、导入、关注、导出）/ captures, imports, watches, exports; viewer 只读 / reads only`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new GuzhengError('E_USAGE', '--password-stdin：请把密码从标准输入传入（例如 printf %s "$PW" | guzheng admin …）', '--password-stdin: pipe the password in (e.g. printf %s "$PW" | guzheng admin …)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function runAdmin(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    db: { type: 'string' }, json: { type: 'boolean' }, org: { type: 'string' }, role: { type: 'string' }, user: { type: 'string' },
    cases: { type: 'string' }, expires: { type: 'string' }, 'password-stdin': { type: 'boolean' }, 'captures-per-day': { type: 'string' }, storage: { type: 'string' },
  }, ADMIN_HELP);
  const db = values.db ?? process.env.GUZHENG_DB;
  if (!db) throw new GuzhengError('E_USAGE', '请用 --db postgres://… 给出组织服务器的数据库', "Give the organisation server's database with --db postgres://…", ADMIN_HELP);
  if (!/^postgres(ql)?:\/\//.test(db)) throw new GuzhengError('E_USAGE', `--db 应为 postgres:// 网址：${safeDbUrl(db)}`, `--db must be a postgres:// URL: ${safeDbUrl(db)}`, ADMIN_HELP);
  const [group, verb, ...rest] = positionals;
  const out = (v: unknown, human: string) => process.stdout.write((values.json ? JSON.stringify(v) : human) + '\n');
  const needOrg = () => {
    if (!values.org) throw new GuzhengError('E_USAGE', '请用 --org 给出组织名称', 'Give the organisation with --org', ADMIN_HELP);
    return values.org;
  };
  const [{ Vault }, { dataHome }, admin] = await Promise.all([import('../vault/vault.js'), import('../vault/home.js'), import('../actions/admin.js')]);
  const known = new Set(['migrate', 'org add', 'org list', 'user add', 'user password', 'user role', 'token add', 'token list', 'token revoke', 'quota set', 'member add']);
  const command = group === 'migrate' ? 'migrate' : `${group} ${verb}`;
  if (!known.has(command)) throw new GuzhengError('E_USAGE', `未知的 admin 命令：${positionals.join(' ') || '（空）'}`, `Unknown admin command: ${positionals.join(' ') || '(none)'}`, ADMIN_HELP);
  const vault = await Vault.open(dataHome(), { db });
  try {
    switch (command) {
      case 'migrate':
        out({ migrated: true, db: safeDbUrl(db) }, `✔ 数据库已是最新 / the database is up to date: ${safeDbUrl(db)}`);
        return 0;
      case 'org add': {
        const o = await admin.addOrg(vault, rest.join(' '));
        out({ org: o.id, name: o.name }, `✔ 已新建组织 / organisation added: ${o.name} (${o.id})`);
        return 0;
      }
      case 'org list': {
        const orgs = await admin.listOrgs(vault);
        out({ orgs }, orgs.map((o) => `${o.id}  ${o.name}  配额 / quota: ${o.capturesPerDay ?? '∞'}/天 day, ${o.storageBytes ?? '∞'} bytes`).join('\n') || '还没有组织 / no organisations yet');
        return 0;
      }
      case 'user add': {
        if (!rest[0]) throw new GuzhengError('E_USAGE', '请给出用户的电子邮件', "Give the user's e-mail", ADMIN_HELP);
        if (!values.role) throw new GuzhengError('E_USAGE', '请用 --role 给出角色', 'Give the role with --role', ADMIN_HELP);
        const password = values['password-stdin'] ? await readStdin() : null;
        const u = await admin.addUser(vault, { email: rest[0], org: needOrg(), role: values.role, password });
        out({ user: u.id, email: u.email, org: u.org, role: u.role, hasPassword: u.hasPassword },
          `✔ 已新建用户 / user added: ${u.email}（${u.org}，${u.role}）${u.hasPassword ? '' : '\n  尚无密码：可用 admin user password 设置 / no password yet: set one with admin user password'}`);
        return 0;
      }
      case 'user password': {
        if (!rest[0] || !values['password-stdin']) throw new GuzhengError('E_USAGE', '用法：admin user password <EMAIL> --password-stdin', 'Usage: admin user password <EMAIL> --password-stdin', ADMIN_HELP);
        await admin.setPassword(vault, rest[0], await readStdin());
        out({ user: rest[0], passwordSet: true }, `✔ 已设置新密码 / password set: ${rest[0]}`);
        return 0;
      }
      case 'user role': {
        if (!rest[0] || !values.role) throw new GuzhengError('E_USAGE', '用法：admin user role <EMAIL> --role owner|lawyer|staff|viewer', 'Usage: admin user role <EMAIL> --role owner|lawyer|staff|viewer', ADMIN_HELP);
        const r = await admin.setRole(vault, rest[0], values.role);
        out({ user: r.email, role: r.role, was: r.was }, `✔ 角色已改变 / role changed: ${r.email}：${r.was} → ${r.role}`);
        return 0;
      }
      case 'token add': {
        const t = await admin.addToken(vault, { org: needOrg(), user: values.user ?? null, cases: values.cases ? values.cases.split(',').map((c) => c.trim()).filter(Boolean) : null,
          expires: values.expires ?? null, role: values.role ?? null });
        out(t, `${t.token}\n  令牌编号 / token id: ${t.id}（${t.org}${t.user ? `，${t.user}` : ''}，${t.role}${t.cases ? `，案件 / cases ${t.cases.join(',')}` : ''}${t.expiresAt ? `，到期 / expires ${t.expiresAt}` : ''}）\n  令牌只显示这一次，请妥善保存 / the token is shown this once: keep it safe`);
        return 0;
      }
      case 'token list': {
        const tokens = await admin.listTokens(vault, needOrg());
        out({ tokens }, tokens.map((t) => `${t.id}  ${t.user ?? '（组织 / organisation）'}  ${t.role}  ${t.revokedAt ? `已吊销 / revoked ${t.revokedAt}` : t.expiresAt ? `到期 / expires ${t.expiresAt}` : '不过期 / no expiry'}`).join('\n') || '没有令牌 / no tokens');
        return 0;
      }
      case 'token revoke': {
        if (!rest[0]) throw new GuzhengError('E_USAGE', '请给出令牌编号', 'Give the token id', ADMIN_HELP);
        const r = await admin.revokeToken(vault, rest[0]);
        out(r, `✔ 已吊销令牌 / token revoked: ${r.id}`);
        return 0;
      }
      case 'quota set': {
        const count = (v: string | undefined) => (v === undefined ? undefined : /^(none|0)$/i.test(v) ? null : Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v)
          : (() => { throw new GuzhengError('E_USAGE', `--captures-per-day 应为正整数或 none：${v}`, `--captures-per-day must be a whole number or none: ${v}`); })());
        const o = await admin.setQuota(vault, needOrg(), { capturesPerDay: count(values['captures-per-day']),
          storageBytes: values.storage === undefined ? undefined : /^(none|0)$/i.test(values.storage) ? null : admin.parseBytes(values.storage) });
        out({ org: o.name, capturesPerDay: o.capturesPerDay, storageBytes: o.storageBytes }, `✔ 配额 / quota: ${o.name}: ${o.capturesPerDay ?? '∞'} 次取证/天 captures a day, ${o.storageBytes ?? '∞'} 字节 bytes`);
        return 0;
      }
      case 'member add': {
        if (!rest[0] || !rest[1]) throw new GuzhengError('E_USAGE', '用法：admin member add <案件> <EMAIL>', 'Usage: admin member add <CASE> <EMAIL>', ADMIN_HELP);
        const m = await admin.addCaseMember(vault, rest[0], rest[1]);
        out(m, `✔ 已加入案件 / added to the case: ${m.user} → ${m.case}`);
        return 0;
      }
    }
    return 2;
  } finally {
    await vault.close();
  }
}
