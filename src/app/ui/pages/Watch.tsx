/**
 * #/cases/ID/watch — the posts watched for this case: their state and last counts, what was kept as evidence (full
 * captures, timestamps), the chart with the 5,000 and 500 lines, the alerts with their evidence, a form to watch
 * more, and where alerts are also sent. The checks run while the app is open (and with guzheng watch run).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Flex, Input, List, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, watchChartUrl, watchPostChartUrl, type WatchSummary } from '../api';
import { href } from '../router';
import { ErrorNotice, Loading, NotAllowed, PageTitle, useOpenCase, useShell } from '../components/common';
import { useAction, useLoad } from '../hooks';
import { beijingTime, useLang } from '../i18n';

const STATE: Record<string, [string, string, string]> = {
  normal: ['正常', 'Normal', 'success'], 'gone-suspected': ['疑似被删', 'Seems gone', 'warning'], 'deleted-confirmed': ['确认已删除', 'Deleted (confirmed)', 'error'],
  restored: ['已恢复', 'Restored', 'processing'], edited: ['被修改', 'Edited', 'warning'], failed: ['检查失败', 'Check failed', 'default'],
  blocked: ['被平台拦截', 'Blocked by the site', 'default'], 'login-needed': ['需要登录', 'Login needed', 'default'],
};

const METRIC: Record<string, [string, string]> = {
  views: ['浏览', 'views'], reads: ['阅读', 'reads'], plays: ['播放', 'plays'], reposts: ['转发', 'reposts'], shares: ['分享', 'shares'],
  comments: ['评论', 'comments'], likes: ['点赞', 'likes'], favourites: ['收藏', 'favourites'], danmaku: ['弹幕', 'danmaku'],
};

export default function WatchPage({ caseId }: { caseId: string }) {
  const { tr, pick, lang } = useLang();
  useOpenCase(caseId);
  const { server, may } = useShell();
  const canWork = may('work');
  const list = useLoad(() => api.watches(caseId), [caseId]);
  const [urls, setUrls] = useState('');
  const [every, setEvery] = useState('auto');
  const [capture, setCapture] = useState(true);
  const add = useAction(async () => {
    const r = await api.addWatches(caseId, urls.split(/\r?\n/).map((u) => u.trim()).filter(Boolean), every, capture);
    setUrls('');
    list.reload();
    return r;
  });
  const toggle = useAction(async (w: WatchSummary) => {
    await (w.paused ? api.resumeWatch(w.id) : api.pauseWatch(w.id));
    list.reload();
  });
  const watches = list.data?.watches ?? [];
  const alerts = watches.flatMap((w) => w.alerts.map((a) => ({ ...a, url: w.url }))).sort((a, b) => b.at.localeCompare(a.at));
  const state = (s: string | null) => (s && STATE[s] ? <Tag color={STATE[s]![2]}>{lang === 'zh' ? STATE[s]![0] : STATE[s]![1]}</Tag> : <Tag>{tr('未检查', 'Not checked yet')}</Tag>);
  const columns: TableColumnsType<WatchSummary> = [
    { title: tr('帖子', 'Post'), dataIndex: 'url', render: (u: string) => <span className="break">{u}</span> },
    { title: tr('状态', 'State'), width: 140, render: (_, w) => <>{state(w.state)}{w.paused ? <Tag>{tr('已暂停', 'Paused')}</Tag> : null}</> },
    { title: tr('最近的数量', 'Last counts'), width: 220, render: (_, w) => (w.last && Object.keys(w.last.raw).length ? Object.entries(w.last.raw).map(([k, v]) => `${METRIC[k] ? METRIC[k]![lang === 'zh' ? 0 : 1] : k} ${v}`).join('  ') : '—') },
    { title: tr('最近检查（北京时间）', 'Last check (Beijing time)'), width: 190, render: (_, w) => (w.lastAt ? beijingTime(w.lastAt) : '—') },
    { title: tr('存证', 'Evidence kept'), width: 170, render: (_, w) => <span data-testid="watch-kept">{tr(`完整取证 ${w.captures} 次 · 时间戳 ${w.timestamps} 个`, `${w.captures} full capture(s) · ${w.timestamps} timestamp(s)`)}</span> },
    ...(canWork ? [{ title: '', width: 90, render: (_: unknown, w: WatchSummary) => <Button size="small" onClick={() => void toggle.run(w)}>{w.paused ? tr('继续', 'Resume') : tr('暂停', 'Pause')}</Button> }] : []),
  ];
  return (
    <>
      <PageTitle sub={server
        ? tr('定时检查帖子的数量和状态；每次检查都作为证据保存。服务器按计划检查，无需打开本页。', 'The counts and state of posts, checked on a schedule; every check is kept as evidence. The server checks on schedule; this page need not be open.')
        : tr('定时检查帖子的数量和状态；每次检查都作为证据保存。应用打开时会自动检查。', 'The counts and state of posts, checked on a schedule; every check is kept as evidence. Checks run while the app is open.')}>
        {tr('跟踪帖子', 'Watch posts')}
      </PageTitle>
      <Flex vertical gap={16}>
        {canWork ? <Card title={tr('关注新的帖子', 'Watch a post')}>
          <Flex gap={8} wrap align="start">
            <Input.TextArea value={urls} onChange={(e) => setUrls(e.target.value)} rows={2} style={{ maxWidth: 560 }} placeholder={tr('帖子网址，每行一个', 'Post addresses, one per line')} data-testid="watch-urls" />
            <Select value={every} onChange={setEvery} style={{ width: 230 }} data-testid="watch-every" options={[
              { value: 'auto', label: tr('自动（先每 10 分钟，一周内每小时，之后每天）', 'Adaptive (10 min, then hourly for a week, then daily)') },
              { value: '10m', label: tr('每 10 分钟', 'Every 10 minutes') }, { value: '1h', label: tr('每小时', 'Hourly') }, { value: '1d', label: tr('每天', 'Daily') }]} />
            <Checkbox checked={capture} onChange={(e) => setCapture(e.target.checked)} data-testid="watch-capture">
              {tr('第一次、每天一次和每次提醒时完整取证', 'Full capture on the first check, daily and on every alert')}
            </Checkbox>
            <Button type="primary" onClick={() => void add.run()} loading={add.running} disabled={!urls.trim()} data-testid="watch-add">{tr('开始关注', 'Watch')}</Button>
          </Flex>
          <ErrorNotice error={add.error ?? toggle.error} what={tr('没有成功', 'That did not work')} />
        </Card> : <NotAllowed need="work" doing={{ zh: '可以查看关注的帖子，不能添加或暂停', en: 'you can see the watched posts, not add or pause them' }} />}
        <Card title={tr('关注的帖子', 'Posts watched')}>
          {list.loading && !list.data ? <Loading /> : null}
          <ErrorNotice error={list.error} onRetry={list.reload} what={tr('无法读取', 'Cannot read the watches')} />
          {list.data && !watches.length ? <Empty description={tr('还没有关注的帖子', 'No post is watched yet')} /> : null}
          {watches.length ? <Table<WatchSummary> rowKey="id" size="middle" columns={columns} dataSource={watches} pagination={false} scroll={{ x: 'max-content' }}
            expandable={{
              rowExpandable: (w) => Boolean(w.last),
              expandedRowRender: (w) => <img src={watchPostChartUrl(w.id, w.alerts.length + (w.lastAt ? Date.parse(w.lastAt) % 100000 : 0))} data-testid="watch-post-chart"
                alt={tr('这个帖子的数量变化图，标出 5000 和 500 两条线', 'Chart of this post, with the 5,000 and 500 lines')} style={{ maxWidth: '100%' }} />,
            }} /> : null}
          {watches.length ? <Flex justify="flex-end" style={{ marginTop: 12 }}><Button onClick={list.reload}>{tr('刷新', 'Refresh')}</Button></Flex> : null}
        </Card>
        {watches.some((w) => w.last) ? (
          <Card title={tr('数量的变化', 'Counts over time')}>
            <img src={watchChartUrl(caseId, watches.reduce((n, w) => n + (w.lastAt ? 1 : 0), 0) + alerts.length)} alt={tr('关注帖子的数量变化图，标出 5000 和 500 两条线', 'Chart of the watched posts, with the 5,000 and 500 lines')}
              style={{ maxWidth: '100%' }} data-testid="watch-chart" />
          </Card>
        ) : null}
        <Card title={tr('提醒', 'Alerts')} data-testid="watch-alerts">
          {alerts.length ? (
            <List dataSource={alerts} renderItem={(a) => (
              <List.Item>
                <Flex vertical>
                  <Typography.Text strong>⚑ {pick(a)}</Typography.Text>
                  <Typography.Text type="secondary" className="break">{beijingTime(a.at)} · {a.url}</Typography.Text>
                  {typeof a.detail.diff === 'string' ? <Typography.Text code className="break">{a.detail.diff}</Typography.Text> : null}
                  {a.evidence?.capture ? <Typography.Link href={href('items', a.evidence.capture)}>{tr('打开这次提醒的完整取证', 'Open the full capture made for this alert')}</Typography.Link> : null}
                </Flex>
              </List.Item>
            )} />
          ) : <Alert type="info" title={tr('还没有提醒。达到 5000 次浏览或 500 次转发、数量下降、帖子被修改、被删或恢复时会在这里显示。', 'No alert yet. Reaching 5,000 views or 500 reposts, a count that fell, a post edited, deleted or restored show here.')} />}
        </Card>
        {/* Where alerts go is the local app's setting; the organisation server is set up by its operator. */}
        {server ? null : <NotifyCard />}
      </Flex>
    </>
  );
}

