/**
 * #/cases/ID/routes — the routes the law gives, for the facts as they stand: can / cannot now / cannot tell (with the
 * missing facts linking to the form), conditions, deadlines on one timeline, and each citation's words.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Alert, Card, Col, Collapse, Empty, Flex, List, Row, Switch, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { api, type Condition, type Route } from '../api';
import { Disclaimer, ErrorNotice, Loading, PageTitle, useOpenCase } from '../components/common';
import { useLoad } from '../hooks';
import { beijingTime, daysUntil, half, useLang } from '../i18n';
import { href } from '../router';

/** The facts form field a missing fact is about, from the field name the text quotes or, failing that, its words. */
const FIELDS: [RegExp, string][] = [
  [/knewOfHarmAndPoster|知道(受到)?损害|learned of/i, 'fact-knewOfHarmAndPoster'],
  [/poster\.account|账号/i, 'fact-poster-account'],
  [/poster\.identified|poster\.name|发帖人(身份|是谁)|被告人|identified/i, 'fact-poster-identified'],
  [/priorDefamationPenalty|行政处罚|penalis/i, 'fact-priorDefamationPenalty'],
  [/consequences|精神失常|自残|自杀|self-harm/i, 'fact-consequences'],
  [/socialOrderHarm|群体性事件|公共秩序|public disorder|mass incident/i, 'fact-socialOrderHarm'],
  [/doxxing|人肉|个人信息/i, 'fact-doxxing'],
  [/goals|目的/i, 'fact-goals'],
  [/victim|受害人姓名/i, 'fact-victim-name'],
  [/\bcourt\b|法院名称/i, 'fact-court'],
  [/acts|发布日期|帖子|浏览|转发|published|post/i, 'fact-acts'],
];

export function fieldFor(text: string, conditions: Condition[]): string | null {
  const c = conditions.find((x) => x.detail === text);
  for (const source of [c?.ask, text]) {
    if (!source) continue;
    for (const [re, id] of FIELDS) if (re.test(source)) return id;
  }
  return null;
}

/** The assessment's texts are "中文 / English": one language, or both when the user asks for both. */
const Both = createContext(false);
function useText() {
  const both = useContext(Both);
  const { lang } = useLang();
  return (s: string) => (both ? s : half(s, lang));
}

const AVAILABLE = {
  true: { zh: '可以', en: 'Available', color: 'success' },
  false: { zh: '目前不可行', en: 'Not possible now', color: 'error' },
  null: { zh: '无法判断', en: 'Cannot tell yet', color: 'warning' },
} as const;

const KIND: Record<Condition['kind'], [string, string]> = {
  requires: ['必要条件', 'Required'], exception: ['例外情形', 'Exception'], part: ['判断依据', 'Part'], note: ['说明', 'Note'],
};

export default function RoutesPage({ caseId }: { caseId: string }) {
  const { tr, pick, lang } = useLang();
  useOpenCase(caseId);
  const a = useLoad(() => api.assessment(caseId), [caseId]);
  const [both, setBoth] = useState(false);
  const d = a.data;
  const disclaimer = d ? (typeof d.disclaimer === 'string' ? (both ? d.disclaimer : half(d.disclaimer, lang)) : pick(d.disclaimer)) : undefined;
  return (
    <Both.Provider value={both}>
      <PageTitle extra={
        <Flex gap={8} align="center">
          <Switch id="routes-both" size="small" checked={both} onChange={setBoth} />
          <label htmlFor="routes-both">{tr('中英对照', 'Chinese and English')}</label>
        </Flex>
      } sub={d ? `${tr('按以下日期的事实和法律评估', 'Assessed as of')} ${d.asOf?.length > 10 ? beijingTime(d.asOf) : d.asOf}` : undefined}>
        {tr('法律途径', 'Legal routes')}
      </PageTitle>
      <Disclaimer prominent text={disclaimer} />
      {a.loading && !d ? <Loading rows={8} /> : null}
      <ErrorNotice error={a.error} onRetry={a.reload} what={tr('无法评估法律途径', 'Cannot assess the routes')} />
      {d ? (
        <Flex vertical gap={16}>
          {d.warnings?.length ? (
            <Alert type="warning" showIcon title={tr('请核实', 'Please check')}
              description={<ul style={{ margin: 0, paddingLeft: 18 }}>{d.warnings.map((w, i) => <li key={i}>{both ? w : half(w, lang)}</li>)}</ul>} />
          ) : null}
          <Deadlines routes={d.routes} />
          {d.routes.length === 0 ? <Empty description={tr('没有可显示的途径。', 'No routes to show.')} /> : null}
          <Row gutter={[16, 16]}>
            {d.routes.map((r) => <Col key={r.id} xs={24} xl={12}><RouteCard r={r} caseId={caseId} /></Col>)}
          </Row>
        </Flex>
      ) : null}
    </Both.Provider>
  );
}

