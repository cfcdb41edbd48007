/** Keeping the evidence safe (on the Export & verify screen): timestamps still missing, backups, a check of the whole vault. */
import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { api, type VerifyCheck } from '../api';
import { ErrorNotice, Loading } from './common';
import { JOB_STATE, StepList, useJob } from './JobCard';
import { useAction, useLoad } from '../hooks';
import { beijingTime, useLang } from '../i18n';
import { href } from '../router';

/** A button's action that changes what `list` shows: it runs, the list loads again, and its results are kept. */
function useRefreshingAction<T>(list: { reload: () => void }, act: () => Promise<{ results: T }>) {
  return useAction(async () => {
    const { results } = await act();
    list.reload();
    return results;
  });
}

export function PendingSeals() {
  const { tr } = useLang();
  const pending = useLoad(() => api.pendingSeals(), []);
  const { run, running: busy, error, result: results } = useRefreshingAction(pending, api.timestampPending);
  const items = pending.data?.items ?? [];
  return (
    <Card title={tr('等待时间戳的证据', 'Evidence awaiting a timestamp')} style={{ height: '100%' }}
      extra={<Button onClick={run} loading={busy} disabled={!items.length && !!pending.data} data-testid="timestamp-now">{tr('立即加盖时间戳', 'Timestamp now')}</Button>}>
      <Typography.Paragraph type="secondary">
        {tr('取证时如果时间戳服务器没有回应，证据已签名保存，但时间还没有由第三方固定。联网后在这里补盖。', 'If no timestamp server answered at capture time, the evidence is signed and saved but its time is not yet fixed by a third party. Add it here once online.')}
      </Typography.Paragraph>
      {pending.loading && !pending.data ? <Loading rows={2} /> : null}
      <ErrorNotice error={pending.error} onRetry={pending.reload} />
      <ErrorNotice error={error} what={tr('没有加盖时间戳', 'No timestamp was added')} />
      {pending.data && !items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('所有证据都已加盖时间戳。', 'Every item is timestamped.')} /> : null}
      {items.length ? (
        <List size="small" dataSource={items} renderItem={(i) => (
          <List.Item><Flex vertical style={{ minWidth: 0 }}><a href={href('items', i.id)} className="break">{i.url ?? i.id}</a><span className="source">{beijingTime(i.startedAt)}</span></Flex></List.Item>
        )} />
      ) : null}
      {results ? (
        <List size="small" header={<b>{tr('结果', 'Results')}</b>} dataSource={results} data-testid="timestamp-results" renderItem={(r) => (
          <List.Item><span className="break">{r.item}</span> <Tag color={r.state === 'timestamped' ? 'success' : 'warning'}>{r.state}</Tag></List.Item>
        )} />
      ) : null}
    </Card>
  );
}

export function Backups() {
  const { tr } = useLang();
  const dests = useLoad(() => api.backups(), []);
  const { run, running: busy, error, result: results } = useRefreshingAction(dests, api.runBackups);
  const list = dests.data?.destinations ?? [];
  return (
    <Card title={tr('备份', 'Backups')} style={{ height: '100%' }}
      extra={<Button onClick={run} loading={busy} disabled={!list.length && !!dests.data} data-testid="backup-now">{tr('立即备份', 'Back up now')}</Button>}>
      <Typography.Paragraph type="secondary">{tr('把证据复制到其他地方（另一块硬盘、U 盘或云存储），电脑坏了也不会丢。', 'Copy the evidence elsewhere (another disk, a USB stick, cloud storage) so a broken computer loses nothing.')}</Typography.Paragraph>
      {dests.loading && !dests.data ? <Loading rows={2} /> : null}
      <ErrorNotice error={dests.error} onRetry={dests.reload} />
      {dests.data && !list.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('还没有设置备份位置：在下面添加一个。', 'No backup place yet: add one below.')} />
      ) : null}
      {list.length ? (
        <List size="small" dataSource={list} data-testid="backup-destinations" renderItem={(d) => (
          <List.Item>
            <Flex vertical style={{ minWidth: 0 }}>
              <span className="break mono">{d.location}</span>
              <span className="source">{tr('添加于', 'Added')} {beijingTime(d.addedAt)}</span>
            </Flex>
          </List.Item>
        )} />
      ) : null}
      <AddBackup onAdded={dests.reload} />
      <ErrorNotice error={error} what={tr('备份没有完成', 'The backup did not finish')} />
      {results ? (
        <List size="small" header={<b>{tr('结果', 'Results')}</b>} dataSource={results} data-testid="backup-results"
          renderItem={(r) => (
            <List.Item>
              <span className="break">
                {r.error
                  ? <Typography.Text type="danger">✗ {r.location}：{r.error}</Typography.Text>
                  : <>✓ {r.location}：{tr(`新复制 ${r.copied} 个文件，${r.alreadyThere} 个已在那里`, `${r.copied} file(s) copied, ${r.alreadyThere} already there`)}</>}
              </span>
            </List.Item>
          )} />
      ) : null}
    </Card>
  );
}

