/**
 * #/items/ID — one piece of evidence: what a person saw (screenshots, video, a sandboxed snapshot), what was read
 * from it (the post's facts with their sources), how it was made (network, environment), every file with its
 * hashes, the seal and custody log, a verification on demand, and notes.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Flex, Input, Row, Switch, Table, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, fileUrl, packageUrl, type CustodyEvent, type ItemDetail, type ItemFile, type VerifyResult } from '../api';
import { ErrorNotice, Loading, PageTitle, SealTag, StatusTag, useOpenCase, useShell } from '../components/common';
import { CommentsView, PostFactsView } from '../components/PostFactsView';
import { ImportView } from '../components/ImportView';
import { EnvironmentSummary, NetworkSummary } from '../components/RecordSummary';
import { Shots } from '../components/Shots';
import { VerifyResultView } from '../components/VerifyResultView';
import { useAction, useLoad } from '../hooks';
import { beijingTime, bytes, useLang } from '../i18n';
import { href } from '../router';

export default function ItemPage({ itemId }: { itemId: string }) {
  const { tr, pick } = useLang();
  const item = useLoad(() => api.item(itemId), [itemId]);
  const { may } = useShell();
  const d = item.data;
  useOpenCase(d?.case);
  if (!d) {
    return (
      <>
        <PageTitle>{tr('证据详情', 'Evidence')}</PageTitle>
        {item.loading ? <Loading rows={8} /> : null}
        <ErrorNotice error={item.error} onRetry={item.reload} what={tr('无法读取这件证据', 'Cannot read this evidence')} />
      </>
    );
  }
  const video = d.files.find((f) => f.role === 'video');
  const dom = d.files.find((f) => f.role === 'dom');
  const pdf = d.files.find((f) => f.role === 'pdf');
  return (
    <>
      <PageTitle sub={<span className="break">{d.finalUrl ?? d.url ?? d.imported?.source.name ?? d.kind}</span>}
        extra={<>
          <Button href={href('cases', d.case)}>{tr('返回案件', 'Back to the case')}</Button>
          {may('work') ? <Button href={packageUrl(d.id)} download="" data-testid="download-package">{tr('下载证据包（WACZ）', 'Download the package (WACZ)')}</Button> : null}
        </>}>
        {tr('证据详情', 'Evidence')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'status', label: tr('取证结果', 'Result'), children: <StatusTag status={d.status} /> },
            { key: 'seal', label: tr('封存', 'Seal'), children: <SealTag seal={d.seal} /> },
            ...(d.imported ? [] : [
              { key: 'url', label: tr('访问的网址', 'Address visited'), children: <span className="break">{d.url ?? '—'}</span> },
              { key: 'final', label: tr('最终网址', 'Final address'), children: <span className="break">{d.finalUrl ?? '—'}</span> },
            ]),
            { key: 'start', label: d.imported ? tr('导入（北京时间）', 'Imported (Beijing time)') : tr('开始（北京时间）', 'Started (Beijing time)'), children: beijingTime(d.startedAt) },
            { key: 'end', label: tr('结束（北京时间）', 'Ended (Beijing time)'), children: beijingTime(d.endedAt) },
            { key: 'id', label: tr('证据编号', 'Item ID'), children: <Typography.Text className="mono" copyable>{d.id}</Typography.Text> },
          ]} />
          {(d.reasons ?? []).map((r, i) => (
            <Alert key={`r${i}`} style={{ marginTop: 8 }} type={d.status === 'FAILED' ? 'error' : 'warning'} showIcon
              title={<>{pick(r)} <Typography.Text code>{r.code}</Typography.Text></>} description={r.detail ? <span className="source">{String(r.detail)}</span> : undefined} />
          ))}
          {d.warnings?.length ? (
            <Collapse size="small" style={{ marginTop: 8 }} items={[{
              key: 'w', label: tr(`说明（${d.warnings.length} 条，不影响完整性）`, `Notes (${d.warnings.length}; they do not affect completeness)`),
              children: <ul style={{ margin: 0, paddingLeft: 18 }}>{d.warnings.map((w, i) => <li key={i}>{pick(w)} <Typography.Text code>{w.code}</Typography.Text>{w.detail ? <div className="source">{String(w.detail)}</div> : null}</li>)}</ul>,
            }]} />
          ) : null}
        </Card>
        {d.imported ? <ImportView itemId={d.id} record={d.imported} files={d.files} /> : null}
        {/* What a capture has (screenshots, post facts, network, environment); an import shows its own above. */}
        {d.imported ? null : (
          <>
            <Shots itemId={d.id} files={d.files} />
            {video ? (
              <Card title={tr('访问过程录像', 'Video of the visit')}>
                <video controls preload="metadata" src={fileUrl(d.id, video.path)} aria-label={tr('访问过程录像', 'Video of the visit')} data-testid="video"
                  style={{ width: '100%', maxHeight: 540, background: '#000', borderRadius: 6 }} />
              </Card>
            ) : null}
            {dom || pdf ? <Snapshot itemId={d.id} dom={dom ?? null} pdf={pdf ?? null} /> : null}
            <PostFactsView post={d.post} />
            <CommentsView post={d.post} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}><NetworkSummary network={d.network} /></Col>
              <Col xs={24} xl={12}><EnvironmentSummary environment={d.environment} /></Col>
            </Row>
          </>
        )}
        <Files itemId={d.id} files={d.files} />
        <Verify itemId={d.id} onDone={item.reload} />
        <Custody item={d} onNoted={item.reload} />
      </Flex>
    </>
  );
}

