/**
 * A post's facts as read from the recording, each with where it was read (small grey text). Disagreements with what
 * the page shows are flagged in amber, never hidden. Every field may be missing: nothing here assumes one is there.
 */
import type { ReactNode } from 'react';
import { Alert, Card, Collapse, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import type { Comment, Fact, PostFacts } from '../api';
import { beijingTime, PLATFORMS, useLang } from '../i18n';

const PAGE_STATE: Record<string, [string, string, string]> = {
  normal: ['正常显示', 'Shown normally', 'green'],
  'deleted-by-author': ['已被作者删除', 'Deleted by the author', 'red'],
  'removed-by-platform': ['已被平台删除或屏蔽', 'Removed by the platform', 'red'],
  'not-found': ['页面不存在', 'Not found', 'red'],
  'login-wall': ['需要登录才能查看', 'Behind a login wall', 'gold'],
  unavailable: ['无法访问', 'Unavailable', 'gold'],
  unknown: ['无法判断', 'Unknown', 'default'],
};

export const COUNT_LABELS: Record<string, [string, string]> = {
  views: ['浏览', 'Views'], reads: ['阅读', 'Reads'], plays: ['播放', 'Plays'], reposts: ['转发', 'Reposts'], shares: ['分享', 'Shares'],
  comments: ['评论', 'Comments'], likes: ['点赞', 'Likes'], favourites: ['收藏', 'Favourites'], quotes: ['引用', 'Quotes'], danmaku: ['弹幕', 'Danmaku'],
};

const isFact = (f: unknown): f is Fact<unknown> => !!f && typeof f === 'object' && 'value' in (f as object);

export function PostFactsView({ post }: { post: PostFacts | null }) {
  const { tr, pick } = useLang();
  if (!post) {
    return (
      <Card title={tr('帖子信息', 'The post')} data-testid="post-facts">
        <Empty description={tr('这件证据没有提取出帖子信息（例如普通网页）。截图和网页快照仍是完整的证据。', 'No post facts were read from this evidence (e.g. an ordinary page). The screenshots and snapshot are still evidence.')} />
      </Card>
    );
  }
  const checks = Array.isArray(post.checks) ? post.checks : [];
  const bad = checks.filter((c) => c && c.ok === false);
  const flagged = {
    has: (name: string) => bad.some((c) => {
      const f = c.field ?? c.name ?? '';
      return f === name || f.startsWith(`${name}.`) || name.startsWith(`${f}.`);
    }),
  };
  const factValue = (f: unknown, name: string, time = false): ReactNode => {
    if (!isFact(f)) return <Typography.Text type="secondary">{tr('未找到', 'Not found')}</Typography.Text>;
    const v = f.value;
    const shown = v === null || v === undefined ? '—' : time && typeof v === 'string' ? `${beijingTime(v)} ${tr('（北京时间）', '(Beijing time)')}`
      : typeof v === 'number' ? v.toLocaleString('en-US') : String(v);
    return (
      <div className={flagged.has(name) ? 'fact-flagged' : undefined} style={flagged.has(name) ? { background: '#fffbe6', borderLeft: '3px solid #faad14', paddingLeft: 6 } : undefined}>
        <div className="break" style={{ whiteSpace: 'pre-wrap' }}>{shown}</div>
        {f.raw && f.raw !== shown ? <div className="source">{tr('原文', 'As shown')}: {f.raw}</div> : null}
        <div className="source">{tr('来源', 'Source')}: {f.source || '—'}</div>
        {flagged.has(name) ? <Tag color="gold">{tr('与页面显示不一致', 'Disagrees with the page')}</Tag> : null}
      </div>
    );
  };
  const st = post.state && isFact(post.state) ? PAGE_STATE[String(post.state.value)] : undefined;
  const counts = post.counts && typeof post.counts === 'object' ? Object.entries(post.counts).filter(([, f]) => isFact(f)) : [];
  const items = [
    { key: 'platform', label: tr('平台', 'Platform'), children: post.platform ? (PLATFORMS[post.platform] ? pick(PLATFORMS[post.platform]) : post.platform) : '—' },
    {
      key: 'state', label: tr('帖子状态', 'State'),
      children: post.state ? (
        <div>
          <Tag color={st?.[2] ?? 'default'}>{st ? tr(st[0], st[1]) : String(post.state.value)}</Tag>
          {post.state.reason ? <div className="source">{post.state.reason}</div> : null}
          <div className="source">{tr('来源', 'Source')}: {post.state.source}</div>
        </div>
      ) : '—',
    },
    { key: 'author', label: tr('发帖人', 'Author'), children: factValue(post.author?.name, 'author.name') },
    { key: 'authorId', label: tr('发帖人 ID', 'Author ID'), children: factValue(post.author?.id, 'author.id') },
    ...(post.author?.profileUrl ? [{ key: 'profile', label: tr('主页', 'Profile'), children: factValue(post.author.profileUrl, 'author.profileUrl') }] : []),
    ...(post.title ? [{ key: 'title', label: tr('标题', 'Title'), children: factValue(post.title, 'title') }] : []),
    { key: 'publishedAt', label: tr('发布时间', 'Published'), children: factValue(post.publishedAt, 'publishedAt', true) },
    ...(post.editedAt ? [{ key: 'editedAt', label: tr('编辑时间', 'Edited'), children: factValue(post.editedAt, 'editedAt', true) }] : []),
    { key: 'ip', label: tr('IP 属地', 'IP location'), children: factValue(post.ipLocation, 'ipLocation') },
    { key: 'text', label: tr('正文', 'Text'), span: 'filled' as const, children: factValue(post.text, 'text') },
  ];
  return (
    <Card title={tr('帖子信息（从录下的数据中读取）', 'The post (read from the recording)')} data-testid="post-facts">
      {bad.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="fact-disagreements"
          title={tr(`有 ${bad.length} 处与页面显示的内容不一致，请核对截图`, `${bad.length} fact(s) disagree with what the page shows: check the screenshots`)}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{bad.map((c, i) => <li key={i}><b>{c.field ?? c.name}</b>: {c.detail}</li>)}</ul>} />
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {tr('传播数据', 'Reach')} {post.countsReadAt ? <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>{tr('读取于', 'read at')} {beijingTime(post.countsReadAt)}</Typography.Text> : null}
      </Typography.Title>
      {counts.length ? (
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 3 }}
          items={counts.map(([k, f]) => ({ key: k, label: COUNT_LABELS[k] ? tr(...COUNT_LABELS[k]) : k, children: factValue(f, `counts.${k}`) }))} />
      ) : <Typography.Text type="secondary">{tr('没有读到浏览、转发、评论等数字。', 'No views, reposts or comment counts were read.')}</Typography.Text>}
      {post.loggedIn ? <Alert style={{ marginTop: 12 }} type="info" showIcon title={tr(`取证时使用了登录账号：${post.loggedIn.platform}${post.loggedIn.account ? `（${post.loggedIn.account}）` : ''}`, `Captured logged in: ${post.loggedIn.platform}${post.loggedIn.account ? ` (${post.loggedIn.account})` : ''}`)} /> : null}
      {post.missing?.length ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{tr('没有找到：', 'Not found:')}</Typography.Text> {post.missing.map((m) => <Tag key={m}>{m}</Tag>)}
        </div>
      ) : null}
      {post.notes?.length ? <ul className="source" style={{ marginTop: 8 }}>{post.notes.map((n, i) => <li key={i}>{n}</li>)}</ul> : null}
      {checks.length ? (
        <Collapse style={{ marginTop: 12 }} size="small" items={[{
          key: 'checks', label: tr(`与页面的核对（${checks.length} 项）`, `Checks against the page (${checks.length})`),
          children: <List size="small" dataSource={checks} renderItem={(c) => (
            <List.Item style={c.ok ? undefined : { background: '#fffbe6' }}>
              <Flex gap={8}><Tag color={c.ok ? 'green' : 'gold'}>{c.ok ? tr('一致', 'agrees') : tr('不一致', 'disagrees')}</Tag><span className="break">{c.field ?? c.name}: {c.detail}</span></Flex>
            </List.Item>
          )} />,
        }]} />
      ) : null}
    </Card>
  );
}

