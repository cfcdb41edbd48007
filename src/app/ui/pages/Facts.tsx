/**
 * #/cases/ID/facts — what the user knows about the case, in plain words. What the evidence already shows (the posts
 * captured in the case) is shown read-only with its source. ?field=fact-… scrolls to that field and focuses it.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Form, List, Row, Tag, Typography } from 'antd';
import { api, type Act, type ApiError, type CaseFacts, type CountKey, type Consequence, type Goal, type SocialOrderHarm } from '../api';
import { ErrorNotice, Loading, PageTitle, useOpenCase } from '../components/common';
import { ActEditor, DateField, Field, ListChoice, PlatformSelect, TextField, TriChoice, type Tri } from '../components/FactsFields';
import { asApiError, useLoad } from '../hooks';
import { PLATFORMS, useLang } from '../i18n';
import { href } from '../router';

const tri = (v: boolean | null | undefined): Tri => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
const list = <T,>(v: T[] | null | undefined, hasKey: boolean): T[] | undefined => (!hasKey ? undefined : v === null ? [] : Array.isArray(v) ? v : undefined);

/** Puts one answer into the facts: a value, or the key left out when the answer is "not known". */
function put(o: Record<string, unknown>, key: string, v: unknown): void {
  if (v === undefined || v === '') delete o[key];
  else o[key] = v;
}

type PenaltyMode = 'unknown' | 'none' | 'date';