/** Where alerts are also sent: a webhook, and e-mail over the user's own SMTP server. */
function NotifyCard() {
  const { tr } = useLang();
  const now = useLoad(() => api.watchNotify(), []);
  const [webhook, setWebhook] = useState('');
  const [smtp, setSmtp] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    if (!now.data) return;
    setWebhook(now.data.webhook ?? '');
    setSmtp(now.data.smtp?.url ?? '');
    setFrom(now.data.smtp?.from ?? '');
    setTo(now.data.smtp?.to ?? '');
  }, [now.data]);
  const save = useAction(async () => {
    const r = await api.setWatchNotify({ webhook, smtp, from, to });
    now.reload();
    return r;
  });
  const test = useAction(() => api.testWatchNotify());
  return (
    <Card title={tr('提醒另发到', 'Also send alerts to')} data-testid="watch-notify">
      <Flex vertical gap={8} style={{ maxWidth: 640 }}>
        <Input prefix="Webhook" value={webhook} onChange={(e) => setWebhook(e.target.value)} placeholder="https://…" data-testid="notify-webhook" />
        <Input prefix={tr('邮件服务器', 'SMTP server')} value={smtp} onChange={(e) => setSmtp(e.target.value)} placeholder="smtps://user:password@smtp.example.com:465" data-testid="notify-smtp" />
        <Flex gap={8}>
          <Input prefix={tr('发件人', 'From')} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="notify-from" />
          <Input prefix={tr('收件人', 'To')} value={to} onChange={(e) => setTo(e.target.value)} data-testid="notify-to" />
        </Flex>
        <Typography.Text type="secondary">{tr('只发到您填写的地址；不填则只在本页和命令行显示。', 'Alerts go only where you say; left empty, they show only here and in the command line.')}</Typography.Text>
        <Flex gap={8}>
          <Button type="primary" onClick={() => void save.run()} loading={save.running} data-testid="notify-save">{tr('保存', 'Save')}</Button>
          <Button onClick={() => void test.run()} loading={test.running} disabled={!now.data?.webhook && !now.data?.smtp} data-testid="notify-test">{tr('发一条测试提醒', 'Send a test alert')}</Button>
        </Flex>
        {test.result ? <List size="small" dataSource={test.result.sent} renderItem={(r) => <List.Item>{r.ok ? '✔' : '✘'} {r.to} {r.error ?? ''}</List.Item>} /> : null}
        <ErrorNotice error={save.error ?? test.error ?? now.error} what={tr('没有成功', 'That did not work')} />
      </Flex>
    </Card>
  );
}