function Deadlines({ routes }: { routes: Route[] }) {
  const { tr } = useLang();
  const text = useText();
  const all = routes.flatMap((r) => (r.deadlines ?? []).map((x) => ({ ...x, route: r.title, days: daysUntil(x.date) })));
  // Nearest first: the coming ones in date order, then those already passed, most recent first.
  all.sort((x, y) => {
    const px = (x.days ?? 0) < 0;
    const py = (y.days ?? 0) < 0;
    if (px !== py) return px ? 1 : -1;
    return px ? y.date.localeCompare(x.date) : x.date.localeCompare(y.date);
  });
  return (
    <Card title={tr('期限（最近的在前）', 'Deadlines (nearest first)')} data-testid="deadlines">
      {all.length ? (
        <Timeline items={all.map((x, i) => ({
          key: `${x.date}-${i}`,
          color: x.days === null ? 'gray' : x.days < 0 ? 'gray' : x.days <= 30 ? 'red' : x.days <= 90 ? 'orange' : 'blue',
          content: (
            <div data-testid="deadline" data-date={x.date}>
              <Typography.Text strong style={{ fontSize: 15 }}>{x.date}</Typography.Text>{' '}
              <Typography.Text className="break">{text(x.what)}</Typography.Text>
              <div className="source">{text(x.route)}</div>
              {x.days !== null ? (
                <Tag color={x.days < 0 ? 'default' : x.days <= 30 ? 'red' : 'blue'}>
                  {x.days < 0 ? tr(`已过 ${-x.days} 天`, `passed ${-x.days} days ago`) : x.days === 0 ? tr('就是今天', 'today') : tr(`还有 ${x.days} 天`, `${x.days} days left`)}
                </Tag>
              ) : null}
            </div>
          ),
        }))} />
      ) : <Typography.Text type="secondary">{tr('根据现有事实还算不出期限。补充“案件事实”（例如发布日期、知道发帖人的日期）后再看。', 'No deadline can be computed from the facts yet. Add case facts (e.g. the post\'s date, the day you learned who posted) and look again.')}</Typography.Text>}
    </Card>
  );
}

