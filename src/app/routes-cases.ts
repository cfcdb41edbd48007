/** Routes of cases: the list, one case, its items, its facts, its routes (assessment), its documents, new captures. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createCase, listCases, caseSummary, showCase } from '../actions/cases.js';
import { getCaseFacts, setCaseFacts } from '../actions/facts.js';
import { assessCase, withQuotes } from '../actions/assess.js';
import { documentKinds, makeDocument } from '../actions/documents.js';
import type { AppContext } from './context.js';
import type { CaptureAsk } from './work.js';
import { documentDir } from './document-files.js';
import { any, arr, bool, num, obj, str } from './openapi.js';

type P = { id: string };

export function caseRoutes(ctx: AppContext): void {
  const { api, vault } = ctx;
  const caseRow = obj({ id: str, title: str, createdAt: str, default: bool, items: num, nearestDeadline: any });

  api.route({ method: 'GET', url: '/api/cases', access: { need: 'view' }, tag: 'cases', summary: '案件列表（最近的期限在前）/ cases, nearest deadline first',
    responses: { 200: { description: 'cases', schema: obj({ cases: arr(caseRow) }) } } },
  async (req) => ({ cases: await listCases(vault, undefined, await ctx.guard.scope(req)) }));

  api.route({ method: 'POST', url: '/api/cases', access: { need: 'manage' }, tag: 'cases', summary: '新建案件 / create a case',
    body: obj({ title: str }, ['title']), responses: { 201: { description: 'created', schema: obj({ id: str }) } } },
  async (req, reply) => {
    const c = await createCase(vault, req.body as { title: unknown }, ctx.guard.owner(req));
    reply.code(201);
    return { id: c.id, title: c.title, createdAt: c.createdAt };
  });

  api.route({ method: 'GET', url: '/api/cases/:id', access: { need: 'view', target: 'case' }, tag: 'cases', summary: '一个案件 / one case', responses: { 200: { description: 'the case', schema: caseRow } } },
  async (req) => caseSummary(await vault.findCase((req.params as P).id)));

  api.route({ method: 'GET', url: '/api/cases/:id/items', access: { need: 'view', target: 'case' }, tag: 'cases', summary: '案件中的证据 / the items of a case',
    responses: { 200: { description: 'items', schema: obj({ items: arr(obj({ id: str, kind: str, status: str, url: str, name: str, seal: str, startedAt: str, thumbnail: str })) }) } } },
  async (req) => {
    const c = await showCase(vault, (req.params as P).id);
    // The first-screen picture of each item, the framed one where there is one.
    // An import shows its file's name, and a picture itself (or a video's contact sheet).
    const thumbs = new Map<string, string>();
    for (const a of await vault.artifactsWithRole(c.items.map((i) => i.id), ['screenshot.viewport.framed', 'screenshot.viewport', 'original', 'contact-sheet'])) {
      if (a.role === 'original' && !/^image\/(png|jpeg)$/.test(a.media_type)) continue;
      if (!thumbs.has(a.item_id) || a.role === 'screenshot.viewport.framed') thumbs.set(a.item_id, a.path);
    }
    const items = c.items.map((i) => ({ id: i.id, kind: i.kind, status: i.status, url: i.url, name: i.name, seal: i.seal, startedAt: i.startedAt,
      thumbnail: thumbs.has(i.id) ? `/api/items/${i.id}/files/${thumbs.get(i.id)!.split('/').map(encodeURIComponent).join('/')}` : null }));
    return { items };
  });

  api.route({ method: 'POST', url: '/api/cases/:id/captures', access: { need: 'work', target: 'case' }, tag: 'captures', summary: '对一个或多个网址取证（作为任务运行）/ capture one or more URLs (run as jobs)',
    body: obj({ urls: arr(str), video: bool, comments: num, login: str }, ['urls']),
    responses: { 202: { description: 'one job per URL', schema: obj({ jobs: arr(obj({ id: str, url: str })) }) } } },
  async (req, reply) => {
    const kase = await vault.findCase((req.params as P).id);
    const jobs = await ctx.work.capture(kase.id, req.body as CaptureAsk);
    reply.code(202);
    return { jobs };
  });

  api.route({ method: 'GET', url: '/api/cases/:id/facts', access: { need: 'view', target: 'case' }, tag: 'facts', summary: '案件事实：用户陈述的，以及评估所用的（含证据中读出的）/ the facts stated and the facts assess uses',
    responses: { 200: { description: 'facts', schema: obj({ case: str, stated: any, effective: any }) } } },
  async (req) => getCaseFacts(vault, (req.params as P).id));

  api.route({ method: 'PUT', url: '/api/cases/:id/facts', access: { need: 'work', target: 'case' }, tag: 'facts', summary: '保存案件事实（记入保管记录）/ save the case facts (custody-logged)',
    body: { type: 'object' }, responses: { 200: { description: 'saved', schema: obj({ case: str, saved: bool }) } } },
  async (req) => setCaseFacts(vault, (req.params as P).id, req.body));

  api.route({ method: 'GET', url: '/api/cases/:id/assessment', access: { need: 'view', target: 'case' }, tag: 'assess', summary: '法律途径、条件、期限和依据（含法条原文）/ the routes, conditions, deadlines and citations (with the quoted words)',
    query: obj({ asOf: str }), responses: { 200: { description: 'the assessment', schema: any } } },
  async (req) => withQuotes(await assessCase(vault, (req.params as P).id, (req.query as { asOf?: string }).asOf)));

  api.route({ method: 'GET', url: '/api/document-kinds', access: { need: 'none' }, tag: 'documents', summary: '文书种类 / document kinds',
    responses: { 200: { description: 'kinds', schema: obj({ kinds: arr(obj({ id: str, zh: str, en: str })) }) } } },
  async () => ({ kinds: documentKinds() }));

  api.route({ method: 'POST', url: '/api/cases/:id/documents', access: { need: 'work', target: 'case' }, tag: 'documents', summary: '生成文书（PDF 和 DOCX）/ write a document (PDF and DOCX)',
    body: obj({ kind: str, date: str }, ['kind']),
    responses: { 201: { description: 'written', schema: obj({ id: str, kind: str, blanks: arr(str), evidence: num, pdf: str, docx: str }) } } },
  async (req, reply) => {
    const body = req.body as { kind: string; date?: string };
    const { case: caseId, effective } = await getCaseFacts(vault, (req.params as P).id);
    const id = randomUUID();
    const dir = documentDir(ctx.home, id);
    await mkdir(dir, { recursive: true });
    const r = await makeDocument(vault, { kind: body.kind, date: body.date, facts: effective, caseId, out: [join(dir, 'document.pdf'), join(dir, 'document.docx')] });
    await ctx.documents.keep(id, caseId, r.kind);
    await vault.appendEvents([{ stream: caseId, type: 'noted', detail: { document: { id, kind: r.kind, blanks: r.blanks.length, by: 'guzheng app' } } }]);
    reply.code(201);
    return { id, kind: r.kind, zh: r.zh, en: r.en, blanks: r.blanks, evidence: r.evidence, pdf: `/api/documents/${id}.pdf`, docx: `/api/documents/${id}.docx` };
  });
}
