/**
 * #/cases/ID/routes — the routes the law gives, for the facts as they stand, one section per harm the posts did
 * (defamation, insult, privacy, portrait, threats and abuse, rumours; with the posts it covers): can / cannot now /
 * cannot tell (with the missing facts linking to the form), conditions, deadlines on one timeline, each citation's
 * words, and the texts that exist but are not quoted (not verified).
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Collapse, Empty, Flex, List, Row, Switch, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { api, type Act, type Condition, type Deadline, type HarmSection, type Route } from '../api';
import { capital, HARM_WORDS } from '../components/FactsFields';
import { Disclaimer, ErrorNotice, Loading, PageTitle, useOpenCase } from '../components/common';
import { useLoad } from '../hooks';
import { beijingTime, daysUntil, half, useLang } from '../i18n';
import { href } from '../router';

/** The facts form field a missing fact is about, from the field name the text quotes or, failing that, its words. */
const FIELDS: [RegExp, string][] = [
  // The harms' own facts first: their texts also name words of the general ones (个人信息…行政处罚, vulnerableVictim).
  [/priorInfoPenalty|因侵犯个人信息受过/i, 'fact-priorInfoPenalty'],
  [/abuse\.repeated|多次辱骂/i, 'fact-abuse-repeated'],
  [/abuse\.harassment|纠缠/i, 'fact-abuse-harassment'],
  [/abuse\.vulnerableVictim|孕妇/i, 'fact-abuse-vulnerableVictim'],
  [/abuse\.disruptedLife|工作、生活/i, 'fact-abuse-disruptedLife'],
  [/abuse\.personalDispute|婚恋/i, 'fact-abuse-personalDispute'],
  // Every post's harms and personal information answer to these names (the first one on the form is focused).
  [/acts\[\]\.harms|哪些侵害|doxxing/i, 'fact-harms'],
  [/personalInfo|个人信息|人肉|行踪轨迹/i, 'fact-personalInfo'],
  [/knewOfHarmAndPoster|知道(受到)?损害|learned of/i, 'fact-knewOfHarmAndPoster'],
  [/poster\.account|账号/i, 'fact-poster-account'],
  [/poster\.identified|poster\.name|发帖人(身份|是谁)|被告人|identified/i, 'fact-poster-identified'],
  [/priorDefamationPenalty|行政处罚|penalis/i, 'fact-priorDefamationPenalty'],
  [/consequences|精神失常|自残|自杀|self-harm/i, 'fact-consequences'],
  [/socialOrderHarm|群体性事件|公共秩序|public disorder|mass incident/i, 'fact-socialOrderHarm'],
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
  // The posts the harms' act numbers point at (the facts the assessment read); without them the numbers are shown.
  const facts = useLoad(() => api.facts(caseId), [caseId]);
  const [both, setBoth] = useState(false);
  const d = a.data;
  const disclaimer = d ? (typeof d.disclaimer === 'string' ? (both ? d.disclaimer : half(d.disclaimer, lang)) : pick(d.disclaimer)) : undefined;
  // One section per harm, in the assessment's order; an answer without sections is one list.
  const sections: { section: HarmSection | null; routes: Route[] }[] = !d ? []
    : d.harms?.length ? d.harms.map((h) => ({ section: h, routes: h.routes.map((id) => d.routes.find((r) => r.id === id && r.harm === h.harm)).filter((r): r is Route => Boolean(r)) }))
      : [{ section: null, routes: d.routes }];
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
              description={<ul style={{ margin: 0, paddingLeft: 18 }} data-testid="warnings">{d.warnings.map((w, i) => {
                // A warning about the facts (posts without harms, without a date) links to where they are answered.
                const field = fieldFor(w, []);
                const words = both ? w : half(w, lang);
                return <li key={i}>{field ? <a href={`${href('cases', caseId, 'facts')}?field=${field}`}>{words}</a> : words}</li>;
              })}</ul>} />
          ) : null}
          <Deadlines routes={d.routes} sections={d.harms ?? []} />
          {sections.length > 1 ? <HarmNav sections={sections} /> : null}
          {d.routes.length === 0 ? <Empty description={tr('没有可显示的途径。', 'No routes to show.')} /> : null}
          {sections.map(({ section, routes }) => (
            <HarmPart key={section?.harm ?? 'all'} section={section} routes={routes} acts={facts.data?.effective.acts ?? null} caseId={caseId} />
          ))}
          {d.unverified?.length ? <Unverified texts={d.unverified} /> : null}
        </Flex>
      ) : null}
    </Both.Provider>
  );
}

