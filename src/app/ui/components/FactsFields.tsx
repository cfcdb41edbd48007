/**
 * The pieces of the facts form. Every answer can be "not known" (the key is left out), which is different from "no"
 * (false, [] or null, as src/assess/facts.ts reads them). Each field has the id fact-<name>, so a route's missing fact
 * can link straight to it.
 */
import type { ReactNode } from 'react';
import { Button, Card, Checkbox, Col, Flex, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { COUNT_KEYS, type Act, type CountKey, type Observation } from '../api';
import { PLATFORMS, useLang } from '../i18n';
import { COUNT_LABELS } from './PostFactsView';

/** One question: its label, a plain explanation, and the control. Groups (radios, checkboxes) get a group label. */
export function Field({ id, label, help, group, children }: { id: string; label: string; help?: ReactNode; group?: boolean; children: ReactNode }) {
  return (
    <div className="fact-field" data-field={id} style={{ marginBottom: 20, padding: 4 }}>
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
export function ListChoice<T extends string>({ id, value, onChange, options, noneLabel }: {
  id: string; value: T[] | undefined; onChange: (v: T[] | undefined) => void; options: { value: T; label: string }[]; noneLabel?: string;
}) {
  const none = Array.isArray(value) && value.length === 0;
  return (
    <div id={id} role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-help`} tabIndex={-1}>
      <Checkbox.Group value={value ?? []} disabled={none} onChange={(v) => onChange(v.length ? (v as T[]) : undefined)} style={{ width: '100%', display: 'block' }}>
        <Row gutter={[8, 4]}>
          {options.map((o) => <Col key={o.value} xs={24} md={12}><Checkbox value={o.value}>{o.label}</Checkbox></Col>)}
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

/** One post the user states (an act): address, platform, dates, summary, and counts read at some days. */
export function ActEditor({ act, index, onChange, onRemove }: { act: Act; index: number; onChange: (a: Act) => void; onRemove: () => void }) {
  const { tr } = useLang();
  const p = `fact-acts-${index}`;
  const set = (patch: Partial<Act>) => onChange({ ...act, ...patch });
  const setObs = (j: number, o: Observation) => set({ observations: act.observations.map((x, k) => (k === j ? o : x)) });
  return (
    <Card size="small" title={tr(`帖子 ${index + 1}`, `Post ${index + 1}`)} style={{ marginBottom: 12 }} data-testid="fact-act"
      extra={<Button size="small" danger onClick={onRemove} aria-label={tr(`删除帖子 ${index + 1}`, `Remove post ${index + 1}`)}>{tr('删除', 'Remove')}</Button>}>
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
