/** One capture job, live: its steps as they happen, then what it produced (status, screenshot, seal, link). */
import { useEffect, useState } from 'react';
import { Alert, Card, Collapse, Flex, List, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, MinusCircleFilled } from '@ant-design/icons';
import { api, ApiError, fileUrl, watchJob, type ItemDetail, type Job, type Step } from '../api';
import { asApiError } from '../hooks';
import { useLang } from '../i18n';
import { href } from '../router';
import { ErrorNotice, SealTag, StatusTag } from './common';

export const JOB_STATE: Record<string, { zh: string; en: string; color: string }> = {
  queued: { zh: '排队中', en: 'Queued', color: 'default' },
  running: { zh: '进行中', en: 'Running', color: 'processing' },
  done: { zh: '已完成', en: 'Done', color: 'success' },
  failed: { zh: '失败', en: 'Failed', color: 'error' },
};

/** Follows a job until it ends. */
export function useJob(id: string | null): { job: Job | null; error: ApiError | null } {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (!id) return;
    return watchJob(id, setJob, setError);
  }, [id]);
  return { job, error };
}

export function StepList({ steps, running }: { steps: Step[]; running: boolean }) {
  const { tr } = useLang();
  if (!steps.length && !running) return null;
  const icon = (o: string) => o === 'ok' ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={tr('成功', 'ok')} />
    : o === 'failed' ? <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={tr('失败', 'failed')} />
      : <MinusCircleFilled style={{ color: '#8c8c8c' }} aria-label={tr('跳过', 'skipped')} />;
  return (
    <div aria-live="polite" aria-label={tr('步骤', 'Steps')} style={{ maxHeight: 240, overflow: 'auto' }}>
      <List size="small" dataSource={steps} split={false}
        renderItem={(s) => (
          <List.Item style={{ padding: '2px 0' }} data-testid="job-step">
            <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
              {icon(s.outcome)}
              <Typography.Text code>{s.name}</Typography.Text>
              {s.detail ? <span className="source">{s.detail}</span> : null}
            </Flex>
          </List.Item>
        )} />
      {running ? <Flex gap={8} style={{ padding: '2px 0' }}><LoadingOutlined /> <Typography.Text type="secondary">{tr('正在进行…', 'Working…')}</Typography.Text></Flex> : null}
    </div>
  );
}

export function JobCard({ id, url }: { id: string; url: string }) {
  const { tr, pick } = useLang();
  const { job, error } = useJob(id);
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [itemError, setItemError] = useState<ApiError | null>(null);
  const itemId = job?.state === 'done' || job?.state === 'failed' ? job.item ?? null : null;
  useEffect(() => {
    if (!itemId) return;
    api.item(itemId).then(setItem, (e) => setItemError(asApiError(e)));
  }, [itemId]);
  const state = job?.state ?? 'queued';
  const st = JOB_STATE[state] ?? JOB_STATE.queued!;
  const shot = item?.files.find((f) => f.role === 'screenshot.viewport.framed') ?? item?.files.find((f) => f.role === 'screenshot.viewport');
  return (
    <Card size="small" data-testid="job-card" data-state={state} data-job={id} style={{ marginBottom: 12 }}
      title={<Flex gap={8} align="center" style={{ minWidth: 0 }}><Tag color={st.color}>{pick(st)}</Tag><span className="break" style={{ whiteSpace: 'normal' }}>{job?.url ?? url}</span></Flex>}>
      {error && state !== 'done' && state !== 'failed' ? <ErrorNotice error={error} what={tr('暂时看不到进度', 'Cannot see the progress for now')} /> : null}
      {state === 'done' ? (
        <Collapse size="small" ghost items={[{ key: 'steps', label: tr(`取证步骤（${job?.steps.length ?? 0} 步）`, `Steps (${job?.steps.length ?? 0})`), children: <StepList steps={job?.steps ?? []} running={false} /> }]} />
      ) : <StepList steps={job?.steps ?? []} running={state === 'queued' || state === 'running'} />}
      {state === 'failed' && job?.error ? <div style={{ marginTop: 8 }}><ErrorNotice error={new ApiError(job.error.code, job.error.zh, job.error.en)} what={tr('取证没有完成', 'The capture did not finish')} /></div> : null}
      {state === 'failed' && !job?.error ? <Alert type="error" showIcon title={tr('取证没有完成。可以再试一次。', 'The capture did not finish. You can try again.')} style={{ marginTop: 8 }} /> : null}
      <ErrorNotice error={itemError} what={tr('无法读取取证结果', 'Cannot read the result')} />
      {item ? <ItemResult item={item} shot={shot ? fileUrl(item.id, shot.path) : null} /> : null}
      {itemId && !item && !itemError ? <Typography.Text type="secondary">{tr('正在读取结果…', 'Reading the result…')}</Typography.Text> : null}
    </Card>
  );
}

function ItemResult({ item, shot }: { item: ItemDetail; shot: string | null }) {
  const { tr, pick } = useLang();
  return (
    <Flex gap={16} wrap style={{ marginTop: 12 }} align="flex-start">
      {shot ? (
        <a href={href('items', item.id)} aria-label={tr('打开证据详情', 'Open the evidence')}>
          <img data-testid="job-thumb" src={shot} alt={tr('网页第一屏截图（带网址和时间栏）', 'First screen of the page, with the address and time band')}
            style={{ width: 240, maxWidth: '100%', border: '1px solid #f0f0f0', borderRadius: 4 }} />
        </a>
      ) : null}
      <Flex vertical gap={6} style={{ flex: '1 1 240px', minWidth: 0 }}>
        <div>
          <Typography.Text type="secondary">{tr('取证结果', 'Result')}：</Typography.Text><StatusTag status={item.status} />
          <Typography.Text type="secondary">{tr('封存', 'Seal')}：</Typography.Text><SealTag seal={item.seal} />
        </div>
        {item.seal === 'awaiting-timestamp' ? (
          <Typography.Text type="warning">{tr('时间戳服务器暂时没有回应：证据已签名保存，稍后可在“导出与核对”页补盖时间戳。', 'No timestamp server answered yet: the evidence is signed and saved; add the timestamp later on the Export & verify screen.')}</Typography.Text>
        ) : null}
        {(item.reasons ?? []).map((r, i) => (
          <Alert key={`r${i}`} type={item.status === 'FAILED' ? 'error' : 'warning'} showIcon title={<>{pick(r)} <Typography.Text code>{r.code}</Typography.Text></>} />
        ))}
        <Typography.Link href={href('items', item.id)} data-testid="job-item-link" strong>{tr('查看证据详情 →', 'Open the evidence →')}</Typography.Link>
      </Flex>
    </Flex>
  );
}
