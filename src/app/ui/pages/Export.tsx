/**
 * #/cases/ID/export — the case as one evidence package (WACZ) for a court or notary; verifying any package; taking the
 * timestamps that are still missing; copying the vault to the backup places; checking the whole vault.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, type ApiError, type ExportResult, type VerifyResult } from '../api';
import { ErrorNotice, Loading, NotAllowed, PageTitle, useOpenCase, useShell } from '../components/common';
import { JOB_STATE, StepList, useJob } from '../components/JobCard';
import { VerifyResultView } from '../components/VerifyResultView';
import { Backups, PendingSeals, VaultCheck } from '../components/Care';
import { asApiError } from '../hooks';
import { bytes, useLang } from '../i18n';
import { href } from '../router';

export default function ExportPage({ caseId }: { caseId: string }) {
  const { tr } = useLang();
  useOpenCase(caseId);
  // Pending timestamps, backups and the vault check are the local app's; the organisation server does them itself.
  const { server, may } = useShell();
  return (
    <>
      <PageTitle sub={tr('把整个案件的证据打成一个证据包，交给法院、公证处或律师；任何人都可以离线核对它。', 'Put the whole case into one evidence package for a court, notary or lawyer; anyone can verify it offline.')}>
        {tr('导出与核对', 'Export & verify')}
      </PageTitle>
      <Flex vertical gap={16}>
        {may('work') ? <ExportCard caseId={caseId} /> : <NotAllowed need="work" doing={{ zh: '不能导出证据包，可以核对别人给您的证据包', en: 'you cannot export packages, but you can verify one you were given' }} />}
        <VerifyCard />
        {server ? null : (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}><PendingSeals /></Col>
            <Col xs={24} xl={12}><Backups /></Col>
            <Col xs={24}><VaultCheck /></Col>
          </Row>
        )}
      </Flex>
    </>
  );
}

function ExportCard({ caseId }: { caseId: string }) {
  const { tr, pick } = useLang();
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { job, error: watchError } = useJob(jobId);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setJobId((await api.exportCase(caseId)).job.id);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const running = !!jobId && (!job || job.state === 'queued' || job.state === 'running');
  const result = job?.state === 'done' ? (job.result as ExportResult | undefined) : undefined;
  const st = job ? JOB_STATE[job.state] : undefined;
  return (
    <Card title={tr('导出证据包', 'Export the evidence package')} data-testid="export-card" data-state={job?.state ?? (jobId ? 'queued' : 'idle')}
      extra={<Button type="primary" onClick={start} loading={busy || running} data-testid="export-case">{tr('导出整个案件', 'Export the whole case')}</Button>}>
      <Typography.Paragraph type="secondary">
        {tr('证据包（.wacz）包含网络记录、截图、录像、指纹、签名、时间戳、保管记录和中英文证书。', 'The package (.wacz) holds the traffic, screenshots, video, hashes, signature, timestamps, custody log and a bilingual certificate.')}
      </Typography.Paragraph>
      <ErrorNotice error={error} what={tr('没有开始导出', 'The export did not start')} />
      {jobId ? (
        <div aria-live="polite">
          {st ? <Tag color={st.color}>{pick(st)}</Tag> : null}
          {watchError && running ? <ErrorNotice error={watchError} what={tr('暂时看不到进度', 'Cannot see the progress for now')} /> : null}
          <StepList steps={job?.steps ?? []} running={running} />
          {job?.state === 'failed' ? (
            <Alert type="error" showIcon style={{ marginTop: 8 }} title={job.error ? <>{pick(job.error)} <Typography.Text code>{job.error.code}</Typography.Text></> : tr('导出失败。', 'The export failed.')}
              description={tr('请重试；如果一再失败，请把错误代码告诉帮助你的人。', 'Try again; if it keeps failing, give the error code to whoever helps you.')} />
          ) : null}
          {result ? (
            <div style={{ marginTop: 12 }}>
              <Button type="primary" size="large" href={result.download} download="" data-testid="export-download">{tr('下载证据包', 'Download the package')}</Button>
              <Descriptions size="small" column={1} style={{ marginTop: 12 }} items={[
                { key: 'size', label: tr('大小', 'Size'), children: bytes(result.size) },
                { key: 'sha', label: 'SHA-256', children: <Typography.Text className="mono" copyable>{result.sha256}</Typography.Text> },
                { key: 'items', label: tr('证据件数', 'Items'), children: result.items?.length ?? 0 },
              ]} />
              {result.skipped?.length ? (
                <Alert type="warning" showIcon title={tr(`有 ${result.skipped.length} 件证据没有放进证据包（没有完成或没有封存）：`, `${result.skipped.length} item(s) were left out (not finished or not sealed):`)}
                  description={<ul style={{ margin: 0, paddingLeft: 18 }}>{result.skipped.map((s) => <li key={s.item}><a href={href('items', s.item)}>{s.item}</a> <Tag>{s.status}</Tag></li>)}</ul>} />
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function VerifyCard() {
  const { tr } = useLang();
  const { server } = useShell();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const check = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setName(file.name);
    try {
      setResult(await api.verifyPackage(file));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={tr('核对一个证据包', 'Verify a package')}>
      <Typography.Paragraph type="secondary">
        {server
          ? tr('把证据包文件拖到这里（或点击选择）。文件上传到本组织的服务器核对，核对后即删除，不会保存。', 'Drop a package file here (or click to choose it). It goes to your organisation\'s server to be checked and is deleted afterwards, not kept.')
          : tr('把证据包文件拖到这里（或点击选择）。文件不会离开这台电脑。', 'Drop a package file here (or click to choose it). The file does not leave this computer.')}
      </Typography.Paragraph>
      <div data-testid="verify-drop">
        <Upload.Dragger accept=".wacz,.zip" multiple={false} showUploadList={false} disabled={busy}
          beforeUpload={(file) => { void check(file); return false; }}
          aria-label={tr('选择或拖入证据包文件', 'Choose or drop a package file')}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{tr('拖入证据包（.wacz），或点击选择文件', 'Drop a package (.wacz) here, or click to choose')}</p>
        </Upload.Dragger>
      </div>
      {busy ? <div style={{ marginTop: 12 }}><Loading rows={1} label={tr(`正在核对 ${name ?? ''}…`, `Verifying ${name ?? ''}…`)} /></div> : null}
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorNotice error={error} what={error.code === 'E_NOT_PACKAGE' ? tr(`“${name}”不是证据包`, `"${name}" is not a package`) : tr('核对没有完成', 'The verification did not finish')} />
          {error.code === 'E_NOT_PACKAGE' ? <Typography.Text type="secondary">{tr('请选择固证导出的 .wacz 文件。', 'Choose a .wacz file exported by guzheng.')}</Typography.Text> : null}
        </div>
      ) : null}
      {result ? <div style={{ marginTop: 12 }}>{name ? <Typography.Text strong>{name}</Typography.Text> : null}<VerifyResultView result={result} /></div> : null}
    </Card>
  );
}
