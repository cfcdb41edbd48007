/**
 * An imported file on its evidence screen: what it is, where it came from (as the importer stated), the checks
 * (the ones that ask a person to look first), a preview, what such an import proves and does not prove; and, for a
 * chat, its messages with search and the choice of the messages that matter.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, fileUrl, type ChatMessage, type ItemFile, type ImportRecord } from '../api';
import { ErrorNotice, Loading, orDash, useShell } from './common';
import { useAction, useLoad } from '../hooks';
import { beijingTime, useLang } from '../i18n';

const CARRIER: Record<string, [string, string]> = {
  device: ['设备', 'Device'], os: ['系统', 'System'], app: ['应用', 'App'], appVersion: ['应用版本', 'App version'], account: ['账号', 'Account'],
  exportedBy: ['导出人', 'Exported by'], exportedAt: ['导出时间', 'Exported at'], originalKeptAt: ['原件在哪里', 'Original kept at'], note: ['备注', 'Note'],
};

export function ImportView({ itemId, record, files }: { itemId: string; record: ImportRecord; files: ItemFile[] }) {
  const { tr, pick, lang } = useLang();
  const original = files.find((f) => f.role === 'original');
  const sheet = files.find((f) => f.role === 'contact-sheet');
  const s = record.summary ?? {};
  const flags = record.checks.filter((c) => c.result === 'flag');
  const rest = record.checks.filter((c) => c.result !== 'flag');
  return (
    <>
      <Card title={tr('导入的文件', 'Imported file')} data-testid="import-view">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'name', label: tr('文件名', 'File name'), children: <span className="break">{record.source.name}</span> },
          { key: 'kind', label: tr('类型', 'Kind'), children: `${record.kind} · ${record.fileFormat}` },
          { key: 'size', label: tr('大小', 'Size'), children: `${record.source.size} B` },
          { key: 'sha', label: 'SHA-256', children: <Typography.Text className="mono break" copyable>{record.source.sha256}</Typography.Text> },
          ...(record.kind === 'email' ? [
            { key: 'from', label: tr('发件人', 'From'), children: orDash((s.from ?? []).map((a: { name: string | null; address: string | null }) => `${a.name ?? ''} <${a.address ?? ''}>`).join(', ')) },
            { key: 'subject', label: tr('主题', 'Subject'), children: orDash(s.subject) },
            { key: 'date', label: tr('邮件时间', 'Date'), children: s.date?.utc ? beijingTime(s.date.utc) : orDash(s.date?.raw) },
            { key: 'dkim', label: 'DKIM', children: (s.signatures ?? []).length ? (s.signatures as { domain: string; selector: string; result: string }[]).map((x) => (
              <Tag key={`${x.domain}${x.selector}`} color={x.result === 'pass' ? 'success' : 'warning'}>{x.domain} · {x.result}</Tag>)) : tr('没有签名', 'not signed') },
          ] : []),
          ...(record.kind === 'chat' ? [
            { key: 'msgs', label: tr('消息', 'Messages'), children: String(s.messages ?? '—') },
            { key: 'span', label: tr('时间范围（北京时间）', 'Span (Beijing time)'), children: `${orDash(s.firstBeijing)} — ${orDash(s.lastBeijing)}` },
            { key: 'who', label: tr('参与者', 'Participants'), children: (s.participants ?? []).map((p: { name: string | null; id: string | null; messages: number }) => `${p.name ?? '—'}${p.id ? ` (${p.id})` : ''} ×${p.messages}`).join('；') },
          ] : []),
          ...(record.kind === 'picture' || record.kind === 'video' ? [
            { key: 'taken', label: tr('文件记载的时间', 'Time the file states'), children: s.taken?.utc || s.created?.utc
              ? `${beijingTime(s.taken?.utc ?? s.created?.utc)}（${(s.taken ?? s.created).source}${(s.taken ?? s.created).zoneAssumed ? tr('，时区为推定', ', zone assumed') : ''}）` : '—' },
            { key: 'device', label: tr('设备', 'Device'), children: orDash(s.device?.make || s.device?.model ? `${s.device?.make ?? ''} ${s.device?.model ?? ''}` : Object.values(s.device ?? {}).join(' ')) },
          ] : []),
        ]} />
        {flags.map((c) => <Alert key={c.id} style={{ marginTop: 8 }} type="warning" showIcon data-testid="import-flag" title={`⚑ ${pick(c)}`} />)}
        {rest.length ? (
          <ul style={{ marginTop: 8, paddingLeft: 18 }}>
            {rest.map((c) => <li key={c.id}><Typography.Text type={c.result === 'ok' ? 'success' : 'secondary'}>{c.result === 'ok' ? '✔ ' : ''}{pick(c)}</Typography.Text></li>)}
          </ul>
        ) : null}
        <Descriptions style={{ marginTop: 8 }} size="small" title={tr('来源（导入人陈述）', 'Where it came from (as stated by the importer)')} column={{ xs: 1, md: 2 }}
          items={record.carrier ? Object.entries(record.carrier).map(([k, v]) => ({ key: k, label: CARRIER[k] ? (lang === 'zh' ? CARRIER[k]![0] : CARRIER[k]![1]) : k, children: v }))
            : [{ key: 'none', label: tr('来源', 'Carrier'), children: tr('未说明', 'not stated') }]} />
        <Alert style={{ marginTop: 8 }} type="info" title={tr('这件证据能证明什么', 'What this evidence proves')} description={pick(record.statement)} />
      </Card>
      {original && record.kind === 'picture' && /^image\/(png|jpeg)$/.test(original.mediaType) ? (
        <Card title={tr('原始图片', 'The original picture')}>
          <img src={fileUrl(itemId, original.path)} alt={record.source.name} style={{ maxWidth: '100%', maxHeight: 720, border: '1px solid #f0f0f0' }} />
        </Card>
      ) : null}
      {sheet ? <Card title={tr('关键帧缩略图', 'Keyframes')}><img src={fileUrl(itemId, sheet.path)} alt={tr('关键帧缩略图', 'Keyframes')} style={{ maxWidth: '100%' }} /></Card> : null}
      {record.kind === 'chat' ? <Identity itemId={itemId} /> : null}
      {record.kind === 'chat' ? <ChatMessages itemId={itemId} /> : null}
    </>
  );
}

function ChatMessages({ itemId }: { itemId: string }) {
  const { tr } = useLang();
  const { may } = useShell();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [ranges, setRanges] = useState('');
  const chat = useLoad(() => api.chat(itemId, query || undefined), [itemId, query]);
  const select = useAction(async (r: string) => {
    const out = await api.selectMessages(itemId, r);
    chat.reload();
    return out;
  });
  const chosen = new Set(chat.data?.selection?.indexes ?? []);
  const columns: TableColumnsType<ChatMessage> = [
    { title: '#', dataIndex: 'index', width: 64 },
    { title: tr('时间（北京时间）', 'Time (Beijing)'), width: 190, render: (_, m) => `${m.time.utc ? beijingTime(m.time.utc) : m.time.raw}${m.time.zoneAssumed ? ' *' : ''}` },
    { title: tr('发送人', 'Sender'), width: 180, render: (_, m) => <>{m.sender.name ?? '—'}{m.sender.id ? <div className="source">{m.sender.id}</div> : null}</> },
    { title: tr('内容', 'Content'), render: (_, m) => <span className="break" style={{ whiteSpace: 'pre-wrap' }}>{m.type !== 'text' ? <Tag>{m.type}</Tag> : null}{m.text}</span> },
  ];
  return (
    <Card title={tr('聊天记录', 'Messages')} data-testid="chat">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => setQuery(v.trim())} allowClear style={{ maxWidth: 320 }}
          placeholder={tr('搜索内容、发送人、账号', 'Search text, sender, account')} data-testid="chat-search" enterButton={tr('搜索', 'Search')} />
        {may('work') ? <>
          <Input value={ranges} onChange={(e) => setRanges(e.target.value)} style={{ maxWidth: 220 }} placeholder={tr('重要消息，例如 3-5,9', 'Messages that matter, e.g. 3-5,9')} data-testid="chat-ranges" />
          <Button onClick={() => void select.run(ranges)} loading={select.running} disabled={!ranges.trim()} data-testid="chat-select">{tr('选定', 'Choose')}</Button>
        </> : null}
      </Flex>
      <ErrorNotice error={select.error} what={tr('没有选定', 'Not chosen')} />
      {chat.data?.selection ? (
        <Typography.Paragraph type="secondary" data-testid="chat-selection">
          {tr(`已选定的消息：${chat.data.selection.ranges}（${beijingTime(chat.data.selection.at)} 记入保管记录；文书引用这些消息）`,
            `Chosen messages: ${chat.data.selection.ranges} (recorded ${beijingTime(chat.data.selection.at)}; documents quote them)`)}
        </Typography.Paragraph>
      ) : null}
      {chat.loading && !chat.data ? <Loading /> : null}
      <ErrorNotice error={chat.error} onRetry={chat.reload} what={tr('无法读取聊天记录', 'Cannot read the messages')} />
      {chat.data ? (
        <Table<ChatMessage> rowKey="index" size="small" columns={columns} dataSource={chat.data.messages} pagination={{ pageSize: 100, showSizeChanger: false }}
          rowClassName={(m) => (chosen.has(m.index) ? 'chosen' : '')}
          footer={() => (query ? tr(`找到 ${chat.data!.messages.length} 条，共 ${chat.data!.total} 条`, `${chat.data!.messages.length} found of ${chat.data!.total}`) : tr(`共 ${chat.data!.total} 条；* 时区为推定`, `${chat.data!.total} in all; * zone assumed`))} />
      ) : null}
    </Card>
  );
}


const IDENTITY: Record<string, [string, string]> = {
  accountId: ['账号 ID', 'Account id'], profile: ['主页取证（证据编号）', 'Profile page capture (item id)'], payment: ['转账或付款记录（证据编号）', 'Transfer or payment record (item id)'],
  phone: ['手机号码', 'Phone number'], realName: ['真实姓名', 'Real name'],
};

/** What ties each other party's account to a person, and a way to add what is missing. */
function Identity({ itemId }: { itemId: string }) {
  const { tr, lang } = useLang();
  const { may } = useShell();
  const list = useLoad(() => api.identity(itemId), [itemId]);
  const [values, setValues] = useState<Record<string, string>>({});
  const add = useAction(async (party: string, field: string, value: string) => {
    const r = await api.linkIdentity(itemId, party, `${field}=${value}`);
    list.setData(r);
    setValues((v) => ({ ...v, [`${party}|${field}`]: '' }));
    return r;
  });
  const label = (f: string) => (IDENTITY[f] ? (lang === 'zh' ? IDENTITY[f]![0] : IDENTITY[f]![1]) : f);
  return (
    <Card title={tr('对方是谁：身份核对清单', 'Who is the other party: identity checklist')} data-testid="identity">
      <Typography.Paragraph type="secondary">
        {tr('法院需要把账号和具体的人对应起来：账号 ID、对方主页的取证、转账记录、电话号码、真实姓名。这里列出已有的和还缺的；文书会写明。',
          'A court needs to tie the account to a person: the account id, a capture of their profile page, payment records, a phone number, a real name. What the case holds and what is missing; the documents say so.')}
      </Typography.Paragraph>
      <ErrorNotice error={list.error ?? add.error} onRetry={list.reload} what={tr('身份核对清单', 'Identity checklist')} />
      {(list.data?.parties ?? []).map((p) => {
        const key = p.party.id ?? p.party.name ?? '';
        return (
          <div key={key} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{p.party.name ?? '—'}{p.party.id ? ` (${p.party.id})` : ''}</Typography.Text>
            <ul style={{ marginTop: 4, paddingLeft: 18 }}>
              {p.have.map((h) => <li key={h.field + h.value}><Typography.Text type="success">✔ {label(h.field)}：{h.value}</Typography.Text></li>)}
              {p.missing.map((f) => (
                <li key={f}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text type="warning">✘ {tr('尚缺', 'Missing')}：{label(f)}</Typography.Text>
                    {f === 'accountId' || !may('work') ? null : <>
                      <Input size="small" style={{ maxWidth: 260 }} value={values[`${key}|${f}`] ?? ''} data-testid={`identity-${f}`}
                        onChange={(e) => setValues((v) => ({ ...v, [`${key}|${f}`]: e.target.value }))} />
                      <Button size="small" disabled={!(values[`${key}|${f}`] ?? '').trim()} loading={add.running}
                        onClick={() => void add.run(key, f, values[`${key}|${f}`]!.trim())}>{tr('补充', 'Add')}</Button>
                    </>}
                  </Flex>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {list.data && !list.data.parties.length ? <Typography.Text type="secondary">{tr('没有找到对方（只有本人的消息）', 'No other party found (only your own messages)')}</Typography.Text> : null}
    </Card>
  );
}
