/**
 * Watching posts from the app: a case's watches with their last values and alerts, adding, pausing, resuming and
 * removing them, a post's series, and the case's chart. While the app is open it runs the checks that are due in the
 * background, one pass at a time, as `guzheng watch run` would.
 */
import { addWatches, findWatch, listWatches, notifySettings, runWatches, setNotify, setWatch, showWatch, testNotify, watchChart } from '../actions/watch.js';
import { watchSeries } from '../watch/series.js';
import type { AppContext } from './context.js';
import { any, arr, bool, num, obj, str } from './openapi.js';

type P = { id: string };

/** Starts the background checks; returns a function that stops them (and waits for a check under way). */
export function startWatchLoop(ctx: AppContext, everyMs = 5000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runWatches(ctx.vault, { once: true }, () => undefined, () => stopped).catch(() => undefined).finally(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  let timer = setTimeout(tick, 1000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

export function watchRoutes(ctx: AppContext): void {
  const { api, vault } = ctx;
  const watch = obj({ id: str, url: str, state: str, schedule: str, everySeconds: num, paused: bool, lastAt: str, last: any, alerts: arr(any), captures: num, timestamps: num });

  api.route({ method: 'GET', url: '/api/cases/:id/watches', access: { need: 'view', target: 'case' }, tag: 'watch', summary: '案件中关注的帖子：状态、最近的数量和提醒 / the case\'s watched posts: state, last counts, alerts',
    responses: { 200: { description: 'watches', schema: obj({ watches: arr(watch) }) } } },
  async (req) => {
    const kase = await vault.findCase((req.params as P).id);
    const rows = await listWatches(vault, kase.id);
    const watches = [];
    for (const r of rows) {
      const s = await watchSeries(vault, r);
      watches.push({ id: r.id, url: r.url, state: r.state, schedule: r.schedule, everySeconds: r.every_seconds, paused: r.paused === 1, lastAt: r.last_at,
        last: s.observations.at(-1) ?? null, alerts: s.alerts.slice(-20), captures: s.captures.length, timestamps: s.timestamps.length });
    }
    return { watches };
  });

  api.route({ method: 'POST', url: '/api/cases/:id/watches', access: { need: 'work', target: 'case' }, tag: 'watch', summary: '关注一个或多个帖子 / watch one or more posts',
    body: obj({ urls: arr(str), every: str, until: str, capture: bool, login: str }, ['urls']), responses: { 201: { description: 'the watches', schema: obj({ watches: arr(obj({ id: str, url: str, existed: bool, schedule: str })) }) } } },
  async (req, reply) => {
    const kase = await vault.findCase((req.params as P).id);
    const b = req.body as { urls: unknown; every?: string; until?: string; capture?: boolean; login?: string };
    reply.code(201);
    return { watches: await addWatches(vault, { urls: b.urls, case: kase.id, every: b.every, until: b.until, capture: b.capture, login: b.login }) };
  });

  api.route({ method: 'GET', url: '/api/watches/:id', access: { need: 'view', target: 'watch' }, tag: 'watch', summary: '一个关注：数量的变化、状态和提醒 / one watch: its series, states and alerts',
    responses: { 200: { description: 'the series', schema: any } } },
  async (req) => showWatch(vault, (req.params as P).id));

  for (const change of ['pause', 'resume'] as const) {
    api.route({ method: 'POST', url: `/api/watches/:id/${change}`, access: { need: 'work', target: 'watch' }, tag: 'watch', summary: change === 'pause' ? '暂停 / pause' : '继续 / resume',
      responses: { 200: { description: 'done', schema: obj({ id: str }) } } },
    async (req) => ({ id: (await setWatch(vault, (req.params as P).id, change, 'guzheng app')).id }));
  }

  api.route({ method: 'DELETE', url: '/api/watches/:id', access: { need: 'work', target: 'watch' }, tag: 'watch', summary: '移除关注（记录保留）/ remove a watch (its record stays)',
    responses: { 200: { description: 'removed', schema: obj({ id: str }) } } },
  async (req) => ({ id: (await setWatch(vault, (req.params as P).id, 'remove', 'guzheng app')).id }));

  api.route({ method: 'GET', url: '/api/watches/:id/chart', access: { need: 'view', target: 'watch' }, tag: 'watch', summary: '一个帖子的图表（SVG），标出 5000 和 500 / one post\'s chart (SVG), with the 5,000 and 500 lines',
    responses: { 200: { description: 'SVG', media: 'image/svg+xml' } } },
  async (req, reply) => {
    const row = await findWatch(vault, (req.params as P).id);
    const { svg } = await watchChart(vault, row.id);
    return reply.type('image/svg+xml; charset=utf-8').header('Cache-Control', 'no-store').send(svg);
  });

  api.route({ method: 'GET', url: '/api/cases/:id/watch-chart', access: { need: 'view', target: 'case' }, tag: 'watch', summary: '案件中关注帖子的图表（SVG），标出 5000 和 500 / the chart of the case\'s watched posts (SVG), with the 5,000 and 500 lines',
    responses: { 200: { description: 'SVG', media: 'image/svg+xml' } } },
  async (req, reply) => {
    const kase = await vault.findCase((req.params as P).id);
    const { svg } = await watchChart(vault, kase.id);
    return reply.type('image/svg+xml; charset=utf-8').header('Cache-Control', 'no-store').send(svg);
  });

  const notify = obj({ webhook: str, smtp: obj({ url: str, from: str, to: str }) });
  api.route({ method: 'GET', url: '/api/watch-notify', access: { need: 'view', local: true }, tag: 'watch', summary: '提醒另发到哪里（webhook、邮件）/ where alerts are also sent (webhook, e-mail)',
    responses: { 200: { description: 'the settings (an SMTP password is never shown)', schema: notify } } },
  async () => notifySettings(vault));

  api.route({ method: 'PUT', url: '/api/watch-notify', access: { need: 'own', local: true }, tag: 'watch', summary: '设置提醒去处 / set where alerts are also sent',
    body: obj({ webhook: str, smtp: str, from: str, to: str, off: bool }), responses: { 200: { description: 'the settings', schema: notify } } },
  async (req) => setNotify(vault, req.body as Record<string, unknown>));

  api.route({ method: 'POST', url: '/api/watch-notify/test', access: { need: 'own', local: true }, tag: 'watch', summary: '发一条测试提醒 / send a test alert',
    responses: { 200: { description: 'each place and whether it took the alert', schema: obj({ sent: arr(obj({ to: str, ok: bool, error: str })) }) } } },
  async () => ({ sent: await testNotify(vault) }));
}