function RouteCard({ r, caseId }: { r: Route; caseId: string }) {
  const { tr, pick } = useLang();
  const text = useText();
  const av = AVAILABLE[String(r.available) as 'true' | 'false' | 'null'] ?? AVAILABLE.null;
  const icon = (met: boolean | null) => met === true ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={tr('满足', 'met')} />
    : met === false ? <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={tr('不满足', 'not met')} />
      : <QuestionCircleFilled style={{ color: '#d48806' }} aria-label={tr('未知', 'unknown')} />;
  const section = (title: string, body: ReactNode) => (
    <div style={{ marginTop: 12 }}><Typography.Text strong>{title}</Typography.Text><div>{body}</div></div>
  );
  return (
    <div data-testid={`route-${r.id}`} data-available={String(r.available)} style={{ height: '100%' }}>
      <Card title={<span style={{ whiteSpace: 'normal' }}>{text(r.title)}</span>} extra={<Tag color={av.color} data-testid="route-available">{pick(av)}</Tag>} style={{ height: '100%' }}>
        {r.reasons?.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{r.reasons.map((x, i) => <li key={i}>{text(x)}</li>)}</ul> : null}
        {r.available === null && r.missing?.length ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={tr('还需要知道这些，才能判断：', 'To tell, these facts are needed:')}
            description={<ul style={{ margin: 0, paddingLeft: 18 }} data-testid="route-missing">{r.missing.map((m, i) => {
              const field = fieldFor(m, r.conditions ?? []);
              return <li key={i}><a href={`${href('cases', caseId, 'facts')}${field ? `?field=${field}` : ''}`}>{text(m)}</a></li>;
            })}</ul>} />
        ) : null}
        {r.conditions?.length ? section(tr('条件', 'Conditions'), (
          <List size="small" dataSource={r.conditions} renderItem={(c) => (
            <List.Item style={{ padding: '4px 0' }}>
              <Flex gap={8} align="flex-start" style={{ minWidth: 0 }}>
                <span style={{ marginTop: 3 }}>{icon(c.met)}</span>
                <div style={{ minWidth: 0 }}>
                  <Tag>{tr(...KIND[c.kind] ?? [c.kind, c.kind])}</Tag><span className="break">{text(c.detail)}</span>
                  {c.ask && c.met === null ? <div className="source">{tr('问题', 'Question')}: {text(c.ask)}</div> : null}
                </div>
              </Flex>
            </List.Item>
          )} />
        )) : null}
        {r.deadlines?.length ? section(tr('期限', 'Deadlines'), <ul style={{ margin: 0, paddingLeft: 18 }}>{r.deadlines.map((x, i) => <li key={i}><b>{x.date}</b> {text(x.what)}</li>)}</ul>) : null}
        {r.caveats?.length ? section(tr('前提与提醒', 'Assumptions'), <ul style={{ margin: 0, paddingLeft: 18 }}>{r.caveats.map((x, i) => <li key={i}>{text(x)}</li>)}</ul>) : null}
        {r.questions?.length ? section(tr('值得弄清楚的问题', 'Worth finding out'), (
          <ul style={{ margin: 0, paddingLeft: 18 }}>{r.questions.map((x, i) => {
            const field = fieldFor(x, []);
            return <li key={i}>{field ? <a href={`${href('cases', caseId, 'facts')}?field=${field}`}>{text(x)}</a> : text(x)}</li>;
          })}</ul>
        )) : null}
        {r.citations?.length ? section(tr('法律依据（点开看原文）', 'The law (open to read the words)'), (
          <Collapse size="small" items={r.citations.map((c, i) => ({
            key: `${c.id ?? c.law}-${c.article}-${i}`,
            label: <span>{c.law}{c.version ? `（${c.version}）` : ''} {c.article}</span>,
            children: c.text ? (
              <>
                <blockquote style={{ margin: 0, paddingLeft: 12, borderLeft: '3px solid #d9d9d9', whiteSpace: 'pre-wrap' }} data-testid="citation-text">{c.text}</blockquote>
                {c.explain ? <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{pick(c.explain)}</Typography.Paragraph> : null}
                {c.status && c.status !== 'official-text' ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0, fontSize: 12 }}>
                    {tr('摘自公开的非官方文本，使用前请核对官方文本。', 'Quoted from a public, unofficial copy: check the official text before relying on it.')}
                  </Typography.Paragraph>
                ) : null}
              </>
            ) : <Typography.Text type="secondary">{tr('没有原文。', 'No quoted text.')}</Typography.Text>,
          }))} />
        )) : null}
      </Card>
    </div>
  );
}
