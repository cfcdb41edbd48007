/**
 * Routes of evidence: one item (its files, its package, verifying it, notes), exports and their downloads, documents'
 * downloads, jobs and their live progress, verifying an uploaded package, seals, backups, logins, the demo post.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { GuzhengError } from '../errors.js';
import { addNote, itemFile, showItem, verifyItem } from '../actions/items.js';
import { exportEvidence, verifyEvidence } from '../actions/packages.js';
import { NOT_LEGAL_ADVICE } from '../law/disclaimer.js';
import { TOOL_VERSION } from '../tool.js';
import { APP_ID, type AppContext } from './context.js';
import type { JobEvent } from './jobs.js';
import { any, arr, bool, num, obj, str } from './openapi.js';

type P = { id: string };

/** A stored file, as a download or shown in the page. HTML never runs on the app's origin: it is sandboxed, no scripts. */
async function sendFile(reply: FastifyReply, file: string, type: string, name: string, inline: boolean): Promise<FastifyReply> {
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) throw new GuzhengError('E_NOT_FOUND', '文件不在了', 'The file is gone');
  if (/html|mhtml|xml|svg/i.test(type)) reply.header('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  const ascii = name.replace(/[^\w.-]/g, '_');
  reply.header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return reply.type(type).header('Content-Length', size).send(createReadStream(file));
}

const appId = (id: string, what: { zh: string; en: string }) => {
  if (!APP_ID.test(id)) throw new GuzhengError('E_NOT_FOUND', `找不到${what.zh}“${id}”`, `No ${what.en} "${id}"`);
  return id;
};

