/** #/ — the start: what to do in the first hour, and the list of cases with their nearest deadline. */
import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { api, type CaseSummary } from '../api';
import { ErrorNotice, Loading, PageTitle, useShell } from '../components/common';
import { asApiError, useLoad } from '../hooks';
import { beijingDay, beijingTime, CASE_SCREENS, daysUntil, half, ROUTES, useLang } from '../i18n';
import { href, navigate } from '../router';
import type { ApiError } from '../api';

export default function CasesPage() {
  const { tr } = useLang();
  const cases = useLoad(() => api.cases(), []);
  const [creating, setCreating] = useState(false);
  const list = cases.data?.cases ?? [];
  const target = list.find((c) => c.default) ?? list[0] ?? null;
  // On the organisation server lawyers and owners open cases; the others see the cases they were made members of.
  const { server, may } = useShell();
  const canOpen = may('manage');
  return (
    <>
      <PageTitle extra={canOpen ? (
        <Button type="primary" data-testid="new-case" onClick={() => setCreating((v) => !v)} aria-expanded={creating} aria-controls="new-case-form">
          {tr('新建案件', 'New case')}
        </Button>
      ) : null}>
        {tr('案件', 'Cases')}
      </PageTitle>
      {creating && canOpen ? <NewCase onCancel={() => setCreating(false)} /> : null}
      <FirstHour target={target} onNeedCase={canOpen ? () => setCreating(true) : null} />
      <Card title={server ? tr('您能看到的案件', 'The cases you can see') : tr('我的案件', 'My cases')} style={{ marginTop: 16 }}>
        {cases.loading && !cases.data ? <Loading /> : null}
        <ErrorNotice error={cases.error} onRetry={cases.reload} what={tr('无法读取案件列表', 'Cannot read the cases')} />
        {cases.data && list.length === 0 ? (canOpen ? (
          <Empty description={tr('还没有案件。新建一个案件，然后开始取证。', 'No case yet. Create one, then capture the evidence.')}>
            <Button type="primary" onClick={() => setCreating(true)}>{tr('新建案件', 'New case')}</Button>
          </Empty>
        ) : (
          <Empty data-testid="no-cases-member" description={tr('还没有您能看到的案件。案件由本组织的律师或负责人新建，并把您加为成员。', 'No case you can see yet. A lawyer or owner of your organisation opens a case and makes you a member.')} />
        )) : null}
        {list.length ? <List dataSource={list} renderItem={(c) => <CaseRow c={c} />} /> : null}
      </Card>
    </>
  );
}

function CaseRow({ c }: { c: CaseSummary }) {
  const { tr, lang, pick } = useLang();
  const d = c.nearestDeadline;
  const days = d ? daysUntil(d.date) : null;
  return (
    <List.Item data-testid="case-row" data-case={c.id}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Link href={href('cases', c.id)} strong className="break" style={{ fontSize: 16 }}>{c.title || tr('（无标题）', '(untitled)')}</Typography.Link>
          {c.default ? <Tag style={{ marginLeft: 8 }}>{tr('默认案件', 'Default case')}</Tag> : null}
          <div>
            <Typography.Text type="secondary">
              {tr(`${c.items} 件证据`, `${c.items} item(s) of evidence`)} · {tr('创建于', 'created')} {beijingTime(c.createdAt)}
            </Typography.Text>
          </div>
        </div>
        <div style={{ textAlign: 'right' }}>
          {d ? (
            <Space orientation="vertical" size={0} align="end">
              <Tag color={days !== null && days < 0 ? 'red' : days !== null && days <= 30 ? 'gold' : 'blue'}>
                {tr('最近期限', 'Nearest deadline')} {d.date}
                {days !== null ? (days < 0 ? tr('（已过）', ' (passed)') : tr(`（还有 ${days} 天）`, ` (${days} days left)`)) : ''}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{half(d.what, lang)}{d.route ? ` · ${ROUTES[d.route] ? pick(ROUTES[d.route]) : half(d.route, lang)}` : ''}</Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">{tr('暂无已知期限', 'No deadline known yet')}</Typography.Text>
          )}
        </div>
      </Flex>
    </List.Item>
  );
}

