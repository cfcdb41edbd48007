/** guzheng watch add|list|pause|resume|remove|run|show: follow posts on a schedule, every check kept as evidence. */
import { GuzhengError } from '../errors.js';
import { addWatches, chartWatches, listWatches, runWatches, setWatch, showWatch } from '../actions/watch.js';
import { parseDuration } from '../watch/watches.js';
import { toShanghai } from '../capture/time.js';
import { parseCommandArgs, withVault } from './output.js';

export const WATCH_HELP = `用法 / usage:
  guzheng watch add <网址 url…> [--case 编号] [--every 1h] [--until 日期]   定时检查帖子 / watch posts on a schedule
  guzheng watch list [--json]                                            关注的帖子 / the posts watched
  guzheng watch pause|resume|remove <编号 id>                            暂停、继续、移除（记录保留）/ pause, resume, remove (the record stays)
  guzheng watch run [--once] [--for 10m]                                 在前台运行到期的检查 / run the checks that are due, in the foreground
  guzheng watch show <编号或网址 id|url> [--json]                        数量变化、状态和提醒 / the series, the states and the alerts
  guzheng watch chart <编号、网址或案件 id|url|case> --out f.svg|f.png   画出数量变化，标出 5000 和 500 / a chart with the 5,000 and 500 lines

  每次检查都作为证据保存（保管记录中带哈希链的“observed”事件），数量不明时记为不明，网站打不开时记为检查失败，绝不记为 0。
  达到 5000 次浏览/阅读或 500 次转发、数量下降、帖子疑似被删、连续 3 次确认删除、恢复，都会提醒。
  Every check is kept as evidence (an "observed" event in a hash-chained custody stream); a count not shown stays
  unknown and an unreachable site is a failed check, never a zero. Alerts: 5,000 views/reads or 500 reposts reached, a
  count that fell, a post gone, a deletion confirmed after 3 checks in a row, a post restored.
  --every 最短 60 秒 / at least 60 s between checks`;

export async function runWatch(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { case: { type: 'string' }, every: { type: 'string' }, until: { type: 'string' }, once: { type: 'boolean' },
    for: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } }, WATCH_HELP);
  const json = Boolean(values.json);
  const out = (o: unknown, text: string) => process.stdout.write(json ? `${JSON.stringify(o)}\n` : `${text}\n`);
  return withVault(async (vault) => {
    switch (sub) {
      case 'add': {
        const added = await addWatches(vault, { urls: positionals, case: values.case, every: values.every, until: values.until });
        for (const a of added) out(a, `${a.existed ? '= 已在关注 / already watched' : '✔ 开始关注 / watching'}  ${a.url}  ${a.id}（每 ${a.everySeconds} 秒 / every ${a.everySeconds} s）`);
        return 0;
      }
      case 'list': {
        const rows = await listWatches(vault);
        if (json) out({ watches: rows.map((r) => ({ id: r.id, case: r.case_id, url: r.url, state: r.state, everySeconds: r.every_seconds, paused: r.paused === 1, lastAt: r.last_at, nextAt: r.next_at })) }, '');
        else process.stdout.write((rows.length ? rows.map((r) => `${r.id}  ${r.paused ? '暂停 / paused' : r.state ?? '未检查 / not checked yet'}  ${r.url}`).join('\n') : '没有关注的帖子 / nothing is watched') + '\n');
        return 0;
      }
      case 'pause': case 'resume': case 'remove': {
        if (positionals.length !== 1) throw new GuzhengError('E_USAGE', '请给出一个关注编号', 'Give one watch id', WATCH_HELP);
        const row = await setWatch(vault, positionals[0]!, sub, 'guzheng watch');
        out({ id: row.id, [sub]: true }, `✔ ${sub}  ${row.url}`);
        return 0;
      }
      case 'run': {
        const forSeconds = values.for ? parseDuration(values.for) : undefined;
        let stopped = false;
        const stop = () => { stopped = true; };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const n = await runWatches(vault, { once: Boolean(values.once), ...(forSeconds ? { forSeconds } : {}) }, (e) => {
          if (e.type === 'checked') out({ type: 'checked', watch: e.watch, url: e.url, at: e.check!.at, state: e.state, http: e.check!.http, counts: e.check!.counts, error: e.check!.error },
            `· ${toShanghai(new Date(e.check!.at))}  ${e.state}  ${Object.entries(e.check!.counts).map(([k, v]) => `${k} ${v.raw}`).join(' ') || '—'}  ${e.url}`);
          else out({ type: 'alert', watch: e.watch, url: e.url, ...e.alert }, `⚑ ${e.alert!.zh}\n  ${e.alert!.en}  ${e.url}`);
        }, () => stopped);
        if (!json) process.stderr.write(`完成 ${n} 次检查 / ${n} check(s) done\n`);
        return 0;
      }
      case 'show': {
        if (positionals.length !== 1) throw new GuzhengError('E_USAGE', '请给出关注编号或网址', 'Give a watch id or URL', WATCH_HELP);
        const s = await showWatch(vault, positionals[0]!);
        out(s, [`${s.url}  ${s.id}  ${s.state ?? '—'}`, ...s.observations.map((o) => `  ${toShanghai(new Date(o.at))}  ${o.state}  ${Object.entries(o.raw).map(([k, v]) => `${k} ${v}`).join(' ') || '—'}`),
          ...s.alerts.map((a) => `  ⚑ ${toShanghai(new Date(a.at))}  ${a.zh} / ${a.en}`)].join('\n'));
        return 0;
      }
      case 'chart': {
        if (positionals.length !== 1 || !values.out) throw new GuzhengError('E_USAGE', '请给出一个关注、网址或案件，以及 --out 文件', 'Give one watch, URL or case, and --out file', WATCH_HELP);
        const r = await chartWatches(vault, positionals[0]!, values.out);
        out(r, `✔ ${r.file}（${r.posts} 个帖子 / post(s)）`);
        return 0;
      }
      default:
        throw new GuzhengError('E_USAGE', `未知的 watch 子命令“${sub ?? ''}”`, `Unknown watch subcommand "${sub ?? ''}"`, WATCH_HELP);
    }
  });
}
