/**
 * The pieces of the facts form. Every answer can be "not known" (the key is left out), which is different from "no"
 * (false, [] or null, as src/assess/facts.ts reads them). Each field has the id fact-<name>, so a route's missing fact
 * can link straight to it; the questions every post has (fact-acts-N-harms, fact-evidence-N-harms, …-personalInfo)
 * also answer to one name (data-alias: fact-harms, fact-personalInfo), which goes to the first of them.
 */
import type { CSSProperties, ReactNode } from 'react';
import { Button, Card, Checkbox, Col, Flex, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { COUNT_KEYS, type Act, type CountKey, type HarmKind, type InfoKind, type Observation, type PersonalInfo } from '../api';
import { PLATFORMS, useLang } from '../i18n';
import { COUNT_LABELS } from './PostFactsView';
// The harm kinds and the Chinese names of the kinds of personal information are the assessment's own constants (the
// bundle takes these and nothing else of those modules).
import { HARM_KINDS } from '../../../assess/facts';
import { HARMS as HARM_WORDS, INFO_ZH } from '../../../assess/harm-words';

/** One question: its label, a plain explanation, and the control. Groups (radios, checkboxes) get a group label. */
export function Field({ id, label, help, group, children, style }: { id: string; label: string; help?: ReactNode; group?: boolean; children: ReactNode; style?: CSSProperties }) {
  return (
    <div className="fact-field" data-field={id} style={{ marginBottom: 20, padding: 4, ...style }}>
      {group
        ? <div id={`${id}-label`} style={{ fontWeight: 600, marginBottom: 2 }}>{label}</div>
        : <label htmlFor={id} style={{ fontWeight: 600, display: 'block', marginBottom: 2 }}>{label}</label>}
      {help ? <Typography.Paragraph type="secondary" id={`${id}-help`} style={{ margin: '0 0 6px', fontSize: 13 }}>{help}</Typography.Paragraph> : null}
      {children}
    </div>
  );
}

export type Tri = 'unknown' | 'yes' | 'no';

/** Yes / no / not known: three answers, never two. */
export function TriChoice({ id, value, onChange, yes, no, unknown }: { id: string; value: Tri; onChange: (v: Tri) => void; yes: string; no: string; unknown: string }) {
  return (
    <Radio.Group id={id} value={value} onChange={(e) => onChange(e.target.value as Tri)} aria-labelledby={`${id}-label`} aria-describedby={`${id}-help`}
      options={[{ value: 'yes', label: yes }, { value: 'no', label: no }, { value: 'unknown', label: unknown }]} />
  );
}

/**
 * Several options, or "none of these", or nothing ticked = not known. The state is the list to send: undefined (not
 * known), [] (none), or the options ticked.
 */
export function ListChoice<T extends string>({ id, value, onChange, options, noneLabel, columns = 2 }: {
  id: string; value: T[] | undefined; onChange: (v: T[] | undefined) => void; options: { value: T; label: string }[]; noneLabel?: string; columns?: 2 | 3;
}) {
  const none = Array.isArray(value) && value.length === 0;
  return (
    <div id={id} role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-help`} tabIndex={-1}>
      <Checkbox.Group value={value ?? []} disabled={none} onChange={(v) => onChange(v.length ? (v as T[]) : undefined)} style={{ width: '100%', display: 'block' }}>
        <Row gutter={[8, 4]}>
          {options.map((o) => <Col key={o.value} xs={24} sm={columns === 3 ? 12 : 24} md={24 / columns}><Checkbox value={o.value} id={`${id}-${o.value}`}>{o.label}</Checkbox></Col>)}
        </Row>
      </Checkbox.Group>
      {noneLabel ? (
        <div style={{ marginTop: 6 }}>
          <Checkbox checked={none} onChange={(e) => onChange(e.target.checked ? [] : undefined)}>
            <b>{noneLabel}</b>
          </Checkbox>
        </div>
      ) : null}
    </div>
  );
}

export function TextField({ id, value, onChange, placeholder }: { id: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  return <Input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} aria-describedby={`${id}-help`} maxLength={500} />;
}

export function DateField({ id, value, onChange, label }: { id: string; value: string; onChange: (v: string) => void; label?: string }) {
  return (
    <Input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-help`}
      aria-label={label} style={{ maxWidth: 220 }} />
  );
}

export function PlatformSelect({ id, value, onChange, label }: { id: string; value: string; onChange: (v: string) => void; label?: string }) {
  const { tr, pick } = useLang();
  const known = Object.keys(PLATFORMS);
  return (
    <select id={id} className="native-select" value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} style={{ width: '100%' }}>
      <option value="">{tr('（不知道或不填）', '(not known)')}</option>
      {known.map((p) => <option key={p} value={p}>{pick(PLATFORMS[p])}</option>)}
      {value && !known.includes(value) ? <option value={value}>{value}</option> : null}
    </select>
  );
}

