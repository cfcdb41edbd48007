/** The answer of a verification: the overall state in colour, then every check in Chinese and English. */
import { Alert, Flex, List, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { VerifyResult } from '../api';
import { VERIFY, useLang } from '../i18n';

export function VerifyResultView({ result }: { result: VerifyResult }) {
  const { tr, pick } = useLang();
  const v = VERIFY[result.state];
  const signedBy = typeof result.signedBy === 'string' ? result.signedBy : result.signedBy ? JSON.stringify(result.signedBy) : null;
  return (
    <div data-testid="verify-result" data-state={result.state} role="status" aria-live="polite">
      <Alert type={v?.alert ?? 'info'} showIcon title={v ? pick(v) : result.state}
        description={
          <Flex vertical gap={2}>
            {result.state === 'intact-time-not-fixed' ? (
              <span>{tr('文件自封存以来没有被改动，但时间只来自取证电脑的时钟，没有第三方时间戳。可以在“导出与核对”页补盖时间戳。',
                'The files have not changed since they were sealed, but the time only comes from the capturing computer\'s clock, not a third party. Add a timestamp on the Export & verify screen.')}</span>
            ) : null}
            {result.state === 'invalid' ? (
              <span>{tr('请不要再使用这份文件作证据；找到原始的证据包，或重新取证。下面列出哪一项没有通过。', 'Do not use this file as evidence; find the original package or capture again. The failed checks are listed below.')}</span>
            ) : null}
            {result.items?.length ? <span>{tr(`包含 ${result.items.length} 件证据`, `${result.items.length} item(s) of evidence`)}</span> : null}
            {signedBy ? <span>{tr('签名者', 'Signed by')}: <span className="mono">{signedBy}</span></span> : null}
          </Flex>
        } />
      <List size="small" style={{ marginTop: 8 }} dataSource={result.checks ?? []}
        renderItem={(c) => (
          <List.Item data-testid="verify-check" data-ok={String(c.ok)}>
            <Flex gap={8} align="flex-start" style={{ minWidth: 0 }}>
              {c.ok ? (c.warning ? <ExclamationCircleFilled style={{ color: '#d48806', marginTop: 4 }} aria-label={tr('注意', 'warning')} />
                : <CheckCircleFilled style={{ color: '#389e0d', marginTop: 4 }} aria-label={tr('通过', 'passed')} />)
                : <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} aria-label={tr('未通过', 'failed')} />}
              <div style={{ minWidth: 0 }}>
                <div>
                  <span lang="zh-CN">{c.zh ?? c.name}</span> {c.warning ? <Tag color="gold">{tr('注意', 'Note')}</Tag> : null}
                </div>
                {c.detail || c.en ? <Typography.Text type="secondary" lang="en" className="break" style={{ fontSize: 12 }}>{c.en ?? c.detail}</Typography.Text> : null}
                {c.en && c.detail ? <div className="source">{c.detail}</div> : null}
                <div className="source">{c.name}</div>
              </div>
            </Flex>
          </List.Item>
        )} />
    </div>
  );
}
