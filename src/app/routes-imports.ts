/**
 * Imports from the app: a file dropped on the Import page is uploaded as it is (one request per file, the bytes
 * unchanged, its name and the time the browser reports for it alongside), then imported by the same action as
 * `guzheng import`. And an imported chat's messages: read, search, choose the ones that matter.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GuzhengError } from '../errors.js';
import { importFiles, planImport } from '../actions/imports.js';
import { identityChecklists, linkIdentity, readChat, searchChat, selectMessages } from '../actions/chats.js';
import { safeName } from '../imports/file-name.js';
import type { AppContext } from './context.js';
import { any, arr, num, obj, str } from './openapi.js';

type P = { id: string };

export function importRoutes(ctx: AppContext): void {
  const { api, vault } = ctx;
  const outcome = obj({ file: str, item: str, case: str, kind: str, format: str, status: str, files: arr(any), checks: arr(any), reasons: arr(any), summary: any, seal: str });

  api.route({ method: 'POST', url: '/api/cases/:id/imports', access: { need: 'work', target: 'case' }, tag: 'imports',
    summary: '导入一个文件（请求体为文件原样的字节）：截图、照片、录屏、邮件、聊天记录导出 / import one file (the body is its bytes, unchanged): a screenshot, photo, recording, e-mail, chat export',
    rawBody: 'application/octet-stream', bodyLimit: 8 * 1024 ** 3,
    query: obj({ name: str, tz: str, modified: num, carrier: str }, ['name']),
    responses: { 201: { description: 'imported (COMPLETE or PARTIAL)', schema: outcome }, 200: { description: 'already in the vault (duplicate)', schema: outcome }, 422: { description: 'not imported: the reason' } } },
  async (req, reply) => {
    const kase = await vault.findCase((req.params as P).id);
    const q = req.query as { name: string; tz?: string; modified?: number; carrier?: string };
    let carrier: unknown;
    try {
      carrier = q.carrier ? JSON.parse(q.carrier) : undefined;
    } catch {
      throw new GuzhengError('E_USAGE', '来源说明不是有效的 JSON', 'The carrier is not valid JSON');
    }
    // The file keeps its name (a phone names screenshots by the time they were taken).
    const dir = join(ctx.home, 'tmp', `upload-${randomUUID()}`);
    await mkdir(dir, { recursive: true });
    try {
      const file = join(dir, safeName(q.name));
      await pipeline(req.body as Readable, createWriteStream(file));
      // The time the browser reports for the file (File.lastModified): a file time, recorded as such (not reliable).
      if (q.modified && Number.isFinite(q.modified)) await utimes(file, new Date(q.modified), new Date(q.modified));
      const plan = await planImport({ paths: [file], tz: q.tz, carrier });
      const [o] = await importFiles(vault, await ctx.signingHome(kase.id), kase.id, plan, () => undefined);
      if (o!.status === 'error') {
        reply.code(422);
        return { ...o!.error!, outcome: { ...o!, file: q.name } };
      }
      reply.code(o!.status === 'duplicate' ? 200 : 201);
      return { ...o!, file: q.name };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const message = obj({ index: num, sender: any, time: any, type: str, text: str, media: arr(any) });
  api.route({ method: 'GET', url: '/api/items/:id/chat', access: { need: 'view', target: 'item' }, tag: 'imports', summary: '导入的聊天记录：消息、搜索（search=）和选定的消息 / an imported chat: its messages, a search (search=) and the chosen ones',
    query: obj({ search: str }),
    responses: { 200: { description: 'the chat', schema: obj({ item: str, format: str, title: str, total: num, messages: arr(message), selection: any }) } } },
  async (req) => {
    const q = req.query as { search?: string };
    const view = q.search?.trim() ? await searchChat(vault, (req.params as P).id, q.search) : { view: await readChat(vault, (req.params as P).id), matches: null };
    const v = view.view;
    return { item: v.item, format: v.format, title: v.title, total: v.messages.length, messages: view.matches ?? v.messages, selection: v.selection };
  });

  api.route({ method: 'POST', url: '/api/items/:id/chat/selection', access: { need: 'work', target: 'item' }, tag: 'imports', summary: '选定重要的消息（记入保管记录）/ choose the messages that matter (recorded in the custody log)',
    body: obj({ ranges: str }, ['ranges']), responses: { 200: { description: 'the selection', schema: obj({ selection: any, messages: arr(message) }) } } },
  async (req) => {
    const { view, chosen } = await selectMessages(vault, (req.params as P).id, String((req.body as { ranges: unknown }).ranges ?? ''), 'guzheng app');
    return { selection: view.selection, messages: chosen };
  });

  const checklist = arr(obj({ party: any, have: arr(obj({ field: str, value: str, source: str })), missing: arr(str) }));
  api.route({ method: 'GET', url: '/api/items/:id/identity', access: { need: 'view', target: 'item' }, tag: 'imports', summary: '聊天对方的身份核对清单：已有什么、还缺什么 / each other party\'s identity checklist: what the case holds, what is missing',
    responses: { 200: { description: 'the checklists', schema: obj({ parties: checklist }) } } },
  async (req) => ({ parties: (await identityChecklists(vault, (req.params as P).id)).parties }));

  api.route({ method: 'POST', url: '/api/items/:id/identity', access: { need: 'work', target: 'item' }, tag: 'imports', summary: '为对方补充一项身份材料（记入保管记录）/ link a piece of identity to a party (recorded in the custody log)',
    body: obj({ party: str, link: str }, ['party', 'link']), responses: { 200: { description: 'the checklists', schema: obj({ parties: checklist }) } } },
  async (req) => {
    const b = req.body as { party: string; link: string };
    return { parties: await linkIdentity(vault, (req.params as P).id, b.party, b.link, 'guzheng app') };
  });
}
