/** guzheng watch add|list|pause|resume|remove|run|show: follow posts on a schedule, every check kept as evidence. */
import { GuzhengError } from '../errors.js';
import { addWatches, chartWatches, listWatches, notifySettings, runWatches, setNotify, setWatch, showWatch, testNotify } from '../actions/watch.js';
import { parseDuration } from '../watch/watches.js';
import { toShanghai } from '../capture/time.js';
import { parseCommandArgs, withVault } from './output.js';

export const WATCH_HELP = `用法 / usage:
  guzheng watch add <网址 url…> [--case 编号] [--every 1h|auto] [--until 日期] [--login 平台] [--no-capture]
                                                                         定时检查帖子 / watch posts on a schedule
  guzheng watch list [--json]                                            关注的帖子 / the posts watched
  guzheng watch pause|resume|remove <编号 id>                            暂停、继续、移除（记录保留）/ pause, resume, remove (the record stays)
  guzheng watch run [--once] [--for 10m]                                 在前台运行到期的检查 / run the checks that are due, in the foreground
  guzheng watch show <编号或网址 id|url> [--json]                        数量变化、状态和提醒 / the series, the states and the alerts
  guzheng watch chart <编号、网址或案件 id|url|case> --out f.svg|f.png   画出数量变化，标出 5000 和 500 / a chart with the 5,000 and 500 lines
  guzheng watch notify [--webhook URL] [--smtp smtp://… --from 地址 --to 地址] [--off] [--test]
                                                                         提醒另发到 webhook 或邮箱 / also send alerts to a webhook or by e-mail

  每次检查都作为证据保存（保管记录中带哈希链的“observed”事件），数量不明时记为不明，网站打不开时记为检查失败，绝不记为 0。
  提醒：单条帖子或案件中一年内的帖子累计达到 5000 次浏览/阅读/播放或 500 次转发，数量下降，帖子被修改（保存修改前后的差异），
  疑似被删，连续 3 次找不到并经另一种访问方式确认删除，恢复。
  Every check is kept as evidence (an "observed" event in a hash-chained custody stream); a count not shown stays
  unknown and an unreachable site is a failed check, never a zero. Alerts: one post, or the case's posts of one year
  added up, reaching 5,000 views/reads/plays or 500 reposts; a count that fell; an edit (kept as a diff); a post gone;
  a deletion confirmed after 3 checks in a row and by a second access mode; a post restored.
  微博、B站视频用平台页面自己请求的公开数据检查；抖音和 B站动态在真实页面里检查（平台自己的脚本签名请求）；其他网页读可见文字。
  每次检查的请求和应答存为 WARC 记录；第一次检查、每天一次和每次提醒时再做一次完整取证；记录的最新一条每小时及每次提醒后加可信时间戳。
  Weibo and Bilibili videos are checked through the public data their own pages ask for; Douyin and Bilibili dynamics
  inside the real page (the platform's own scripts sign the request); other pages by their visible text. Each
  check's requests and responses are kept as WARC records; a full capture is made on the first check, once a day
  and on every alert; the head of the log is timestamped hourly and after every alert.
  --every auto（默认）：前 6 小时每 10 分钟、一周内每小时、之后每天，接近法定数量时更频繁；固定间隔最短 60 秒
  --every auto (the default): every 10 min for 6 h, hourly for a week, daily after, more often near a threshold;
  a fixed interval is at least 60 s. --no-capture: light checks only. --login: check with a saved login (guzheng
  login); when it has expired the check falls back to visitor mode and says so.`;

export async function runWatch(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { case: { type: 'string' }, every: { type: 'string' }, until: { type: 'string' }, once: { type: 'boolean' },
    for: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, 'no-capture': { type: 'boolean' }, login: { type: 'string' },
    webhook: { type: 'string' }, smtp: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, off: { type: 'boolean' }, test: { type: 'boolean' } }, WATCH_HELP);
  const json = Boolean(values.json);
  const out = (o: unknown, text: string) => process.stdout.write(json ? `${JSON.stringify(o)}\n` : `${text}\n`);
  return withVault(async (vault) => {
    switch (sub) {
      case 'add': {
        const added = await addWatches(vault, { urls: positionals, case: values.case, every: values.every, until: values.until, capture: !values['no-capture'], login: values.login });
        for (const a of added) out(a, `${a.existed ? '= 已在关注 / already watched' : '✔ 开始关注 / watching'}  ${a.url}  ${a.id}（${a.schedule === 'adaptive' ? '自动调整间隔 / adaptive schedule' : `每 ${a.everySeconds} 秒 / every ${a.everySeconds} s`}）`);
        return 0;
      }
      case 'list': {
        const rows = await listWatches(vault);
        if (json) out({ watches: rows.map((r) => ({ id: r.id, case: r.case_id, url: r.url, state: r.state, schedule: r.schedule, everySeconds: r.every_seconds, paused: r.paused === 1,
          capture: r.capture === 1, login: r.login, lastAt: r.last_at, nextAt: r.next_at, stampedAt: r.stamped_at })) }, '');
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
          else if (e.type === 'alert') out({ type: 'alert', watch: e.watch, url: e.url, ...e.alert }, `⚑ ${e.alert!.zh}\n  ${e.alert!.en}  ${e.url}`);
          else out({ type: e.type, watch: e.watch, url: e.url, ...e.detail }, runLine(e.type, e.detail ?? {}, e.url));
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
      case 'notify': {
        const changing = values.off || values.webhook !== undefined || values.smtp !== undefined;
        const now = changing ? await setNotify(vault, { off: values.off, webhook: values.webhook, smtp: values.smtp, from: values.from, to: values.to }) : await notifySettings(vault);
        if (values.test) {
          const sent = await testNotify(vault);
          out({ ...now, test: sent }, sent.map((r) => `${r.ok ? '✔' : '✘'} ${r.to}${r.error ? `  ${r.error}` : ''}`).join('\n') || '没有设置提醒去处 / nowhere to send alerts');
          return sent.every((r) => r.ok) ? 0 : 1;
        }
        out(now, `webhook: ${now.webhook ?? '—'}\n邮件 / e-mail: ${now.smtp ? `${now.smtp.from} → ${now.smtp.to} (${now.smtp.url})` : '—'}`);
        return 0;
      }
      default:
        throw new GuzhengError('E_USAGE', `未知的 watch 子命令“${sub ?? ''}”`, `Unknown watch subcommand "${sub ?? ''}"`, WATCH_HELP);
    }
  });
}

/** One line of `watch run` for what is not a check or an alert. */
function runLine(type: string, d: Record<string, unknown>, url: string): string {
  switch (type) {
    case 'captured': return `📷 完整取证 / full capture ${d.item ?? '—'} ${d.status}（${(d.why as string[]).join(', ')}）${d.error ? ` ${d.error}` : ''}  ${url}`;
    case 'timestamped': return `⏱ 记录已加时间戳 / log head timestamped: ${(d.stamped as { tsa: string }[]).length} TSA(s)${(d.failed as unknown[]).length ? `, ${(d.failed as unknown[]).length} failed` : ''}`;
    case 'blocked': return d.backoffSeconds ? `⛔ 平台拒绝访问，暂停 ${d.backoffSeconds} 秒 / the platform blocked us: backing off ${d.backoffSeconds} s (${d.identity})` : `⛔ ${d.answer ?? 'blocked'}  ${url}`;
    case 'login-expired': return `⚠ 登录已失效，改用访客方式 / the login ${d.login} has expired: checked as a visitor  ${url}`;
    default: return `${type}  ${url}`;
  }
}