/** The DOM snapshot, only on request, in an iframe with an empty sandbox: no scripts, no forms, no same-origin. */
function Snapshot({ itemId, dom, pdf }: { itemId: string; dom: ItemFile | null; pdf: ItemFile | null }) {
  const { tr } = useLang();
  const [shown, setShown] = useState(false);
  return (
    <Card title={tr('网页快照', 'Page snapshot')} extra={dom ? (
      <Flex gap={8} align="center">
        <label htmlFor="show-snapshot">{tr('显示网页快照', 'Show the page snapshot')}</label>
        <Switch id="show-snapshot" data-testid="show-snapshot" checked={shown} onChange={setShown} />
      </Flex>
    ) : undefined}>
      <Typography.Paragraph type="secondary">
        {tr('快照是取证时网页的内容，在隔离的框中显示，其中的脚本不会运行，样式和图片可能不完整。法院看的是截图和录像。',
          'The snapshot is the page\'s content at capture time, shown in an isolated frame where its scripts never run; styles and images may be incomplete. Courts rely on the screenshots and the video.')}
      </Typography.Paragraph>
      {shown && dom ? <iframe sandbox="" src={fileUrl(itemId, dom.path)} title={tr('网页快照（脚本已禁用）', 'Page snapshot (scripts disabled)')} className="snapshot-frame" data-testid="dom-frame" referrerPolicy="no-referrer" /> : null}
      {pdf ? <Typography.Link href={fileUrl(itemId, pdf.path)} target="_blank" rel="noopener">{tr('打开网页的 PDF 打印件', 'Open the PDF print of the page')}</Typography.Link> : null}
    </Card>
  );
}

function Files({ itemId, files }: { itemId: string; files: ItemFile[] }) {
  const { tr } = useLang();
  const columns: TableColumnsType<ItemFile> = [
    { title: tr('文件', 'File'), dataIndex: 'path', render: (p: string) => <Typography.Link href={fileUrl(itemId, p)} target="_blank" rel="noopener" className="break">{p}</Typography.Link> },
    { title: tr('用途', 'Role'), dataIndex: 'role', width: 160, responsive: ['md'], render: (r: string) => <Typography.Text code>{r}</Typography.Text> },
    { title: tr('大小', 'Size'), dataIndex: 'size', width: 90, render: (n: number) => bytes(n) },
    {
      title: tr('指纹', 'Hashes'), key: 'hash',
      render: (_: unknown, f) => (
        <div style={{ minWidth: 220 }}>
          <div className="mono"><b>SHA-256</b> <Typography.Text copyable={{ text: f.sha256 }} className="mono">{f.sha256}</Typography.Text></div>
          <div className="mono"><b>SM3</b> <Typography.Text copyable={{ text: f.sm3 }} className="mono">{f.sm3}</Typography.Text></div>
        </div>
      ),
    },
  ];
  return (
    <Card title={tr(`全部文件及其指纹（${files.length} 个）`, `All files with their hashes (${files.length})`)}>
      <Typography.Paragraph type="secondary">
        {tr('指纹（哈希值）像文件的身份证号：文件改动一个字节，指纹就完全不同。', 'A hash is like an ID number of a file: change one byte and the hash is entirely different.')}
      </Typography.Paragraph>
      <Table<ItemFile> rowKey="path" size="small" columns={columns} dataSource={files} pagination={false} scroll={{ x: 'max-content' }} data-testid="files" />
    </Card>
  );
}

function Verify({ itemId, onDone }: { itemId: string; onDone: () => void }) {
  const { tr } = useLang();
  const verify = useAction(async (): Promise<VerifyResult> => {
    const r = await api.verifyItem(itemId);
    onDone();
    return r;
  });
  const { running: busy, error, result } = verify;
  const run = () => void verify.run();
  return (
    <Card title={tr('核对', 'Verify')} extra={<Button type="primary" onClick={run} loading={busy} data-testid="verify-now">{tr('立即核对', 'Verify now')}</Button>}>
      <Typography.Paragraph type="secondary">
        {tr('从保存的原件重新计算每个文件的指纹，检查签名和时间戳。核对本身也会记入保管记录。', 'Recomputes every file\'s hash from the stored originals and checks the signature and timestamps. The check is itself recorded in the custody log.')}
      </Typography.Paragraph>
      <ErrorNotice error={error} what={tr('核对没有完成', 'The verification did not finish')} />
      {result ? <VerifyResultView result={result} /> : null}
    </Card>
  );
}