/** The harms of the case as buttons that go to their sections, with how many routes are open in each. */
function HarmNav({ sections }: { sections: { section: HarmSection | null; routes: Route[] }[] }) {
  const { tr } = useLang();
  const text = useText();
  const go = (harm: string) => {
    const el = document.getElementById(`harm-${harm}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  };
  return (
    <nav aria-label={tr('侵害类型', 'Harms')} data-testid="harm-nav">
      <Flex gap={8} wrap align="center">
        <Typography.Text type="secondary">{tr('这些帖子造成的侵害：', 'What the posts did:')}</Typography.Text>
        {sections.map(({ section, routes }) => section ? (
          <Button key={section.harm} size="small" onClick={() => go(section.harm)}>
            {capital(text(section.title))}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr(`${routes.filter((r) => r.available === true).length}/${routes.length} 可行`, `${routes.filter((r) => r.available === true).length} of ${routes.length} open`)}</Typography.Text>
          </Button>
        ) : null)}
      </Flex>
    </nav>
  );
}

/** One harm: its name, what it means in plain words, the posts that did it, and its routes. */
function HarmPart({ section, routes, acts, caseId }: { section: HarmSection | null; routes: Route[]; acts: Act[] | null; caseId: string }) {
  const { tr, pick } = useLang();
  const text = useText();
  const cards = (
    <Row gutter={[16, 16]}>
      {routes.map((r) => <Col key={`${r.harm}-${r.id}`} xs={24} xl={12}><RouteCard r={r} caseId={caseId} /></Col>)}
    </Row>
  );
  if (!section) return cards;
  const info = HARM_WORDS[section.harm];
  const actName = (i: number) => {
    const act = acts?.[i];
    const n = tr(`第 ${i + 1} 条帖子`, `Post ${i + 1}`);
    if (!act) return n;
    return act.url ?? (act.summary ? `${n}：${act.summary.slice(0, 40)}` : tr(`第 ${i + 1} 条帖子（没有链接）`, `Post ${i + 1} (no link)`));
  };
  return (
    <section data-testid="harm-section" data-harm={section.harm} aria-labelledby={`harm-${section.harm}`}
      style={{ borderTop: '3px solid #1d5fbf', background: '#fff', borderRadius: 8, padding: '12px 16px 16px', scrollMarginTop: 80 }}>
      <Typography.Title level={3} id={`harm-${section.harm}`} tabIndex={-1} data-testid="harm-heading" style={{ margin: '0 0 4px', scrollMarginTop: 80 }}>
        {capital(text(section.title))}
      </Typography.Title>
      {info ? <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>{pick(info.ask)}</Typography.Paragraph> : null}
      {section.acts.length ? (
        <div style={{ marginBottom: 12 }} data-testid="harm-acts">
          <Typography.Text strong>{tr(`涉及的帖子（${section.acts.length} 条）：`, `Posts (${section.acts.length}):`)}</Typography.Text>
          <ul style={{ margin: '2px 0 0', paddingLeft: 18 }}>
            {section.acts.map((i) => <li key={i} className="break" style={{ fontSize: 13 }}>{actName(i)}</li>)}
          </ul>
        </div>
      ) : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{tr('还没有帖子：先取证，或在“案件事实”中添加帖子。', 'No posts yet: capture them, or add them in the case facts.')}</Typography.Paragraph>
      )}
      {cards}
    </section>
  );
}

/** Texts that exist and bear on the case, but that guzheng does not quote: no full official text was read. */
function Unverified({ texts }: { texts: string[] }) {
  const { tr } = useLang();
  const text = useText();
  return (
    <Alert type="info" showIcon data-testid="unverified"
      title={<span><Tag color="default">{tr('未核实', 'Not verified')}</Tag>{tr('这些规定也与网络暴力有关，但固证没有读到它们的完整官方文本，没有引用：请向律师核实。', 'These texts also bear on cyber-violence, but guzheng has not read their full official text and does not quote them: check them with a lawyer.')}</span>}
      description={<ul style={{ margin: 0, paddingLeft: 18 }}>{texts.map((x, i) => <li key={i} className="break">{text(x)}</li>)}</ul>} />
  );
}

function Deadlines({ routes, sections }: { routes: Route[]; sections: HarmSection[] }) {
  const { tr } = useLang();
  const text = useText();
  // With several harms, a route whose title does not name its harm says it ("诽谤 · 民事诉讼（名誉权纠纷）"), and the
  // same deadline of several harms' routes (one post's six months for the police) is one line naming them all.
  const harmTitle = (h: string) => (sections.length > 1 ? sections.find((s) => s.harm === h)?.title : undefined);
  const routeName = (r: Route) => {
    const harm = harmTitle(r.harm);
    return harm && !text(r.title).includes(text(harm)) ? `${text(harm)} · ${text(r.title)}` : text(r.title);
  };
  const byLine = new Map<string, Deadline & { routes: string[]; days: number | null }>();
  for (const r of routes) {
    for (const x of r.deadlines ?? []) {
      const key = `${x.date}\n${x.what}`;
      const line = byLine.get(key) ?? { ...x, routes: [], days: daysUntil(x.date) };
      if (!line.routes.includes(routeName(r))) line.routes.push(routeName(r));
      byLine.set(key, line);
    }
  }
  const all = [...byLine.values()];
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
              <div className="source">{x.routes.join('；')}</div>
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
    <div data-testid={`route-${r.id}`} data-harm={r.harm} data-available={String(r.available)} style={{ height: '100%' }}>
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