function CommentBody({ c }: { c: Comment }) {
  const { tr } = useLang();
  return (
    <div style={{ minWidth: 0 }}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{c.author ?? tr('（未知用户）', '(unknown user)')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.time ? beijingTime(c.time) : c.timeRaw ?? ''}{c.ipLocation ? ` · ${tr('IP属地', 'IP')} ${c.ipLocation}` : ''}{typeof c.likes === 'number' ? ` · ${tr('赞', 'likes')} ${c.likes}` : ''}
        </Typography.Text>
      </Flex>
      <div className="break" style={{ whiteSpace: 'pre-wrap' }}>{c.text ?? '—'}</div>
      {c.source ? <div className="source">{tr('来源', 'Source')}: {c.source}</div> : null}
      {c.replies?.length ? (
        <div style={{ borderLeft: '2px solid #f0f0f0', paddingLeft: 12, marginTop: 6 }}>
          {c.replies.map((r, i) => <div key={i} style={{ marginBottom: 6 }}><CommentBody c={r} /></div>)}
        </div>
      ) : null}
    </div>
  );
}

export function CommentsView({ post }: { post: PostFacts | null }) {
  const { tr } = useLang();
  const comments = Array.isArray(post?.comments) ? post.comments : [];
  const reposts = Array.isArray(post?.reposts) ? post.reposts : [];
  if (!post) return null;
  const list = (data: Comment[], empty: string) => data.length
    ? <List size="small" dataSource={data} pagination={data.length > 20 ? { pageSize: 20, size: 'small' } : false} renderItem={(c) => <List.Item><CommentBody c={c} /></List.Item>} />
    : <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Card title={tr('评论与转发', 'Comments and reposts')} data-testid="comments">
      <Collapse defaultActiveKey={comments.length ? ['comments'] : []} items={[
        { key: 'comments', label: tr(`评论（记录了 ${comments.length} 条）`, `Comments (${comments.length} recorded)`), children: list(comments, tr('没有记录到评论。', 'No comments were recorded.')) },
        { key: 'reposts', label: tr(`转发（记录了 ${reposts.length} 条）`, `Reposts (${reposts.length} recorded)`), children: list(reposts, tr('没有记录到转发。', 'No reposts were recorded.')) },
      ]} />
    </Card>
  );
}
