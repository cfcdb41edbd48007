/**
 * The watched posts in a filing: a table of each post's checks (how many, from when to when, the highest views and
 * reposts with when they were read, its state now, the alerts) and the chart of their counts over time with the 5,000
 * and 500 lines, as an exhibit. Built from the watches' own records; empty when the case watches nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vault } from '../vault/vault.js';
import { zhDateTime } from './dates.js';
import { pngSize } from './evidence.js';
import { heading, para, type Block, type Inline } from './model.js';
import { METRIC_ZH } from '../watch/watches.js';

const STATE_ZH: Record<string, string> = { normal: '可以看到', 'gone-suspected': '疑似被删除', 'deleted-confirmed': '已确认删除', restored: '删除后恢复', edited: '被修改过', failed: '最近一次检查失败', blocked: '平台拒绝访问', 'login-needed': '需要登录才能看到' };
const VIEWS = ['views', 'reads', 'plays'];

/** An alert in a few words, for a table cell. */
function alertZh(a: { kind: string; detail: Record<string, unknown> }): string {
  const d = a.detail;
  switch (a.kind) {
    case 'threshold': return `${METRIC_ZH[String(d.metric)] ?? d.metric}达到 ${d.threshold} 次`;
    case 'case-threshold': return `案件累计达到 ${d.threshold} 次`;
    case 'count-fell': return `${METRIC_ZH[String(d.metric)] ?? d.metric}从 ${d.highest} 降到 ${d.value}`;
    case 'edited': return '帖子被修改';
    default: return STATE_ZH[a.kind] ?? a.kind;
  }
}

export async function watchBlocks(vault: Vault, caseId: string): Promise<Block[]> {
  const [{ listWatches }, { watchSeries }] = await Promise.all([import('../actions/watch.js'), import('../watch/series.js')]);
  const rows = await listWatches(vault, caseId);
  const series = (await Promise.all(rows.map((r) => watchSeries(vault, r)))).filter((s) => s.observations.length);
  if (!series.length) return [];
  const at = (iso: string) => zhDateTime(iso, { seconds: true });
  const best = (s: (typeof series)[number], metrics: string[]) => {
    let top: { value: number; at: string; raw: string } | null = null;
    for (const o of s.observations) for (const m of metrics) if (o.counts[m] !== undefined && (!top || o.counts[m]! > top.value)) top = { value: o.counts[m]!, at: o.at, raw: o.raw[m] ?? String(o.counts[m]) };
    return top ? `${top.raw}（${at(top.at)}）` : '未显示';
  };
  const table: Block = {
    kind: 'table', small: true, columns: ['帖子网址', '检查', '最高浏览/阅读/播放', '最高转发', '现在的状态', '提醒'], widths: [22, 17, 13, 13, 11, 24],
    rows: series.map((s): Inline[][] => [[s.url], [`${s.observations.length} 次，${at(s.observations[0]!.at)} 至 ${at(s.observations.at(-1)!.at)}`], [best(s, VIEWS)], [best(s, ['reposts'])],
      [STATE_ZH[s.state ?? ''] ?? s.state ?? ''], [s.alerts.map((a) => `${at(a.at)} ${alertZh(a)}`).join('；') || '无']]),
  };
  const stamps = series.reduce((n, s) => n + s.timestamps.length, 0);
  const blocks: Block[] = [
    heading('帖子传播情况的持续记录'),
    para(`以下 ${series.length} 条帖子由 guzheng 按计划自动检查。每次检查向平台请求帖子的状态和数量（与平台网页自身的请求相同），请求与应答均以 WARC 格式保存并记入带哈希链的保管记录${stamps ? `，记录由可信时间戳固定（共 ${stamps} 个时间戳）` : ''}；帖子达到法定数量、被修改或疑似删除时另作完整取证。“分享”不计为“转发”。完整记录见证据包（guzheng/watches/），可用 guzheng verify 离线核对。`),
    table,
  ];
  const png = await chartImage(vault, caseId);
  const size = png ? pngSize(png) : null;
  if (png && size) blocks.push({ kind: 'exhibit', png, width: size.width, height: size.height, caption: `附件 · 关注帖子的数量随时间变化图（横线为浏览 5000 次、转发 500 次；两高 2013 年诽谤解释第二条）。数据来自上表各帖子的每一次检查。` });
  return blocks;
}

async function chartImage(vault: Vault, caseId: string): Promise<Buffer | null> {
  const [{ watchChart }, { chartPng }] = await Promise.all([import('../actions/watch.js'), import('../watch/chart.js')]);
  const { svg } = await watchChart(vault, caseId);
  const file = join(vault.home, 'tmp', `chart-${randomUUID()}.png`);
  await mkdir(join(vault.home, 'tmp'), { recursive: true });
  try {
    await chartPng(svg, file);
    return await readFile(file);
  } catch {
    return null;
  } finally {
    await rm(file, { force: true });
  }
}