function NewCase({ onCancel }: { onCancel: () => void }) {
  const { tr } = useLang();
  const { server } = useShell();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [empty, setEmpty] = useState(false);
  const submit = async () => {
    const t = title.trim();
    if (!t) {
      setEmpty(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { id } = await api.createCase(t);
      navigate(href('cases', id));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card id="new-case-form" title={tr('新建案件', 'New case')} style={{ marginBottom: 16 }}>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={tr('案件名称', 'Case title')} htmlFor="case-title"
          help={empty ? tr('请填写案件名称', 'Please give the case a title') : server
            ? tr(`例如：“张某被网络诽谤案 ${beijingDay()}”。本组织的负责人和案件成员能看到。`, `For example: "Online defamation of Ms Zhang, ${beijingDay()}". Your organisation's owners and the case's members see it.`)
            : tr(`例如：“微博上关于我的不实帖子 ${beijingDay()}”。只给您自己看。`, `For example: "False posts about me on Weibo, ${beijingDay()}". Only you see it.`)}
          validateStatus={empty ? 'error' : undefined}>
          <Input id="case-title" data-testid="case-title" value={title} autoFocus maxLength={200}
            onChange={(e) => { setTitle(e.target.value); setEmpty(false); }} />
        </Form.Item>
        <ErrorNotice error={error} what={tr('没有建成案件', 'The case was not created')} />
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="create-case">{tr('创建', 'Create')}</Button>
          <Button onClick={onCancel}>{tr('取消', 'Cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** The four things to do first, each linking to the screen that does it. */
function FirstHour({ target, onNeedCase }: { target: CaseSummary | null; onNeedCase: (() => void) | null }) {
  const { tr } = useLang();
  const { may } = useShell();
  // A step whose screen the user's role cannot use (a viewer on the organisation server) has no button.
  const go = (screen: string, query = '') => (target && may(CASE_SCREENS.find((s) => s.key === screen)?.need ?? 'view') ? `${href('cases', target.id, screen)}${query}` : undefined);
  const steps = [
    {
      title: tr('立即固定证据，趁它还没被删除', 'Fix the evidence now, before it is deleted'),
      text: tr('把帖子的链接交给固证：它会录下网页、截图、录像，并加盖时间戳。', 'Give guzheng the link: it records the page, screenshots and a video, and timestamps them.'),
      link: go('capture'), action: tr('去取证', 'Capture'),
    },
    {
      title: tr('保留您看到它的手机或电脑（原始载体）', 'Keep the phone or computer you saw it on (the original carrier)'),
      text: tr('不要删除聊天记录、不要恢复出厂设置。法院可能要求查看原始设备。', 'Do not delete chats or reset the device. A court may ask to see the original.'),
      link: undefined, action: '',
    },
    {
      title: tr('通知平台删除', 'Notify the platform'),
      text: tr('用固证生成平台通知书，要求平台删除、屏蔽或断开链接。', 'Make a platform notice with guzheng asking the platform to remove or block the post.'),
      link: go('documents', '?kind=platform-notice'), action: tr('去写通知书', 'Write the notice'),
    },
    {
      title: tr('再考虑公证、报警或起诉', 'Then think about notarisation, the police or a court'),
      text: tr('看看法律给您哪些途径，各有什么条件和期限。', 'See which routes the law gives you, with their conditions and deadlines.'),
      link: go('routes'), action: tr('看法律途径', 'See the routes'),
    },
  ];
  return (
    <Card title={tr('第一个小时该做什么', 'What to do in the first hour')} data-testid="first-hour">
      <Row gutter={[16, 16]}>
        {steps.map((s, i) => (
          <Col key={s.title} xs={24} md={12}>
            <Flex gap={12} align="flex-start">
              <span className="step-no" style={{
                flex: '0 0 28px', height: 28, borderRadius: 14, background: '#1d5fbf', color: '#fff', textAlign: 'center', lineHeight: '28px', fontWeight: 600,
              }}>{i + 1}</span>
              <div>
                <Typography.Text strong>{s.title}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{s.text}</Typography.Paragraph>
                {s.action ? (s.link
                  ? <Button size="small" href={s.link} data-testid={`first-hour-${i + 1}`}>{s.action}</Button>
                  : onNeedCase && !target ? <Button size="small" onClick={onNeedCase} data-testid={`first-hour-${i + 1}`}>{tr('先新建案件', 'Create a case first')}</Button> : null)
                  : null}
              </div>
            </Flex>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