/**
 * One post the user states (an act): address, platform, dates, summary, what it did to them (harms), and counts read
 * at some days. `index` is its place in the facts (the ids), `number` the one shown. A post that was captured has its
 * harms asked next to the evidence (`captured`), not here.
 */
export function ActEditor({ act, index, number, captured, onChange, onRemove }: {
  act: Act; index: number; number?: number; captured?: boolean; onChange: (a: Act) => void; onRemove: () => void;
}) {
  const { tr } = useLang();
  const p = `fact-acts-${index}`;
  const n = number ?? index + 1;
  const set = (patch: Partial<Act>) => onChange({ ...act, ...patch });
  const setObs = (j: number, o: Observation) => set({ observations: act.observations.map((x, k) => (k === j ? o : x)) });
  return (
    <Card size="small" title={captured ? tr(`帖子 ${n}（已取证的帖子的补充信息）`, `Post ${n} (details of a captured post)`) : tr(`帖子 ${n}`, `Post ${n}`)}
      style={{ marginBottom: 12 }} data-testid="fact-act" styles={{ title: { whiteSpace: 'normal' } }}
      extra={<Button size="small" danger onClick={onRemove} aria-label={tr(`删除帖子 ${n}`, `Remove post ${n}`)}>{tr('删除', 'Remove')}</Button>}>
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={16}>
          <Field id={`${p}-url`} label={tr('链接', 'Link')}>
            <TextField id={`${p}-url`} value={act.url ?? ''} onChange={(v) => set({ url: v || null })} placeholder="https://" />
          </Field>
        </Col>
        <Col xs={24} lg={8}>
          <Field id={`${p}-platform`} label={tr('平台', 'Platform')}>
            <PlatformSelect id={`${p}-platform`} value={act.platform ?? ''} onChange={(v) => set({ platform: v || null })} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field id={`${p}-start`} label={tr('发布日期', 'Published on')} help={tr('决定适用哪一版法律、期限从哪天算。', 'Decides which version of the law applies and when periods start.')}>
            <DateField id={`${p}-start`} value={act.start ?? ''} onChange={(v) => set({ start: v || null })} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field id={`${p}-end`} label={tr('结束日期（如仍在扩散就留空）', 'Ended on (empty if still spreading)')} help={tr('连续发帖或帖子持续扩散的，期限从结束那天算。', 'For repeated or still-spreading posts, periods run from the end.')}>
            <DateField id={`${p}-end`} value={act.end ?? ''} onChange={(v) => set({ end: v || null })} />
          </Field>
        </Col>
        <Col xs={24}>
          <Field id={`${p}-summary`} label={tr('内容摘要', 'What it says')}>
            <Input.TextArea id={`${p}-summary`} value={act.summary ?? ''} onChange={(e) => set({ summary: e.target.value || null })} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Field>
        </Col>
      </Row>
      {captured ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {tr('这条帖子已经取证：它对您造成了哪些侵害，在上面“证据中已有的帖子”里选择。', 'This post was captured: say what it did to you above, under "Posts the evidence shows".')}
        </Typography.Paragraph>
      ) : <HarmsField id={`${p}-harms`} act={act} onChange={onChange} />}
      <Typography.Text strong>{tr('浏览、转发等数字（某一天看到的）', 'Views, reposts and other counts (as seen on a day)')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '2px 0 8px' }}>
        {tr('同一帖子浏览 5000 次以上或转发 500 次以上，可能构成诽谤罪的“情节严重”。“分享”不等于“转发”，请分开填。', '5,000 views or 500 reposts of one post may make it "serious" for criminal defamation. Shares are not reposts: keep them apart.')}
      </Typography.Paragraph>
      {act.observations.map((o, j) => (
        <Card key={j} size="small" type="inner" style={{ marginBottom: 8 }}
          title={<Flex gap={8} align="center"><label htmlFor={`${p}-obs-${j}-at`}>{tr('哪一天', 'On')}</label>
            <DateField id={`${p}-obs-${j}-at`} value={o.at?.slice(0, 10) ?? ''} onChange={(v) => setObs(j, { ...o, at: v })} /></Flex>}
          extra={<Button size="small" onClick={() => set({ observations: act.observations.filter((_, k) => k !== j) })}
            aria-label={tr('删除这一组数字', 'Remove these counts')}>{tr('删除', 'Remove')}</Button>}>
          <Row gutter={[12, 8]}>
            {COUNT_KEYS.map((k: CountKey) => (
              <Col key={k} xs={12} md={6} xl={3}>
                <label htmlFor={`${p}-obs-${j}-${k}`} style={{ fontSize: 12 }}>{tr(...(COUNT_LABELS[k] ?? [k, k]))}</label>
                <InputNumber id={`${p}-obs-${j}-${k}`} min={0} precision={0} value={o[k] ?? null} style={{ width: '100%' }}
                  onChange={(v) => setObs(j, { ...o, [k]: typeof v === 'number' ? v : null })} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
      <Button size="small" onClick={() => set({ observations: [...act.observations, { at: '' }] })}>{tr('添加一组数字', 'Add counts')}</Button>
    </Card>
  );
}

/** The words of each harm kind, from the one place the assessment also reads them. */
export { HARM_WORDS };

/** English names of the kinds of personal information (the Chinese ones are the assessment's INFO_ZH). */
const INFO_EN: Record<InfoKind, string> = {
  whereabouts: 'Whereabouts (where you are or go)', 'communication-content': 'Contents of your messages or calls', credit: 'Credit records', property: 'Property and bank details',
  lodging: 'Hotel stays', 'call-records': 'Call and message logs', health: 'Health and medical records', transactions: 'Purchases and transactions', name: 'Name',
  'id-number': 'ID card number', phone: 'Phone number', address: 'Home address', workplace: 'Workplace or school', photo: 'Photos', family: 'Family members',
  account: 'Online accounts', other: 'Other information',
};
/** The kinds in the order a victim thinks of them: the usual ones of doxxing first, the rarer records after. */
const INFO_ORDER: InfoKind[] = ['name', 'phone', 'address', 'id-number', 'workplace', 'family', 'photo', 'account', 'whereabouts', 'communication-content',
  'health', 'property', 'credit', 'transactions', 'lodging', 'call-records', 'other'];

/** "Defamation" from "defamation": the assessment's English names are written to stand inside a sentence. */
export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const tri = (v: boolean | null | undefined): Tri => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

/**
 * "What did this post do to you?": one checkbox per harm kind, with its plain question and an example. Nothing ticked
 * is "not stated" (the key is left out, and the assessment reads it as defamation). With privacy ticked, what was
 * disclosed. `id` is fact-acts-N-harms or fact-evidence-N-harms; every harms question also answers to fact-harms.
 */
export function HarmsField({ id, act, onChange }: { id: string; act: Act; onChange: (a: Act) => void }) {
  const { tr, lang } = useLang();
  const ticked = act.harms ?? [];
  const toggle = (h: HarmKind, on: boolean) => {
    const next = HARM_KINDS.filter((k) => (k === h ? on : ticked.includes(k)));
    const a: Act = { ...act };
    if (next.length) a.harms = next;
    else delete a.harms;
    onChange(a);
  };
  const pick = (t: { zh: string; en: string }) => (lang === 'zh' ? t.zh : t.en);
  return (
    <Field id={id} group label={tr('这条帖子对您造成了哪些侵害？（可多选）', 'What did this post do to you? (tick all that apply)')}
      help={tr('不同的侵害有不同的法律途径。一项都不选，表示没有说明，固证会按“诽谤”处理。', 'Each harm has its own legal routes. If you tick nothing, it is "not stated", and guzheng treats the post as defamation.')}
      style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
      <div id={id} data-alias="fact-harms" role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-help`} tabIndex={-1} data-testid="harms">
        <Row gutter={[16, 10]}>
          {HARM_KINDS.map((h) => {
            const info = HARM_WORDS[h];
            const on = ticked.includes(h);
            return (
              <Col key={h} xs={24} md={h === 'privacy' && on ? 24 : 12}>
                <Checkbox id={`${id}-${h}`} checked={on} onChange={(e) => toggle(h, e.target.checked)} data-harm={h}>
                  <span style={{ fontWeight: 600 }}>{capital(pick(info))}</span>
                </Checkbox>
                {/* A second label of the same box: the plain question and the example are part of its name, and clicking them ticks it. */}
                <label htmlFor={`${id}-${h}`} style={{ display: 'block', paddingLeft: 24, cursor: 'pointer' }}>
                  <span style={{ display: 'block' }}>{pick(info.ask)}</span>
                  <span style={{ display: 'block', color: '#8c8c8c', fontSize: 12 }}>{pick(info.example)}</span>
                </label>
                {h === 'privacy' && on ? <PersonalInfoFields id={id.replace(/-harms$/, '-personalInfo')} act={act} onChange={onChange} /> : null}
              </Col>
            );
          })}
        </Row>
        {!ticked.length ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }} data-testid="harms-unstated">
            {tr('（还没有选择：按“诽谤”处理）', '(nothing ticked yet: treated as defamation)')}
          </Typography.Text>
        ) : null}
      </div>
    </Field>
  );
}

/**
 * What a privacy post disclosed: the kinds (the law counts them in tiers), how many records, and whether someone used
 * them to commit a crime against the victim. Unanswered parts are left out; nothing answered leaves personalInfo out.
 */
export function PersonalInfoFields({ id, act, onChange }: { id: string; act: Act; onChange: (a: Act) => void }) {
  const { tr } = useLang();
  const info: PersonalInfo = act.personalInfo ?? {};
  const set = (key: keyof PersonalInfo, v: unknown) => {
    const next: Record<string, unknown> = { ...info };
    if (v === undefined) delete next[key];
    else next[key] = v;
    const a: Act = { ...act };
    if (Object.keys(next).length) a.personalInfo = next as PersonalInfo;
    else delete a.personalInfo;
    onChange(a);
  };
  return (
    <div id={id} data-alias="fact-personalInfo" tabIndex={-1} data-testid="personal-info"
      style={{ margin: '8px 0 0 24px', padding: '8px 12px 0', borderLeft: '3px solid #91caff', background: '#fff', borderRadius: 4 }}>
      <Field id={`${id}-kinds`} group label={tr('公开了您的哪些信息？（可多选）', 'What was disclosed? (tick all that apply)')}
        help={tr('不确定就不选。', 'If unsure, tick nothing.')}>
        <ListChoice<InfoKind> id={`${id}-kinds`} value={Array.isArray(info.kinds) ? info.kinds : undefined}
          onChange={(v) => set('kinds', v)} options={INFO_ORDER.map((k) => ({ value: k, label: tr(INFO_ZH[k], INFO_EN[k]) }))} columns={3} />
      </Field>
      <Row gutter={[16, 0]}>
        <Col xs={24} md={10}>
          <Field id={`${id}-records`} label={tr('共公开了多少条个人信息？', 'How many pieces of personal information?')}
            help={tr('帖子公开了几个人的信息的，合计填写。不清楚就留空。', 'If it disclosed several people\'s information, add them up. Leave empty if not known.')}>
            <InputNumber id={`${id}-records`} min={0} precision={0} value={typeof info.records === 'number' ? info.records : null} style={{ width: 160 }}
              onChange={(v) => set('records', typeof v === 'number' ? v : undefined)} aria-describedby={`${id}-records-help`} />
          </Field>
        </Col>
        <Col xs={24} md={14}>
          <Field id={`${id}-usedForCrime`} group label={tr('有人利用这些信息对您实施了犯罪吗？', 'Did anyone use it to commit a crime against you?')}
            help={tr('例如敲诈勒索、上门威胁或伤害、诈骗。', 'E.g. extortion, threats or an attack at your home, fraud.')}>
            <TriChoice id={`${id}-usedForCrime`} value={tri(info.usedForCrime)} onChange={(v) => set('usedForCrime', v === 'unknown' ? undefined : v === 'yes')}
              yes={tr('有', 'Yes')} no={tr('没有', 'No')} unknown={tr('不清楚', 'Not known')} />
          </Field>
        </Col>
      </Row>
    </div>
  );
}

/** A penalty the poster had before: a day, "none" (null), or not known (the key left out). */
export interface Penalty { mode: 'unknown' | 'none' | 'date'; date: string }
export function penaltyOf(o: object, key: string): Penalty {
  const v = (o as Record<string, unknown>)[key];
  return !(key in o) ? { mode: 'unknown', date: '' } : typeof v === 'string' && v ? { mode: 'date', date: v } : { mode: 'none', date: '' };
}
/** The value to save: a day, null, or undefined (leave the key out). A "yes" without a day is saved as not known. */
export const penaltyValue = (p: Penalty): string | null | undefined => (p.mode === 'none' ? null : p.mode === 'date' && p.date ? p.date : undefined);

export function PenaltyField({ id, label, help, value, onChange }: { id: string; label: string; help: string; value: Penalty; onChange: (p: Penalty) => void }) {
  const { tr } = useLang();
  return (
    <Field id={id} group label={label} help={help}>
      <Flex gap={12} wrap align="center">
        <TriChoice id={id} value={value.mode === 'date' ? 'yes' : value.mode === 'none' ? 'no' : 'unknown'}
          onChange={(v) => onChange({ ...value, mode: v === 'yes' ? 'date' : v === 'no' ? 'none' : 'unknown' })}
          yes={tr('有', 'Yes')} no={tr('没有', 'No')} unknown={tr('不清楚', 'Not known')} />
        {value.mode === 'date' ? (
          <DateField id={`${id}-date`} label={tr('处罚日期', 'Day of the penalty')} value={value.date} onChange={(v) => onChange({ mode: 'date', date: v })} />
        ) : null}
      </Flex>
      {value.mode === 'date' && !value.date ? (
        <Typography.Text type="warning">{tr('请填写处罚日期；不填日期，会按“不清楚”保存。', 'Give the day of the penalty; without it, this is saved as "not known".')}</Typography.Text>
      ) : null}
    </Field>
  );
}
