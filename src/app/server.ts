/**
 * The local app: one Fastify server on 127.0.0.1 serving the JSON API under /api/ (described at /api/openapi.json)
 * and the built UI (dist/ui), guarded by security.ts. It holds the vault open while it runs; on start it marks the
 * captures of a process that died as interrupted, so none is ever lost or shown as complete.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { GuzhengError, type ErrorCode } from '../errors.js';
import { Vault } from '../vault/vault.js';
import { markInterrupted } from '../vault/vault-store.js';
import type { Interrupted } from '../vault/store.js';
import { Api } from './openapi.js';
import { Jobs } from './jobs.js';
import { LocalWork, type Work } from './work.js';
import { FolderDocuments, type DocumentFiles } from './document-files.js';
import { installGuard, newToken } from './security.js';
import { caseRoutes } from './routes-cases.js';
import { evidenceRoutes } from './routes-evidence.js';
import { careRoutes } from './routes-care.js';
import { importRoutes } from './routes-imports.js';
import { startWatchLoop, watchRoutes } from './routes-watch.js';
import type { AppContext } from './context.js';
import { LOCAL_GUARD, type RouteGuard } from './access.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  E_USAGE: 400, E_URL_INVALID: 400, E_URL_SCHEME: 400, E_FACTS: 400, E_AUTH: 401, E_HOST: 403, E_ORIGIN: 403, E_NOT_FOUND: 404,
  E_EXISTS: 409, E_NOT_SEALED: 409, E_TOO_LARGE: 413, E_NOT_PACKAGE: 422, E_UNREADABLE: 422,
  E_FORBIDDEN: 403, E_QUOTA: 429, E_RATE_LIMIT: 429, E_SSRF: 422, E_STORAGE_UNAVAILABLE: 503, E_DB: 503,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** The built UI, read once into memory: a request path is looked up, never joined into a file path. */
function loadUi(dir: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (!existsSync(dir)) return files;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set('/' + relative(dir, p).split(sep).join('/'), { body: readFileSync(p), type: TYPES[extname(p)] ?? 'application/octet-stream' });
    }
  };
  walk(dir);
  return files;
}

