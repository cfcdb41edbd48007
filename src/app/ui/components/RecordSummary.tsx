/** What the network and the environment records say, in a few lines, with the raw JSON one click away. */
import { Card, Collapse, Descriptions, Empty, Tag, Typography } from 'antd';
import { bytes, useLang } from '../i18n';

type Obj = Record<string, any>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const short = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

function Raw({ value, label }: { value: unknown; label: string }) {
  return (
    <Collapse size="small" style={{ marginTop: 12 }} items={[{
      key: 'raw', label,
      children: <pre className="mono" style={{ maxHeight: 360, overflow: 'auto', margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 2)}</pre>,
    }]} />
  );
}

export function NetworkSummary({ network }: { network: Obj | null }) {
  const { tr } = useLang();
  if (!network) return <Card title={tr('网络记录', 'Network')}><Empty description={tr('没有网络记录摘要。', 'No network summary.')} /></Card>;
  const origins = arr(network.origins);
  const cert = obj(network.presentedCertificate);
  const leaf = obj(arr(cert?.chain)[0]);
  const failures = arr(network.failures);
  const items = [
    { key: 'ex', label: tr('请求与响应', 'Exchanges'), children: short(network.exchanges) },
    { key: 'bytes', label: tr('内容大小', 'Body bytes'), children: bytes(network.bodyBytes) },
    { key: 'trunc', label: tr('被截断的响应', 'Truncated bodies'), children: short(network.truncatedBodies) },
    { key: 'fail', label: tr('失败的请求', 'Failed requests'), children: failures.length ? <Tag color="gold">{failures.length}</Tag> : '0' },
    {
      key: 'ips', label: tr('服务器地址', 'Server addresses'), span: 'filled' as const,
      children: origins.length ? (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {origins.slice(0, 12).map((o, i) => <li key={i} className="mono">{short(obj(o)?.ipAddress ?? '?')} ({short(obj(o)?.origin ?? o)})</li>)}
          {origins.length > 12 ? <li>{tr(`还有 ${origins.length - 12} 个`, `and ${origins.length - 12} more`)}</li> : null}
        </ul>
      ) : '—',
    },
    {
      key: 'cert', label: tr('网站证书（实时连接取得）', 'Site certificate (from the live connection)'), span: 'filled' as const,
      children: leaf ? (
        <div className="break">
          <div>{tr('主体', 'Subject')}: {short(leaf.subject)}</div>
          <div>{tr('签发者', 'Issuer')}: {short(leaf.issuer)}</div>
          <div>{tr('有效期', 'Valid')}: {short(leaf.validFrom)} — {short(leaf.validTo)}</div>
          <div className="source">SHA-256: {short(leaf.sha256Fingerprint)}</div>
        </div>
      ) : cert?.error ? <Typography.Text type="warning">{short(cert.error)}</Typography.Text> : '—',
    },
  ];
  return (
    <Card title={tr('网络记录', 'Network')} data-testid="network-summary">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
      <Raw value={network} label={tr('全部网络记录（JSON）', 'The whole network record (JSON)')} />
    </Card>
  );
}

export function EnvironmentSummary({ environment }: { environment: Obj | null }) {
  const { tr } = useLang();
  if (!environment) return <Card title={tr('取证环境', 'Environment')}><Empty description={tr('没有取证环境记录。', 'No environment record.')} /></Card>;
  const tool = obj(environment.tool);
  const browser = obj(environment.browser);
  const os = obj(environment.os);
  const checksObj = obj(environment.checks);
  const checks: Obj[] = checksObj ? Object.entries(checksObj).map(([k, v]) => ({ name: k, ...(obj(v) ?? { value: v }) })) : arr(environment.checks).map((c) => obj(c) ?? {});
  const items = [
    { key: 'tool', label: tr('取证工具', 'Tool'), children: tool ? `${short(tool.name)} ${short(tool.version)}${tool.node ? ` (Node ${short(tool.node)})` : ''}` : '—' },
    { key: 'browser', label: tr('浏览器', 'Browser'), children: browser ? <span className="break">{short(browser.version)} {short(browser.executable)}</span> : '—' },
    { key: 'os', label: tr('操作系统', 'Operating system'), children: os ? `${short(os.type)} ${short(os.release)} ${short(os.arch)}` : '—' },
    { key: 'code', label: tr('程序代码指纹', 'Code hash'), children: <span className="mono">{short(tool?.codeBundleSha256)}</span> },
  ];
  return (
    <Card title={tr('取证环境（清洁性检查）', 'Environment (cleanliness checks)')} data-testid="environment-summary">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
      {checks.length ? (
        <ul style={{ margin: '12px 0 0', paddingLeft: 18 }}>
          {checks.map((c, i) => (
            <li key={i} className="break">
              <Typography.Text code>{short(c.name)}</Typography.Text>{' '}
              {c.measured === false
                ? <Typography.Text type="warning">{tr('未测量', 'not measured')}: {short(c.notMeasured)}</Typography.Text>
                : <span>{short(c.value)}</span>}
            </li>
          ))}
        </ul>
      ) : null}
      <Raw value={environment} label={tr('全部环境记录（JSON）', 'The whole environment record (JSON)')} />
    </Card>
  );
}
