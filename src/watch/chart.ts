/**
 * A watched post's reach over time as a chart a court can read: two panels, views (reads, plays) with the 5,000 line
 * and reposts with the 500 line (两高 2013 诽谤解释 第二条), one line per post, Beijing time on the axis, every check a
 * dot, a check that failed or found the post gone marked on the axis. Plain SVG with its own text (Noto Sans CJK);
 * a PNG is the same SVG drawn by the browser.
 */
import { shanghaiIso } from '../capture/time.js';
import type { WatchSeries } from './series.js';

const W = 960;
const PANEL = 260;
const M = { left: 80, right: 40, top: 86, gap: 56, bottom: 48 };
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df', '#bc4c00', '#0969da'];
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** "12-02 23:03", or with seconds when the whole chart spans less than an hour. */
const when = (ms: number, short: boolean) => shanghaiIso(new Date(ms)).slice(5, short ? 19 : 16).replace('T', ' ');

interface Panel { title: string; metrics: string[]; threshold: number; label: string }
const PANELS: Panel[] = [
  { title: '浏览 / 阅读 / 播放 · views, reads, plays', metrics: ['views', 'reads', 'plays'], threshold: 5000, label: '5000（诽谤解释第二条 / threshold）' },
  { title: '转发 · reposts', metrics: ['reposts'], threshold: 500, label: '500（诽谤解释第二条 / threshold）' },
];

export function chartSvg(series: WatchSeries[], title: string): string {
  const times = series.flatMap((s) => s.observations.map((o) => Date.parse(o.at)));
  const t0 = Math.min(...times, Date.now());
  const t1 = Math.max(...times, t0 + 60_000);
  const x = (t: number) => M.left + ((t - t0) / (t1 - t0)) * (W - M.left - M.right);
  const height = M.top + PANELS.length * PANEL + (PANELS.length - 1) * M.gap + M.bottom;
  const parts: string[] = [];
  PANELS.forEach((p, i) => {
    const top = M.top + i * (PANEL + M.gap);
    const value = (o: WatchSeries['observations'][number]) => Math.max(...p.metrics.map((m) => o.counts[m] ?? -1));
    const total = series.length > 1 ? caseTotal(series, value) : [];
    const max = Math.max(p.threshold * 1.2, ...series.flatMap((s) => s.observations.map(value)), ...total.map(([, v]) => v));
    const y = (v: number) => top + PANEL - (v / max) * PANEL;
    parts.push(`<text x="${M.left}" y="${top - 12}" font-size="15" font-weight="600">${esc(p.title)}</text>`,
      `<rect x="${M.left}" y="${top}" width="${W - M.left - M.right}" height="${PANEL}" fill="none" stroke="#bbb"/>`);
    for (let k = 0; k <= 4; k++) {
      const v = Math.round((max * k) / 4);
      parts.push(`<text x="${M.left - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end" fill="#555">${v}</text>`, `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
    }
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(p.threshold)}" y2="${y(p.threshold)}" stroke="#d1242f" stroke-width="2" stroke-dasharray="8 5"/>`,
      `<text x="${W - M.right - 4}" y="${y(p.threshold) - 6}" font-size="13" text-anchor="end" fill="#d1242f">${esc(p.label)}</text>`);
    // The case's total (第四条): at each check, every post's highest count so far, added up; drawn dashed in grey.
    if (total.length > 1) {
      parts.push(`<polyline fill="none" stroke="#57606a" stroke-width="2" stroke-dasharray="4 3" points="${total.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`,
        `<text x="${x(total.at(-1)![0]).toFixed(1)}" y="${(y(total.at(-1)![1]) - 6).toFixed(1)}" font-size="12" text-anchor="end" fill="#57606a">案件累计 / case total ${total.at(-1)![1]}</text>`);
    }
    series.forEach((s, n) => {
      const colour = COLOURS[n % COLOURS.length]!;
      const pts = s.observations.filter((o) => value(o) >= 0).map((o) => [x(Date.parse(o.at)), y(value(o))] as const);
      if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`);
      for (const [a, b] of pts) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${colour}"/>`);
      // Checks that read no count (the post gone, the site down) are marked under the axis, in the post's colour.
      for (const o of s.observations.filter((o) => value(o) < 0)) parts.push(`<text x="${x(Date.parse(o.at)).toFixed(1)}" y="${top + PANEL + 14}" font-size="12" text-anchor="middle" fill="${colour}">${o.state === 'failed' ? '?' : '×'}</text>`);
    });
  });
  const axisY = height - M.bottom + 32;
  for (let k = 0; k <= 4; k++) {
    const t = t0 + ((t1 - t0) * k) / 4;
    parts.push(`<text x="${x(t)}" y="${axisY}" font-size="12" text-anchor="${k === 0 ? 'start' : k === 4 ? 'end' : 'middle'}" fill="#555">${when(t, t1 - t0 < 3_600_000)}</text>`);
  }
  // The legend: one line per post, so that no address runs off the picture.
  const legend = series.map((s, n) => `<text x="${M.left}" y="${height + 14 + n * 18}" font-size="12" fill="${COLOURS[n % COLOURS.length]}">● ${esc(s.url.length > 110 ? `${s.url.slice(0, 107)}…` : s.url)}</text>`).join('\n');
  const full = height + 10 + series.length * 18;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${full}" viewBox="0 0 ${W} ${full}" font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${M.left}" y="24" font-size="17" font-weight="700">${esc(title)}</text>
<text x="${M.left}" y="46" font-size="12" fill="#555">北京时间 / Beijing time · × 找不到帖子 / post gone · ? 检查失败 / check failed · 固证 guzheng</text>
${parts.join('\n')}
${legend}
</svg>
`;
}

/** The case's total over time: at each check of any post, the sum of every post's highest count read so far. */
function caseTotal(series: WatchSeries[], value: (o: WatchSeries['observations'][number]) => number): [number, number][] {
  const events = series.flatMap((s, n) => s.observations.map((o) => ({ t: Date.parse(o.at), n, v: value(o) }))).filter((e) => e.v >= 0).sort((a, b) => a.t - b.t);
  const best = new Map<number, number>();
  const out: [number, number][] = [];
  for (const e of events) {
    best.set(e.n, Math.max(e.v, best.get(e.n) ?? 0));
    out.push([e.t, [...best.values()].reduce((a, b) => a + b, 0)]);
  }
  return best.size > 1 ? out : [];
}

/** The SVG drawn as a PNG by the same offline browser as the documents. */
export async function chartPng(svg: string, file: string): Promise<void> {
  const [{ findBrowser }, { launchBrowser }] = await Promise.all([import('../capture/browser/discover.js'), import('../capture/browser/launch.js')]);
  const { browser } = await launchBrowser(findBrowser());
  try {
    const page = await browser.newPage({ viewport: { width: W, height: 800 } });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: file });
  } finally {
    await browser.close();
  }
}
