/**
 * Keeping the evidence safe, from the app: seals awaiting a timestamp, backup places and backing up, a check of the
 * whole vault, and the platform logins (a visible browser window on this machine).
 */
import { GuzhengError } from '../errors.js';
import { addBackupDestination, backupDestinations, backupNow, checkWholeVault, pendingSeals, savedLogins, timestampPending } from '../actions/care.js';
import { checkLogin, login, loginPlatforms, untilDone } from '../actions/login.js';
import type { AppContext } from './context.js';
import { any, arr, obj, str } from './openapi.js';

export function careRoutes(ctx: AppContext): void {
  const { api, vault } = ctx;

  api.route({ method: 'GET', url: '/api/seals/pending', access: { need: 'view', local: true }, tag: 'care', summary: '等待可信时间戳的证据 / items awaiting a trusted timestamp',
    responses: { 200: { description: 'items', schema: obj({ items: arr(obj({ id: str, url: str, startedAt: str })) }) } } },
  async () => ({ items: await pendingSeals(vault) }));

  api.route({ method: 'POST', url: '/api/seals/pending', access: { need: 'work', local: true }, tag: 'care', summary: '现在加盖时间戳 / timestamp them now',
    responses: { 200: { description: 'results', schema: obj({ results: arr(obj({ item: str, state: str })) }) } } },
  async () => ({ results: (await timestampPending(vault, ctx.home)).map((r) => ({ item: r.item, state: r.state, timestamps: r.timestamps })) }));

  api.route({ method: 'GET', url: '/api/backups', access: { need: 'view', local: true }, tag: 'care', summary: '备份位置 / backup destinations',
    responses: { 200: { description: 'destinations', schema: obj({ destinations: arr(obj({ id: str, location: str, addedAt: str })) }) } } },
  async () => ({ destinations: await backupDestinations(vault) }));

  api.route({ method: 'POST', url: '/api/backups', access: { need: 'own', local: true }, tag: 'care', summary: '添加备份位置（完整文件夹路径或 s3://）/ add a backup destination (a full folder path or s3://)',
    body: obj({ location: str, endpoint: str, region: str }, ['location']), responses: { 201: { description: 'added', schema: obj({ id: str, location: str, addedAt: str }) } } },
  async (req, reply) => {
    reply.code(201);
    return addBackupDestination(vault, req.body as { location: unknown });
  });

  api.route({ method: 'POST', url: '/api/backups/run', access: { need: 'own', local: true }, tag: 'care', summary: '现在备份 / back up now',
    responses: { 200: { description: 'results', schema: obj({ results: arr(any) }) } } },
  async () => {
    const { reports, sealed } = await backupNow(vault, ctx.home);
    return { results: reports, sealed: sealed.map((s) => ({ item: s.item, state: s.state })) };
  });

  api.route({ method: 'GET', url: '/api/logins', access: { need: 'view', local: true }, tag: 'logins', summary: '保存的登录 / saved logins',
    responses: { 200: { description: 'logins', schema: obj({ logins: arr(obj({ platform: str, account: str, savedAt: str })) }) } } },
  async () => ({ logins: await savedLogins(ctx.home) }));

  // A login waits for the user: they close the window, or say in the app that they are done (POST …/done).
  const loginsWaiting = new Map<string, () => void>();
  api.route({ method: 'POST', url: '/api/logins', access: { need: 'work', local: true }, tag: 'logins', summary: '在本机打开浏览器窗口登录平台；关闭窗口或在应用中点“完成”后保存（作为任务运行）/ open a browser window on this machine to log in; saved when it is closed or the user says done (a job)',
    body: obj({ platform: str }, ['platform']), responses: { 202: { description: 'the job', schema: obj({ job: obj({ id: str }) }) } } },
  async (req, reply) => {
    const request = { platform: (req.body as { platform: unknown }).platform };
    checkLogin(request); // a wrong platform or no display is refused now, in words
    const j = ctx.jobs.create('login');
    const done = new Promise<void>((resolve) => loginsWaiting.set(j.id, resolve));
    ctx.jobs.start(j, async () => {
      try {
        j.step({ name: 'login-window', outcome: 'ok', detail: '浏览器窗口已打开：请登录，然后关闭窗口或点“完成” / the browser window is open: log in, then close it or press Done' });
        const saved = await login(ctx.home, request, (context, page) => untilDone(context, page, done));
        j.set({ state: 'done', result: { platform: saved.platform, cookies: saved.cookies } });
      } finally {
        loginsWaiting.delete(j.id);
      }
    });
    reply.code(202);
    return { job: { id: j.id } };
  });

  api.route({ method: 'POST', url: '/api/logins/:id/done', access: { need: 'work', local: true }, tag: 'logins', summary: '用户已登录完成：保存登录并关闭窗口 / the user is done logging in: save the login and close the window',
    responses: { 202: { description: 'saving', schema: obj({ job: obj({ id: str }) }) } } },
  async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const finish = loginsWaiting.get(id);
    if (!finish) throw new GuzhengError('E_NOT_FOUND', `没有正在等待的登录：${id}`, `No login is waiting: ${id}`);
    finish();
    reply.code(202);
    return { job: { id } };
  });

  api.route({ method: 'GET', url: '/api/login-platforms', access: { need: 'none', local: true }, tag: 'logins', summary: '可以登录的平台 / the platforms one can log in to',
    responses: { 200: { description: 'platforms', schema: obj({ platforms: arr(obj({ id: str, zh: str, en: str })) }) } } },
  async () => ({ platforms: loginPlatforms() }));

  api.route({ method: 'POST', url: '/api/check', access: { need: 'own', local: true }, tag: 'care', summary: '核对整个证据库（作为任务运行）：每个文件的哈希、签名、时间戳和保管记录 / check the whole vault (a job): every file, signature, timestamp and custody chain',
    responses: { 202: { description: 'the job', schema: obj({ job: obj({ id: str }) }) } } },
  async (_req, reply) => {
    const j = ctx.jobs.create('check');
    ctx.jobs.enqueue([j], async () => {
      j.step({ name: 'check-vault', outcome: 'ok', detail: '正在核对整个证据库 / checking the whole vault' });
      j.set({ state: 'done', result: await checkWholeVault(vault) });
    });
    reply.code(202);
    return { job: { id: j.id } };
  });
}