export function evidenceRoutes(ctx: AppContext): void {
  const { api, vault } = ctx;
  const job = obj({ id: str, kind: str, state: str, url: str, item: str, error: any, steps: arr(obj({ name: str, outcome: str, detail: str })), result: any });
  const verification = obj({ state: str, valid: bool, timeFixed: bool, checks: arr(obj({ name: str, ok: bool, zh: str, detail: str, warning: bool })) });

  api.route({ method: 'GET', url: '/api/session', access: { need: 'none' }, tag: 'app', summary: '应用信息和免责声明 / the app and the not-legal-advice statement',
    responses: { 200: { description: 'session', schema: obj({ version: str, disclaimer: obj({ zh: str, en: str }) }) } } },
  async () => ({ version: TOOL_VERSION, disclaimer: NOT_LEGAL_ADVICE }));

  // The organisation server answers who is signed in (src/server/serve.ts); the local app says it is the local app,
  // so that the page knows without a refused request (which the browser would log as an error).
  api.route({ method: 'GET', url: '/api/auth', access: { need: 'none', local: true }, tag: 'app', summary: '本机应用：无需登录 / the local app: no sign-in',
    responses: { 200: { description: 'not a server', schema: obj({ server: bool }) } } },
  async () => ({ server: false }));

  api.route({ method: 'GET', url: '/api/openapi.json', access: { need: 'none' }, tag: 'app', summary: '本接口的 OpenAPI 3 描述 / this API as OpenAPI 3', responses: { 200: { description: 'OpenAPI 3', schema: any } } },
  async () => api.document());

  api.route({ method: 'GET', url: '/api/items/:id', access: { need: 'view', target: 'item' }, tag: 'items', summary: '一件证据的全部信息（记为“查看”）/ one item in full (recorded as viewed)',
    responses: { 200: { description: 'the item', schema: any } } },
  async (req) => showItem(vault, (req.params as P).id, 'guzheng app'));

  // The path may hold slashes (original/…, media/…, seal/…): it is matched whole, and only a name the vault lists is served.
  api.route({ method: 'GET', url: '/api/items/:id/files/*', access: { need: 'view', target: 'item' }, tag: 'items', summary: '证据中的一个文件（原件）/ one file of an item (the stored original)',
    query: obj({ download: str }), responses: { 200: { description: 'the file', media: 'application/octet-stream' } } },
  async (req, reply) => {
    const { id, '*': path } = req.params as { id: string; '*': string };
    const download = Boolean((req.query as { download?: string }).download);
    const f = await itemFile(vault, id, path, download ? 'guzheng app' : undefined);
    return sendFile(reply, f.file, f.mediaType, path, !download);
  });

  api.route({ method: 'GET', url: '/api/items/:id/package', access: { need: 'work', target: 'item' }, tag: 'items', summary: '一件证据的 WACZ 证据包 / the item\'s WACZ package',
    responses: { 200: { description: 'WACZ', media: 'application/wacz' } } },
  async (req, reply) => {
    const item = await vault.findItem((req.params as P).id);
    const dir = join(ctx.home, 'exports', randomUUID());
    await mkdir(dir, { recursive: true });
    const out = join(dir, `${item.id}.wacz`);
    await exportEvidence(vault, item.id, out, await ctx.signingHome(item.case_id));
    reply.raw.on('close', () => void rm(dir, { recursive: true, force: true }));
    return sendFile(reply, out, 'application/wacz', `guzheng-${item.id}.wacz`, false);
  });

  api.route({ method: 'POST', url: '/api/items/:id/verify', access: { need: 'view', target: 'item' }, tag: 'items', summary: '从证据库原件核对一件证据 / verify an item from the stored originals',
    responses: { 200: { description: 'the result', schema: verification } } },
  async (req) => verifyItem(vault, (req.params as P).id, 'guzheng app'));

  api.route({ method: 'POST', url: '/api/items/:id/notes', access: { need: 'work', target: 'item' }, tag: 'items', summary: '添加备注（保管记录）/ add a note (custody log)',
    body: obj({ text: str }, ['text']), responses: { 201: { description: 'noted', schema: obj({ hash: str, at: str }) } } },
  async (req, reply) => {
    const e = await addNote(vault, (req.params as P).id, (req.body as { text: unknown }).text);
    reply.code(201);
    return { hash: e.hash, at: e.at };
  });

  api.route({ method: 'POST', url: '/api/cases/:id/exports', access: { need: 'work', target: 'case' }, tag: 'packages', summary: '导出案件证据包（作为任务运行）/ export the case package (run as a job)',
    responses: { 202: { description: 'the job', schema: obj({ job: obj({ id: str }) }) } } },
  async (req, reply) => {
    const kase = await vault.findCase((req.params as P).id);
    const j = await ctx.work.exportCase(kase.id);
    reply.code(202);
    return { job: { id: j.id } };
  });

  api.route({ method: 'GET', url: '/api/exports/:file', access: { need: 'work', target: 'export' }, tag: 'packages', summary: '下载导出的证据包 / download an exported package',
    responses: { 200: { description: 'WACZ', media: 'application/wacz' } } },
  async (req, reply) => {
    const id = appId((req.params as { file: string }).file.replace(/\.wacz$/, ''), { zh: '导出', en: 'export' });
    return sendFile(reply, await ctx.work.exportFile(id), 'application/wacz', `guzheng-case-${id.slice(0, 8)}.wacz`, false);
  });

  api.route({ method: 'GET', url: '/api/documents/:file', access: { need: 'view', target: 'document' }, tag: 'documents', summary: '文书文件（PDF 在页面中显示，DOCX 下载）/ a document file (PDF shown, DOCX downloaded)',
    responses: { 200: { description: 'the document', media: 'application/pdf' } } },
  async (req, reply) => {
    const m = /^(.+)\.(pdf|docx)$/.exec((req.params as { file: string }).file);
    const id = appId(m?.[1] ?? '', { zh: '文书', en: 'document' });
    const pdf = m![2] === 'pdf';
    const file = await ctx.documents.file(id, m![2] as 'pdf' | 'docx');
    if (!file) throw new GuzhengError('E_NOT_FOUND', `找不到文书“${id}”`, `No document "${id}"`);
    return sendFile(reply, file, pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      `guzheng-${id.slice(0, 8)}.${m![2]}`, pdf);
  });

  api.route({ method: 'GET', url: '/api/jobs/:id', access: { need: 'view', target: 'job' }, tag: 'jobs', summary: '任务状态 / a job\'s state', responses: { 200: { description: 'the job', schema: job } } },
  async (req) => {
    const j = await ctx.work.view((req.params as P).id);
    if (!j) throw new GuzhengError('E_NOT_FOUND', '找不到这个任务（应用重启后，之前的任务不再显示；证据仍在证据库中）', 'No such job (after a restart earlier jobs are gone; their evidence is in the vault)');
    return j;
  });

  api.route({ method: 'GET', url: '/api/jobs/:id/events', access: { need: 'view', target: 'job' }, tag: 'jobs', summary: '任务进度（Server-Sent Events：step、state）/ a job\'s progress (Server-Sent Events: step, state)',
    responses: { 200: { description: 'event stream', media: 'text/event-stream' } } },
  async (req, reply) => {
    const id = (req.params as P).id;
    const j = await ctx.work.view(id);
    if (!j) throw new GuzhengError('E_NOT_FOUND', '找不到这个任务', 'No such job');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const s of j.steps) send('step', s);
    send('state', j);
    if (j.state === 'done' || j.state === 'failed') return void res.end();
    const stop = await ctx.work.follow(id, (e: JobEvent) => {
      if (e.type === 'step') send('step', e.step);
      else {
        send('state', e.job);
        if (e.job.state === 'done' || e.job.state === 'failed') {
          stop();
          res.end();
        }
      }
    });
    res.on('close', stop);
  });

  api.route({ method: 'POST', url: '/api/verify', access: { need: 'none' }, tag: 'packages', summary: '核对上传的证据包（与 guzheng verify 相同的检查）/ verify an uploaded package (the checks of guzheng verify)',
    rawBody: 'application/octet-stream', bodyLimit: 8 * 1024 ** 3, responses: { 200: { description: 'the result', schema: verification } } },
  async (req) => {
    const dir = join(ctx.home, 'tmp', `verify-${randomUUID()}`);
    await mkdir(dir, { recursive: true });
    try {
      const file = join(dir, 'package.wacz');
      await pipeline(req.body as Readable, createWriteStream(file));
      const r = await verifyEvidence(file).catch((err) => {
        if (err instanceof GuzhengError && err.code === 'E_UNREADABLE') {
          throw new GuzhengError('E_NOT_PACKAGE', '这不是证据包：无法作为 WACZ（zip）文件读取。请选择 guzheng 导出的 .wacz 文件。',
            'This is not an evidence package: it cannot be read as a WACZ (zip) file. Choose a .wacz file exported by guzheng.', err.detail);
        }
        throw err;
      });
      return r;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  api.route({ method: 'POST', url: '/api/demo', access: { need: 'none', local: true }, tag: 'app', summary: '启动内置的虚构示例帖子，返回其网址 / serve the bundled fictional sample post; its URL',
    responses: { 200: { description: 'the URL', schema: obj({ url: str }) } } },
  async () => ({ url: await ctx.demoUrl() }));
}