export default function FactsPage({ caseId, field }: { caseId: string; field: string | null }) {
  const { tr, pick } = useLang();
  useOpenCase(caseId);
  const facts = useLoad(() => api.facts(caseId), [caseId]);
  const [f, setF] = useState<CaseFacts | null>(null);
  const [penalty, setPenalty] = useState<{ mode: PenaltyMode; date: string }>({ mode: 'unknown', date: '' });
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focused = useRef(false);

  useEffect(() => {
    if (!facts.data) return;
    const s = (facts.data.stated ?? {}) as CaseFacts;
    setF({ ...s, acts: Array.isArray(s.acts) ? s.acts.map((a) => ({ ...a, observations: a.observations ?? [] })) : [] });
    const has = 'priorDefamationPenalty' in s;
    setPenalty(!has ? { mode: 'unknown', date: '' } : s.priorDefamationPenalty ? { mode: 'date', date: s.priorDefamationPenalty } : { mode: 'none', date: '' });
  }, [facts.data]);

  // Go to the field a route asked about, once the form is there.
  useEffect(() => {
    if (!f || !field || focused.current) return;
    focused.current = true;
    requestAnimationFrame(() => {
      const el = document.getElementById(field);
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      const target = el.matches('input, textarea, select, button') ? el
        : el.querySelector<HTMLElement>('input:checked:not([disabled])') ?? el.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button') ?? el;
      target.focus({ preventScroll: true });
      const box = el.closest('.fact-field');
      box?.classList.add('field-target');
    });
  }, [f, field]);

  if (!f) {
    return (
      <>
        <PageTitle>{tr('案件事实', 'Case facts')}</PageTitle>
        {facts.loading ? <Loading rows={8} /> : null}
        <ErrorNotice error={facts.error} onRetry={facts.reload} what={tr('无法读取案件事实', 'Cannot read the case facts')} />
      </>
    );
  }

  const change = (patch: Partial<CaseFacts>) => {
    setF((old) => ({ ...(old as CaseFacts), ...patch }));
    setSaved(false);
  };
  const poster = f.poster ?? {};
  const setPoster = (key: string, v: unknown) => {
    const p: Record<string, unknown> = { ...poster };
    put(p, key, v);
    change({ poster: p });
  };
  const setTop = (key: string, v: unknown) => {
    const next: Record<string, unknown> = { ...f };
    put(next, key, v);
    setF(next as unknown as CaseFacts);
    setSaved(false);
  };
  const evidenceActs = (facts.data?.effective.acts ?? []).filter((a) => a.items?.length);
  const statedUrls = new Set(f.acts.map((a) => a.url).filter(Boolean));

  const save = async () => {
    const body: Record<string, unknown> = { ...f };
    if (penalty.mode === 'unknown') delete body.priorDefamationPenalty;
    else body.priorDefamationPenalty = penalty.mode === 'none' ? null : penalty.date || undefined;
    if (body.priorDefamationPenalty === undefined) delete body.priorDefamationPenalty;
    body.acts = f.acts.map((a) => ({
      ...a,
      observations: a.observations.filter((o) => o.at || Object.entries(o).some(([k, v]) => k !== 'at' && typeof v === 'number')),
    }));
    for (const k of ['victim', 'poster']) {
      const o = body[k] as Record<string, unknown> | undefined;
      if (o && Object.keys(o).length === 0) delete body[k];
    }
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      await api.saveFacts(caseId, body as unknown as CaseFacts);
      setSaved(true);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setSaving(false);
    }
  };

  const opt = <T extends string>(pairs: [T, string, string][]) => pairs.map(([value, zh, en]) => ({ value, label: tr(zh, en) }));

  return (
    <>
      <PageTitle sub={tr('按您知道的填写。不知道的可以留空，或选“不确定”——这和选“没有”不一样。固证会告诉您哪些还需要弄清楚。', 'Answer what you know. What you do not know, leave empty or choose "not sure": that is not the same as "no". guzheng tells you what still needs finding out.')}>
        {tr('案件事实', 'Case facts')}
      </PageTitle>
      <Form layout="vertical" onFinish={save} data-testid="facts-form" component="form" aria-label={tr('案件事实', 'Case facts')}>
        <Flex vertical gap={16}>
          <Card title={tr('当事人', 'The people')}>
            <Row gutter={[16, 0]}>
              <Col xs={24} md={12}>
                <Field id="fact-victim-name" label={tr('受害人姓名', 'Victim\'s name')} help={tr('您的名字，或您代理的人的名字。用于生成文书。', 'Your name, or the name of the person you act for. Used in the documents.')}>
                  <TextField id="fact-victim-name" value={f.victim?.name ?? ''} onChange={(v) => {
                    const vic: Record<string, unknown> = { ...(f.victim ?? {}) };
                    put(vic, 'name', v);
                    change({ victim: vic });
                  }} />
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field id="fact-poster-identified" group label={tr('您知道发帖人的真实身份吗？', 'Do you know who the poster really is?')}
                  help={tr('自诉和律师函需要知道发帖人是谁；不知道也可以报警，或起诉平台请求法院责令披露。', 'A private prosecution or a lawyer\'s letter needs to know who; if you do not, you can still go to the police or ask a court to order the platform to disclose.')}>
                  <TriChoice id="fact-poster-identified" value={tri(poster.identified)} onChange={(v) => setPoster('identified', v === 'unknown' ? undefined : v === 'yes')}
                    yes={tr('知道', 'Yes')} no={tr('不知道', 'No')} unknown={tr('暂不回答', 'Not answered')} />
                </Field>
              </Col>
              <Col xs={24} md={8}>
                <Field id="fact-poster-name" label={tr('发帖人姓名', 'Poster\'s name')} help={tr('知道才填。', 'Only if you know.')}>
                  <TextField id="fact-poster-name" value={poster.name ?? ''} onChange={(v) => setPoster('name', v)} />
                </Field>
              </Col>
              <Col xs={24} md={8}>
                <Field id="fact-poster-account" label={tr('发帖账号', 'Poster\'s account')} help={tr('昵称或账号 ID。', 'Nickname or account ID.')}>
                  <TextField id="fact-poster-account" value={poster.account ?? ''} onChange={(v) => setPoster('account', v)} />
                </Field>
              </Col>
              <Col xs={24} md={8}>
                <Field id="fact-poster-platform" label={tr('发帖平台', 'Platform')} help={tr('发帖人主要在哪个平台。', 'Where the poster posts.')}>
                  <PlatformSelect id="fact-poster-platform" value={poster.platform ?? ''} onChange={(v) => setPoster('platform', v)} />
                </Field>
              </Col>
            </Row>
          </Card>

          <Card title={tr('时间', 'Dates')}>
            <Field id="fact-knewOfHarmAndPoster" label={tr('知道侵害和发帖人的日期', 'The day you learned of the harm and who the poster is')}
              help={tr('从这天起算民事诉讼时效（三年）。记不清就填最早能确定的日期；还不知道发帖人是谁就留空。', 'The three-year period for a civil claim runs from this day. If unsure, give the earliest day you can be sure of; leave it empty if you do not know who the poster is yet.')}>
              <DateField id="fact-knewOfHarmAndPoster" value={f.knewOfHarmAndPoster ?? ''} onChange={(v) => setTop('knewOfHarmAndPoster', v || undefined)} />
            </Field>
          </Card>

          <Card title={tr('帖子', 'The posts')} id="fact-acts" tabIndex={-1}>
            <Typography.Paragraph type="secondary">
              {tr('每一条侵权的帖子。已经取证的帖子，固证从证据中读出链接、发布日期和传播数字，显示在下面，不必再填。', 'Each post that harms you. For posts already captured, guzheng reads the link, date and counts from the evidence, shown below; no need to type them.')}
            </Typography.Paragraph>
            <Typography.Title level={5}>{tr('证据中已有的帖子（只读）', 'Posts the evidence shows (read-only)')}</Typography.Title>
            {evidenceActs.length ? (
              <List size="small" bordered dataSource={evidenceActs} style={{ marginBottom: 16 }} data-testid="evidence-acts"
                renderItem={(a) => <EvidenceAct act={a} stated={statedUrls.has(a.url)} onAdd={() => change({ acts: [...f.acts, { url: a.url, platform: a.platform ?? null, observations: [] }] })} />} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>{tr('这个案件还没有取证的帖子。', 'No post captured in this case yet.')} <a href={href('cases', caseId, 'capture')}>{tr('去取证', 'Capture')}</a></>} />
            )}
            <Typography.Title level={5}>{tr('您补充的帖子或信息', 'Posts or details you add')}</Typography.Title>
            {f.acts.map((a, i) => (
              <ActEditor key={i} act={a} index={i}
                onChange={(na: Act) => change({ acts: f.acts.map((x, k) => (k === i ? na : x)) })}
                onRemove={() => change({ acts: f.acts.filter((_, k) => k !== i) })} />
            ))}
            <Button onClick={() => change({ acts: [...f.acts, { url: null, start: null, observations: [] }] })} data-testid="add-act">{tr('添加一条帖子', 'Add a post')}</Button>
          </Card>

          <Card title={tr('后果与影响', 'Consequences and effects')}>
            <Field id="fact-consequences" group label={tr('是否造成您或近亲属以下后果？', 'Did it cause any of these to you or a close relative?')}
              help={tr('这会影响是否构成诽谤罪的“情节严重”。不确定就都不选。', 'This bears on whether criminal defamation is "serious". If unsure, tick nothing.')}>
              <ListChoice<Consequence> id="fact-consequences" value={list(f.consequences, 'consequences' in f)} onChange={(v) => setTop('consequences', v)}
                options={opt([['mental-disorder', '精神失常', 'Mental disorder'], ['self-harm', '自残', 'Self-harm'], ['suicide', '自杀', 'Suicide']])}
                noneLabel={tr('以上都没有', 'None of these')} />
            </Field>
            <Field id="fact-socialOrderHarm" group label={tr('社会秩序影响', 'Effect on public order')}
              help={tr('是否引发群体性事件等——不确定就不选。有这些情形时由公安立案、检察院公诉。', 'Did it cause a mass incident or the like? If unsure, tick nothing. If so, the police and prosecutors take it up.')}>
              <ListChoice<SocialOrderHarm> id="fact-socialOrderHarm" value={list(f.socialOrderHarm, 'socialOrderHarm' in f)} onChange={(v) => setTop('socialOrderHarm', v)}
                options={opt([
                  ['mass-incident', '引发群体性事件', 'A mass incident'], ['public-disorder', '引发公共秩序混乱', 'Public disorder'],
                  ['ethnic-religious-conflict', '引发民族、宗教冲突', 'Ethnic or religious conflict'], ['many-victims', '诽谤多人，造成恶劣社会影响', 'Many people defamed, bad social effect'],
                  ['national-image', '损害国家形象，严重危害国家利益', 'Harm to the national image'], ['international', '造成恶劣国际影响', 'Bad international effect'],
                ])} noneLabel={tr('以上都没有', 'None of these')} />
            </Field>
            <Field id="fact-doxxing" group label={tr('您的个人信息被公开了吗（人肉搜索）？', 'Was your personal information made public (doxxing)?')}
              help={tr('例如住址、电话、身份证号、工作单位。如果是，还可以主张隐私权和个人信息权益。', 'E.g. address, phone, ID number, employer. If so, privacy claims apply too.')}>
              <TriChoice id="fact-doxxing" value={tri(f.doxxing)} onChange={(v) => setTop('doxxing', v === 'unknown' ? undefined : v === 'yes')}
                yes={tr('是', 'Yes')} no={tr('否', 'No')} unknown={tr('不确定', 'Not sure')} />
            </Field>
            <Field id="fact-priorDefamationPenalty" group label={tr('发帖人二年内是否因诽谤受过行政处罚？', 'Was the poster penalised for defamation in the past two years?')}
              help={tr('例如被公安拘留或罚款。如果有，填处罚日期。', 'E.g. detained or fined by the police. If so, give the day.')}>
              <Flex gap={12} wrap align="center">
                <TriChoice id="fact-priorDefamationPenalty" value={penalty.mode === 'date' ? 'yes' : penalty.mode === 'none' ? 'no' : 'unknown'}
                  onChange={(v) => { setPenalty((p) => ({ ...p, mode: v === 'yes' ? 'date' : v === 'no' ? 'none' : 'unknown' })); setSaved(false); }}
                  yes={tr('有', 'Yes')} no={tr('没有', 'No')} unknown={tr('不清楚', 'Not known')} />
                {penalty.mode === 'date' ? (
                  <DateField id="fact-priorDefamationPenalty-date" label={tr('处罚日期', 'Day of the penalty')} value={penalty.date}
                    onChange={(v) => { setPenalty({ mode: 'date', date: v }); setSaved(false); }} />
                ) : null}
              </Flex>
              {penalty.mode === 'date' && !penalty.date ? (
                <Typography.Text type="warning">{tr('请填写处罚日期；不填日期，会按“不清楚”保存。', 'Give the day of the penalty; without it, this is saved as "not known".')}</Typography.Text>
              ) : null}
            </Field>
          </Card>

          <Card title={tr('您希望达到什么', 'What you want')}>
            <Field id="fact-goals" group label={tr('目的（可多选）', 'Goals (tick all that apply)')} help={tr('不同的目的适合不同的途径。', 'Different goals suit different routes.')}>
              <ListChoice<Goal> id="fact-goals" value={list(f.goals, 'goals' in f)} onChange={(v) => setTop('goals', v)}
                options={opt([['takedown', '删除帖子', 'Take the post down'], ['apology', '赔礼道歉', 'An apology'], ['compensation', '赔偿损失', 'Compensation'], ['punishment', '追究刑事责任', 'Criminal punishment']])} />
            </Field>
          </Card>

          <Card title={tr('文书的收件机关', 'Where the documents go')}>
            <Typography.Paragraph type="secondary">{tr('知道就填；不知道就留空，文书中会留出空白。', 'Fill in what you know; otherwise the documents leave a blank.')}</Typography.Paragraph>
            <Row gutter={[16, 0]}>
              <Col xs={24} md={8}><Field id="fact-court" label={tr('法院', 'Court')}><TextField id="fact-court" value={f.court ?? ''} onChange={(v) => setTop('court', v)} placeholder={tr('例如：北京互联网法院', 'e.g. Beijing Internet Court')} /></Field></Col>
              <Col xs={24} md={8}><Field id="fact-policeStation" label={tr('公安机关', 'Police station')}><TextField id="fact-policeStation" value={f.policeStation ?? ''} onChange={(v) => setTop('policeStation', v)} /></Field></Col>
              <Col xs={24} md={8}><Field id="fact-notaryOffice" label={tr('公证处', 'Notary office')}><TextField id="fact-notaryOffice" value={f.notaryOffice ?? ''} onChange={(v) => setTop('notaryOffice', v)} /></Field></Col>
            </Row>
          </Card>

          <Card>
            {error ? <div style={{ marginBottom: 12 }} data-testid="facts-error">
              {error.code === 'E_FACTS'
                ? <Alert type="error" showIcon role="alert" title={tr('有些内容需要修改，没有保存：', 'Some answers need changing; nothing was saved:')}
                    description={<><div style={{ whiteSpace: 'pre-wrap' }}>{pick(error)}</div><Typography.Text type="secondary">{tr('错误代码', 'Error code')}: <Typography.Text code>{error.code}</Typography.Text></Typography.Text></>} />
                : <ErrorNotice error={error} what={tr('没有保存', 'Not saved')} />}
            </div> : null}
            <Flex gap={12} align="center" wrap>
              <Button type="primary" htmlType="submit" size="large" loading={saving} data-testid="save-facts">{tr('保存', 'Save')}</Button>
              {saved ? <Typography.Text type="success" role="status" data-testid="facts-saved">{tr('已保存', 'Saved')}</Typography.Text> : null}
              {saved ? <a href={href('cases', caseId, 'routes')}>{tr('看看有哪些法律途径 →', 'See the legal routes →')}</a> : null}
            </Flex>
          </Card>
        </Flex>
      </Form>
    </>
  );
}