const EVENT: Record<string, [string, string, string]> = {
  created: ['创建', 'Created', 'blue'], imported: ['导入', 'Imported', 'blue'], captured: ['取证完成', 'Captured', 'blue'], sealed: ['封存（签名）', 'Sealed (signed)', 'green'],
  timestamped: ['加盖时间戳', 'Timestamped', 'green'], viewed: ['查看', 'Viewed', 'gray'], exported: ['导出', 'Exported', 'blue'],
  copied: ['复制备份', 'Copied', 'blue'], verified: ['核对', 'Verified', 'green'], noted: ['备注', 'Note', 'blue'],
};

function eventDetail(e: CustodyEvent): string {
  const d = e.detail;
  if (d === null || d === undefined) return '';
  if (typeof d !== 'object') return String(d);
  const o = d as Record<string, unknown>;
  if (typeof o.text === 'string') return o.text;
  const s = JSON.stringify(o);
  return s === '{}' ? '' : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function Custody({ item, onNoted }: { item: ItemDetail; onNoted: () => void }) {
  const { tr } = useLang();
  const { may } = useShell();
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const [showViews, setShowViews] = useState(false);
  const events = [...(item.events ?? [])].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.at.localeCompare(b.at));
  const views = events.filter((e) => e.type === 'viewed').length;
  const shown = showViews ? events : events.filter((e) => e.type !== 'viewed');
  const noting = useAction(async (note: string) => {
    await api.addNote(item.id, note);
    setText('');
    setSaved(true);
    onNoted();
  });
  const { running: busy, error } = noting;
  const add = () => {
    if (!text.trim()) return;
    setSaved(false);
    void noting.run(text.trim());
  };
  return (
    <Card title={tr('封存与保管记录', 'Seal and custody log')} data-testid="custody" extra={<SealTag seal={item.seal} />}>
      <Typography.Paragraph type="secondary">
        {tr('每一次创建、封存、加盖时间戳、查看、导出和核对都按顺序记录，每条记录都连着上一条的指纹，不能修改或删除。',
          'Every creation, seal, timestamp, view, export and check is logged in order; each entry carries the hash of the one before, and none can be changed or removed.')}
      </Typography.Paragraph>
      {views ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Switch id="show-views" size="small" checked={showViews} onChange={setShowViews} />
          <label htmlFor="show-views">{tr(`显示查看记录（${views} 次）`, `Show the views (${views})`)}</label>
        </Flex>
      ) : null}
      {shown.length ? (
        <Timeline items={shown.map((e, i) => {
          const ev = EVENT[e.type];
          return {
            key: `${e.seq ?? i}-${e.hash ?? ''}`,
            color: ev?.[2] ?? 'gray',
            content: (
              <div>
                <Typography.Text type="secondary" style={{ marginRight: 8 }}>{beijingTime(e.at)}</Typography.Text>
                <Typography.Text strong>{ev ? tr(ev[0], ev[1]) : e.type}</Typography.Text>
                {e.actor ? <Typography.Text type="secondary"> · {e.actor}</Typography.Text> : null}
                {eventDetail(e) ? <div className="break" style={{ whiteSpace: 'pre-wrap' }}>{eventDetail(e)}</div> : null}
              </div>
            ),
          };
        })} />
      ) : <Typography.Text type="secondary">{tr('还没有保管记录。', 'No custody entries yet.')}</Typography.Text>}
      {may('work') ? <>
      <label htmlFor="note-text"><Typography.Text strong>{tr('添加备注', 'Add a note')}</Typography.Text></label>
      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px' }}>
        {tr('例如：“原手机已交律师保管”。备注记入保管记录，之后不能修改或删除。', 'For example: "The original phone is with the lawyer." A note joins the custody log and cannot be changed or removed later.')}
      </Typography.Paragraph>
      <Input.TextArea id="note-text" data-testid="note-text" value={text} onChange={(e) => { setText(e.target.value); setSaved(false); }} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      <ErrorNotice error={error} what={tr('备注没有保存', 'The note was not saved')} />
      <Flex gap={8} align="center" style={{ marginTop: 8 }}>
        <Button onClick={add} loading={busy} disabled={!text.trim()} data-testid="add-note">{tr('添加备注', 'Add the note')}</Button>
        {saved ? <Typography.Text type="success" role="status">{tr('已记入保管记录', 'Added to the custody log')}</Typography.Text> : null}
      </Flex>
      </> : null}
    </Card>
  );
}
