/**
 * #/cases/ID/facts — what the user knows about the case, in plain words. What the evidence already shows (the posts
 * captured in the case) is shown read-only with its source; what a captured post did to the user (its harms) is asked
 * next to it and saved as a stated act with the same URL, which the assessment merges with the captured one.
 * ?field=fact-… scrolls to that field (or the first field answering to that name, data-alias) and focuses it.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Form, List, Row, Tag, Typography } from 'antd';
import { api, type Abuse, type Act, type ApiError, type CaseFacts, type CountKey, type Consequence, type Goal, type HarmKind, type SocialOrderHarm } from '../api';
import { ErrorNotice, Loading, NotAllowed, PageTitle, useOpenCase, useShell } from '../components/common';
import {
  ActEditor, DateField, Field, HarmsField, ListChoice, PenaltyField, penaltyOf, penaltyValue, PlatformSelect, TextField, TriChoice, type Penalty, type Tri,
} from '../components/FactsFields';
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

/** The two earlier penalties the form asks about, each a day, "none" or not known. */
type PenaltyKey = 'priorDefamationPenalty' | 'priorInfoPenalty';
const NO_PENALTIES: Record<PenaltyKey, Penalty> = { priorDefamationPenalty: { mode: 'unknown', date: '' }, priorInfoPenalty: { mode: 'unknown', date: '' } };

/** A stated act that only says what a captured post did (its harms, what it disclosed): no details of its own. */
const onlyHarms = (a: Act) => !a.start && !a.end && !a.summary && !a.observations.length;

/** When a field a route asks about is not on the form (its harm is not ticked), the nearest one that is. */
const FALLBACK: Record<string, string> = {
  'fact-personalInfo': 'fact-harms', 'fact-priorInfoPenalty': 'fact-harms', 'fact-harms': 'fact-acts',
  ...Object.fromEntries(['repeated', 'harassment', 'vulnerableVictim', 'disruptedLife', 'personalDispute'].map((k) => [`fact-abuse-${k}`, 'fact-harms'])),
};

/**
 * Facts written before issue 14 may say `doxxing: true` (every act without harms was defamation and privacy). The form
 * no longer asks it: such acts, and the captured posts, get those harms written out, and doxxing is dropped (false
 * or null said nothing the harms do not). Returns the facts to edit and whether anything was changed.
 */
function withoutDoxxing(s: CaseFacts, captured: Act[]): { facts: CaseFacts; migrated: boolean } {
  const { doxxing, ...rest } = s;
  if (doxxing !== true) return { facts: rest as CaseFacts, migrated: false };
  const both: HarmKind[] = ['defamation', 'privacy'];
  const acts = s.acts.map((a) => (a.harms?.length ? a : { ...a, harms: both }));
  const stated = new Set(acts.map((a) => a.url).filter(Boolean));
  for (const c of captured) if (c.url && !stated.has(c.url)) acts.push({ url: c.url, platform: c.platform ?? null, observations: [], harms: both });
  return { facts: { ...rest, acts } as CaseFacts, migrated: acts.length > 0 };
}