function EvidenceAct({ act, stated, onAdd }: { act: Act; stated: boolean; onAdd: () => void }) {
  const { tr, pick } = useLang();
  const peak = (keys: CountKey[]) => Math.max(-1, ...act.observations.flatMap((o) => keys.map((k) => o[k]).filter((v): v is number => typeof v === 'number')));
  const views = peak(['views', 'reads', 'plays']);
  const reposts = peak(['reposts']);
  return (
    <List.Item>
      <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
        <span className="break"><b>{act.url ?? '—'}</b> {act.platform ? <Tag>{PLATFORMS[act.platform] ? pick(PLATFORMS[act.platform]) : act.platform}</Tag> : null}</span>
        <span>
          {tr('发布日期', 'Published')}: {act.start ?? tr('证据中没有', 'not in the evidence')}
          {views >= 0 ? ` · ${tr('最高浏览', 'peak views')} ${views}` : ''}{reposts >= 0 ? ` · ${tr('最高转发', 'peak reposts')} ${reposts}` : ''}
        </span>
        <span className="source">
          {tr('来源：证据', 'Source: evidence')} {(act.items ?? []).map((id, i) => <span key={id}>{i ? '、' : ''}<a href={href('items', id)}>{id.slice(0, 12)}</a></span>)}
        </span>
        {!stated ? (
          <div><Button size="small" onClick={onAdd}>{tr('补充这条帖子的信息（例如结束日期）', 'Add details of this post (e.g. when it ended)')}</Button></div>
        ) : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr('您已在下面补充了这条帖子的信息。', 'You have added details of this post below.')}</Typography.Text>}
      </Flex>
    </List.Item>
  );
}