/** A place to keep copies: a full folder path or s3://bucket/prefix (the server says in words what it refuses). */
function AddBackup({ onAdded }: { onAdded: () => void }) {
  const { tr } = useLang();
  const [location, setLocation] = useState('');
  const adding = useAction(async (where: string) => {
    await api.addBackup(where);
    setLocation('');
    onAdded();
  });
  const { running: busy, error } = adding;
  const add = () => {
    if (location.trim()) void adding.run(location.trim());
  };
  return (
    <Form layout="vertical" onFinish={add} style={{ marginTop: 12 }}>
      <Form.Item label={tr('添加备份位置', 'Add a backup place')} htmlFor="backup-location"
        help={tr('完整的文件夹路径（如 /media/u盘/固证副本），或 s3://存储桶/前缀', 'A full folder path (like /media/usb/guzheng-copies), or s3://bucket/prefix')}>
        <Flex gap={8}>
          <Input id="backup-location" data-testid="backup-location" value={location} onChange={(e) => setLocation(e.target.value)} maxLength={1000} />
          <Button htmlType="submit" loading={busy} disabled={!location.trim()} data-testid="add-backup">{tr('添加', 'Add')}</Button>
        </Flex>
      </Form.Item>
      <ErrorNotice error={error} what={tr('没有添加这个位置', 'The place was not added')} />
    </Form>
  );
}

/** Re-reads every stored file, signature, timestamp and custody chain (as `guzheng check`), as a job. */
export function VaultCheck() {
  const { tr, pick } = useLang();
  const starting = useAction(async () => (await api.checkVault()).job.id);
  const { running: busy, error, result: jobId } = starting;
  const { job } = useJob(jobId ?? null);
  const running = !!jobId && (!job || job.state === 'queued' || job.state === 'running');
  const result = job?.state === 'done' ? (job.result as { valid: boolean; checks: VerifyCheck[] }) : null;
  const shown = result ? result.checks.filter((c) => !c.ok || c.warning) : [];
  const start = () => void starting.run();
  const st = job ? JOB_STATE[job.state] : undefined;
  return (
    <Card title={tr('核对整个证据库', 'Check the whole vault')}
      extra={<Button onClick={start} loading={busy || running} data-testid="check-vault">{tr('现在核对', 'Check now')}</Button>}>
      <Typography.Paragraph type="secondary">
        {tr('重新读取保存的每一个文件，核对哈希、签名、时间戳和保管记录，确认自取证以来没有任何改动。', 'Re-reads every stored file and checks its hash, the signatures, timestamps and custody logs: nothing has changed since capture.')}
      </Typography.Paragraph>
      <ErrorNotice error={error} what={tr('没有开始核对', 'The check did not start')} />
      {running ? <StepList steps={job?.steps ?? []} running /> : null}
      {job?.state === 'failed' ? <Alert type="error" showIcon title={job.error ? <>{pick(job.error)} <Typography.Text code>{job.error.code}</Typography.Text></> : (st ? pick(st) : '')} /> : null}
      {result ? (
        <div data-testid="vault-check-result" data-state={result.valid ? 'valid' : 'invalid'} role="status" aria-live="polite">
          <Alert type={result.valid ? 'success' : 'error'} showIcon
            title={result.valid
              ? tr(`全部通过：${result.checks.length} 项核对`, `All ${result.checks.length} checks passed`)
              : tr(`有 ${result.checks.filter((c) => !c.ok).length} 项没有通过（共 ${result.checks.length} 项）`, `${result.checks.filter((c) => !c.ok).length} of ${result.checks.length} checks failed`)} />
          {shown.length ? (
            <List size="small" style={{ marginTop: 8 }} dataSource={shown} renderItem={(c) => (
              <List.Item data-testid="vault-check-problem">
                <Flex vertical style={{ minWidth: 0 }}>
                  <span>{c.ok ? <Tag color="gold">{tr('注意', 'Note')}</Tag> : <Tag color="red">{tr('未通过', 'Failed')}</Tag>} {c.zh ?? c.name}</span>
                  {c.detail ? <span className="source break">{c.detail}</span> : null}
                  <span className="source">{c.name}</span>
                </Flex>
              </List.Item>
            )} />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