const UI_MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>固证 guzheng</title><body style="font-family:sans-serif;margin:4em">
<h1>界面尚未构建 / The interface is not built</h1><p>请运行 <code>npm run build</code>，或用 <code>npm start</code> 启动。/ Run <code>npm run build</code>, or start with <code>npm start</code>.</p></body></html>`;

export interface AppOptions {
  home: string;
  /** 0: any free port. */
  port?: number;
  /** Where the built UI is (default: dist/ui beside the bundle). */
  uiDir?: string;
}

export interface RunningApp {
  url: string;
  /** The address to open: with the launch token. */
  openUrl: string;
  token: string;
  port: number;
  interrupted: Interrupted[];
  app: FastifyInstance;
  close(): Promise<void>;
}

function defaultUiDir(): string {
  // The bundle is dist/guzheng.mjs (its UI in dist/ui); from the sources (tests) it is src/app/server.ts.
  const here = fileURLToPath(new URL('.', import.meta.url));
  return [join(here, 'ui'), join(here, '..', '..', 'dist', 'ui')].find((d) => existsSync(join(d, 'index.html'))) ?? join(here, 'ui');
}

/**
 * The API and the UI on one Fastify instance, for the local app and the organisation server alike: the error
 * answers, every route (each declaring who may call it, enforced by `guard`), and the built UI. `secure` installs
 * the front's own sign-in check before any route runs.
 */
export function buildApp(options: { vault: Vault; home: string; guard: RouteGuard; uiDir?: string; secure: (app: FastifyInstance) => void; work?: (jobs: Jobs) => Work; trustProxy?: boolean;
  signingHome?: (caseId: string) => Promise<string>; documents?: DocumentFiles; organisation?: boolean }) {
  const { vault, home, guard } = options;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  let demo: Promise<{ url: string; close(): Promise<void> }> | null = null;
  const jobs = new Jobs();
  const ctx: AppContext = {
    vault, home, jobs, work: options.work ? options.work(jobs) : new LocalWork(vault, home, jobs), api: new Api(app, guard), guard, documents: options.documents ?? new FolderDocuments(home),
    signingHome: options.signingHome ?? (async () => home),
    demoUrl: async () => {
      demo ??= import('../demo/server.js').then((m) => m.startDemoServer());
      return (await demo).url;
    },
  };

  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
  app.setErrorHandler((err: FastifyError | GuzhengError, _req, reply) => {
    if (err instanceof GuzhengError) return reply.code(STATUS[err.code] ?? 500).send({ code: err.code, zh: err.zh, en: err.en, ...(err.detail ? { detail: err.detail } : {}) });
    const f = err as FastifyError;
    if (f.validation) return reply.code(400).send({ code: 'E_USAGE', zh: `请求内容不正确：${f.message}`, en: `The request is not right: ${f.message}` });
    if (f.statusCode === 413 || f.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ code: 'E_TOO_LARGE', zh: '上传的内容太大', en: 'The upload is too large' });
    if (f.statusCode && f.statusCode < 500) return reply.code(f.statusCode).send({ code: 'E_USAGE', zh: `请求不正确：${f.message}`, en: `Bad request: ${f.message}` });
    return reply.code(500).send({ code: 'E_INTERNAL', zh: '内部错误：请重试；如果一再出现，请报告这个问题', en: 'Internal error: try again; if it keeps happening, report it', detail: f.message?.split('\n')[0] });
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ code: 'E_NOT_FOUND', zh: `没有这个接口：${req.method} ${req.url.split('?')[0]}`, en: `No such API: ${req.method} ${req.url.split('?')[0]}` });
    return reply.code(404).type('text/plain; charset=utf-8').send('404');
  });
  options.secure(app);
  caseRoutes(ctx);
  evidenceRoutes(ctx);
  careRoutes(ctx);
  importRoutes(ctx);
  watchRoutes(ctx);

  const ui = loadUi(options.uiDir ?? defaultUiDir());
  // The organisation server's page signs in first: its index.html says so (boot.js then keeps the prerendered start
  // screen, the local app's, hidden instead of showing it for a moment before the sign-in page).
  const index = ui.get('/index.html');
  if (options.organisation && index) ui.set('/index.html', { ...index, body: Buffer.from(index.body.toString('utf8').replace('<html lang="zh-CN">', '<html lang="zh-CN" data-server="">')) });
  app.get('/*', async (req, reply) => {
    const path = new URL(req.url, 'http://local').pathname;
    if (path.startsWith('/api/')) return reply.code(404).send({ code: 'E_NOT_FOUND', zh: `没有这个接口：GET ${path}`, en: `No such API: GET ${path}` });
    const file = ui.get(path === '/' ? '/index.html' : path);
    if (!file) {
      if (!ui.size) return reply.code(503).type('text/html; charset=utf-8').send(UI_MISSING);
      return reply.code(404).type('text/plain; charset=utf-8').send('404');
    }
    // Built assets carry their hash in their name: they may be cached; the page itself is never.
    if (path.startsWith('/assets/')) reply.header('Cache-Control', 'private, max-age=31536000, immutable');
    return reply.type(file.type).send(file.body);
  });
  return { app, ctx, closeDemo: async () => (demo ? (await demo).close() : undefined) };
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const vault = await Vault.open(options.home);
  const interrupted = await markInterrupted(vault);
  const token = newToken();
  let port = 0;
  const { app, ctx, closeDemo } = buildApp({ vault, home: options.home, guard: LOCAL_GUARD, uiDir: options.uiDir, secure: (a) => installGuard(a, token, () => port) });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  port = (app.server.address() as { port: number }).port;
  // While the app is open, the checks of watched posts that fall due run in the background.
  const stopWatching = startWatchLoop(ctx);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url, openUrl: `${url}?token=${token}`, token, port, interrupted, app,
    close: async () => {
      await stopWatching();
      await app.close();
      await Promise.all([ctx.jobs.idle(), ctx.work.idle()]).catch(() => undefined);
      await closeDemo();
      await vault.close();
    },
  };
}