export default function FactsPage({ caseId, field }: { caseId: string; field: string | null }) {
  const { tr, pick } = useLang();
  useOpenCase(caseId);
  const readOnly = !useShell().may('work');
  const facts = useLoad(() => api.facts(caseId), [caseId]);
  const [f, setF] = useState<CaseFacts | null>(null);
  const [penalties, setPenalties] = useState<Record<PenaltyKey, Penalty>>(NO_PENALTIES);
  // Captured posts whose stated act only carries their harms: shown with the evidence, not again among the stated posts.
  const [carriers, setCarriers] = useState<Set<string>>(new Set());
  const [migrated, setMigrated] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const focused = useRef(false);

  useEffect(() => {
    if (!facts.data) return;
    const s = (facts.data.stated ?? {}) as CaseFacts;
    const captured = (facts.data.effective.acts ?? []).filter((a) => a.items?.length);
    const read = withoutDoxxing({ ...s, acts: Array.isArray(s.acts) ? s.acts.map((a) => ({ ...a, observations: a.observations ?? [] })) : [] }, captured);
    setF(read.facts);
    setMigrated(read.migrated);
    setPenalties({ priorDefamationPenalty: penaltyOf(s, 'priorDefamationPenalty'), priorInfoPenalty: penaltyOf(s, 'priorInfoPenalty') });
    const capturedUrls = new Set(captured.map((a) => a.url));
    setCarriers(new Set(read.facts.acts.filter((a) => a.url && capturedUrls.has(a.url) && onlyHarms(a)).map((a) => a.url!)));
  }, [facts.data]);

  // Go to the field a route asked about, once the form is there.
  useEffect(() => {
    if (!f || !field || focused.current) return;
    focused.current = true;
    requestAnimationFrame(() => {
      // A field of one post (fact-acts-0-harms), or a name every post's field answers to (fact-harms), or its fallback.
      let el: HTMLElement | null = null;
      for (let name: string | undefined = field; name && !el; name = FALLBACK[name]) {
        el = document.getElementById(name) ?? document.querySelector<HTMLElement>(`[data-alias="${CSS.escape(name)}"]`);
      }
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
  const capturedUrls = new Set(evidenceActs.map((a) => a.url).filter(Boolean));
  /** The stated act that goes with a captured post: the first with its URL. */
  const statedFor = (url: string | null | undefined) => (url ? f.acts.findIndex((a) => a.url === url) : -1);
  const setAct = (i: number, a: Act) => change({ acts: f.acts.map((x, k) => (k === i ? a : x)) });
  /** Says what a captured post did: into its stated act, made (URL and platform only) when there is none yet. */
  const setCapturedHarms = (captured: Act, a: Act) => {
    const i = statedFor(captured.url);
    // An act that only said what the post did, and now says nothing, goes: "not stated" is no act at all.
    if (i >= 0 && carriers.has(captured.url!) && !a.harms && !a.personalInfo && onlyHarms(a)) return change({ acts: f.acts.filter((_, k) => k !== i) });
    if (i >= 0) return setAct(i, a);
    setCarriers((c) => new Set(c).add(captured.url!));
    change({ acts: [...f.acts, a] });
  };
  const addDetails = (captured: Act) => {
    setCarriers((c) => {
      const next = new Set(c);
      next.delete(captured.url!);
      return next;
    });
    if (statedFor(captured.url) < 0) change({ acts: [...f.acts, { url: captured.url, platform: captured.platform ?? null, observations: [] }] });
  };
  const ticked = (h: HarmKind) => f.acts.some((a) => a.harms?.includes(h));
  const abuse: Abuse = f.abuse ?? {};
  const setAbuse = (key: keyof Abuse, v: Tri) => {
    const next: Record<string, unknown> = { ...abuse };
    put(next, key, v === 'unknown' ? undefined : v === 'yes');
    setTop('abuse', Object.keys(next).length ? next : undefined);
  };
  const setPenalty = (key: PenaltyKey, p: Penalty) => {
    setPenalties((old) => ({ ...old, [key]: p }));
    setSaved(false);
  };

  const save = async () => {
    const body: Record<string, unknown> = { ...f };
    delete body.doxxing; // the harms of each post say it now
    for (const key of ['priorDefamationPenalty', 'priorInfoPenalty'] as const) {
      const v = penaltyValue(penalties[key]);
      if (v === undefined) delete body[key];
      else body[key] = v;
    }
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
      setMigrated(false);
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
      {readOnly ? <NotAllowed need="work" doing={{ zh: '可以查看案件事实，不能修改', en: 'you can read the case facts, not change them' }} /> : null}
      <Form layout="vertical" onFinish={save} data-testid="facts-form" component="form" aria-label={tr('案件事实', 'Case facts')} disabled={readOnly}>
        {/* A native fieldset also disables the native selects antd's Form does not reach. */}
        <fieldset disabled={readOnly} className="plain-fieldset">
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
            {migrated ? (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="doxxing-migrated"
                title={tr('您之前回答过“个人信息被公开了”。固证已把每条帖子标为“诽谤”和“泄露隐私和个人信息”，请逐条核对，然后保存。', 'You said earlier that your personal information was made public. guzheng has marked each post as defamation and privacy: check each one, then save.')} />
            ) : null}
            {evidenceActs.length ? (
              <List size="small" bordered dataSource={evidenceActs} style={{ marginBottom: 16 }} data-testid="evidence-acts"
                renderItem={(a, j) => {
                  const i = statedFor(a.url);
                  const stated = i >= 0 ? f.acts[i]! : undefined;
                  return <EvidenceAct act={a} index={j} stated={stated} shownBelow={Boolean(stated) && !carriers.has(a.url!)}
                    onHarms={(na) => setCapturedHarms(a, na)} onAdd={() => addDetails(a)} />;
                }} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>{tr('这个案件还没有取证的帖子。', 'No post captured in this case yet.')} <a href={href('cases', caseId, 'capture')}>{tr('去取证', 'Capture')}</a></>} />
            )}
            <Typography.Title level={5}>{tr('您补充的帖子或信息', 'Posts or details you add')}</Typography.Title>
            {(() => {
              let shown = 0;
              return f.acts.map((a, i) => {
                const captured = Boolean(a.url && capturedUrls.has(a.url) && statedFor(a.url) === i);
                if (captured && carriers.has(a.url!)) return null;
                shown += 1;
                return (
                  <ActEditor key={i} act={a} index={i} number={shown} captured={captured}
                    onChange={(na: Act) => setAct(i, na)}
                    onRemove={() => change({ acts: f.acts.filter((_, k) => k !== i) })} />
                );
              });
            })()}
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
            <PenaltyField id="fact-priorDefamationPenalty" label={tr('发帖人二年内是否因诽谤受过行政处罚？', 'Was the poster penalised for defamation in the past two years?')}
              help={tr('例如被公安拘留或罚款。如果有，填处罚日期。', 'E.g. detained or fined by the police. If so, give the day.')}
              value={penalties.priorDefamationPenalty} onChange={(p) => setPenalty('priorDefamationPenalty', p)} />
            {ticked('privacy') ? (
              <PenaltyField id="fact-priorInfoPenalty" label={tr('发帖人以前是否因侵犯个人信息受过处罚？', 'Was the poster punished for infringing personal information before?')}
                help={tr('受过刑事处罚，或二年内受过行政处罚（例如被公安拘留、罚款）。如果有，填处罚日期。', 'A criminal penalty, or an administrative one (e.g. detention or a fine) in the past two years. If so, give the day.')}
                value={penalties.priorInfoPenalty} onChange={(p) => setPenalty('priorInfoPenalty', p)} />
            ) : null}
          </Card>

          {ticked('threat-abuse') ? (
            <Card title={tr('威胁、辱骂和骚扰的情况', 'The threats, abuse and harassment')} data-testid="abuse">
              <Typography.Paragraph type="secondary">
                {tr('有帖子被标为“威胁、辱骂和骚扰”，所以问这些。它们决定能否请求公安机关处罚、责令禁止接触，以及是否可能构成犯罪。', 'A post is marked as threats, abuse and harassment, hence these questions. They decide whether the police can penalise it or order no contact, and whether it may be a crime.')}
              </Typography.Paragraph>
              <Row gutter={[16, 0]}>
                {ABUSE.map(([key, zh, en, helpZh, helpEn]) => (
                  <Col key={key} xs={24} md={12}>
                    <Field id={`fact-abuse-${key}`} group label={tr(zh, en)} help={tr(helpZh, helpEn)}>
                      <TriChoice id={`fact-abuse-${key}`} value={tri(abuse[key])} onChange={(v) => setAbuse(key, v)}
                        yes={tr('是', 'Yes')} no={tr('否', 'No')} unknown={tr('不确定', 'Not sure')} />
                    </Field>
                  </Col>
                ))}
              </Row>
            </Card>
          ) : null}

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
              {readOnly ? null : <Button type="primary" htmlType="submit" size="large" loading={saving} data-testid="save-facts">{tr('保存', 'Save')}</Button>}
              {saved ? <Typography.Text type="success" role="status" data-testid="facts-saved">{tr('已保存', 'Saved')}</Typography.Text> : null}
              {saved ? <a href={href('cases', caseId, 'routes')}>{tr('看看有哪些法律途径 →', 'See the legal routes →')}</a> : null}
            </Flex>
          </Card>
        </Flex>
        </fieldset>
      </Form>
    </>
  );
}

/** The questions about threats and abuse: the key of Abuse, the question and its explanation. */
const ABUSE: [keyof Abuse, string, string, string, string][] = [
  ['repeated', '对方是否多次威胁、辱骂您？', 'Did they threaten or abuse you more than once?', '多次，而不是一次。', 'Many times, not once.'],
  ['harassment', '对方是否滋扰、纠缠或跟踪您？', 'Did they harass, pester or follow you?', '包括反复给您发您不想收到的消息、打电话、上门。', 'Repeated unwanted messages, calls or visits count.'],
  ['vulnerableVictim', '您是未成年人、老年人、孕妇、残疾人或精神病人吗？', 'Are you a minor, elderly, pregnant, disabled or mentally ill?', '辱骂、恐吓这些人，更可能被认定为“情节恶劣”。', 'Abusing or threatening them is more likely to count as "vile".'],
  ['disruptedLife', '是否严重影响了您的工作或生活？', 'Did it seriously disrupt your work or life?', '例如无法正常上班、上学，不得不搬家。', 'E.g. you could not work or study as usual, or had to move.'],
  ['personalDispute', '是否因你们之间的纠纷引起？', 'Did it grow out of a dispute between you?', '例如婚恋、家庭、邻里、债务纠纷。这会影响是否按寻衅滋事处理。', 'E.g. over love, family, neighbours or debts. This bears on whether it counts as picking quarrels.'],
];

/**
 * A post the evidence shows: read-only, with where it comes from, and what it did to the user (saved into the stated
 * act with its URL: `stated`). `shownBelow`: that act has details of its own, edited among the stated posts.
 */
function EvidenceAct({ act, index, stated, shownBelow, onHarms, onAdd }: {
  act: Act; index: number; stated: Act | undefined; shownBelow: boolean; onHarms: (a: Act) => void; onAdd: () => void;
}) {
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
        <div style={{ marginTop: 8 }}>
          <HarmsField id={`fact-evidence-${index}-harms`} act={stated ?? { url: act.url, platform: act.platform ?? null, observations: [] }} onChange={onHarms} />
        </div>
        {!shownBelow ? (
          <div><Button size="small" onClick={onAdd}>{tr('补充这条帖子的信息（例如结束日期）', 'Add details of this post (e.g. when it ended)')}</Button></div>
        ) : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tr('您已在下面补充了这条帖子的信息。', 'You have added details of this post below.')}</Typography.Text>}
      </Flex>
    </List.Item>
  );
}
