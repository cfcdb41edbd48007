/** #/cases/ID/capture — give links, get evidence: one card per capture job, live. */
import { useEffect, useState } from 'react';
import { Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { api, type ApiError } from '../api';
import { ErrorNotice, Needs, PageTitle, useOpenCase, useShell } from '../components/common';
import { JobCard } from '../components/JobCard';
import { asApiError, useLoad } from '../hooks';
import { PLATFORMS, useLang } from '../i18n';
import { href } from '../router';

interface JobRef { id: string; url: string }

/** The jobs started on this screen, kept for this browser tab so that coming back shows them again. */
const storeKey = (caseId: string) => `guzheng.jobs.${caseId}`;
function loadJobs(caseId: string): JobRef[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(storeKey(caseId)) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((j): j is JobRef => typeof j?.id === 'string') : [];
  } catch {
    return [];
  }
}

export default function CapturePage({ caseId }: { caseId: string }) {
  return (
    <Needs need="work" caseId={caseId} title={{ zh: '取证', en: 'Capture' }} doing={{ zh: '不能取证', en: 'you cannot capture' }}>
      <CaptureForm caseId={caseId} />
    </Needs>
  );
}

function CaptureForm({ caseId }: { caseId: string }) {
  const { tr, pick } = useLang();
  useOpenCase(caseId);
  // Saved platform logins and the sample post are the local app's: the organisation server has neither.
  const { server } = useShell();
  const logins = useLoad(() => (server ? Promise.resolve({ logins: [] }) : api.logins()), [server]);
  const [text, setText] = useState('');
  const [video, setVideo] = useState(true);
  const [comments, setComments] = useState<number | null>(null);
  const [login, setLogin] = useState('');
  const [jobs, setJobs] = useState<JobRef[]>(() => loadJobs(caseId));
  const [busy, setBusy] = useState(false);
  const [sampleBusy, setSampleBusy] = useState(false);
  const [urlError, setUrlError] = useState<ApiError | null>(null);
  const [emptyError, setEmptyError] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    try {
      sessionStorage.setItem(storeKey(caseId), JSON.stringify(jobs.slice(0, 50)));
    } catch { /* storage full or off: the jobs still show until the page is left */ }
  }, [caseId, jobs]);

  const urls = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

  const start = async () => {
    setUrlError(null);
    setError(null);
    if (!urls.length) {
      setEmptyError(true);
      return;
    }
    setBusy(true);
    try {
      const r = await api.capture(caseId, { urls, video, ...(comments !== null ? { comments } : {}), ...(login ? { login } : {}) });
      setJobs((j) => [...r.jobs, ...j]);
      setText('');
    } catch (e) {
      const err = asApiError(e);
      // E_URL and its kinds (E_URL_SCHEME…): a link the user typed is wrong, shown under the links.
      if (err.code.startsWith('E_URL')) setUrlError(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const sample = async () => {
    setSampleBusy(true);
    setError(null);
    try {
      const { url } = await api.demo();
      setText(url);
      setUrlError(null);
      setEmptyError(false);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setSampleBusy(false);
    }
  };

  const urlHelp = urlError
    ? <span role="alert" data-testid="url-error">{pick(urlError)} <Typography.Text code>{urlError.code}</Typography.Text> {tr('请检查链接：每行一个，以 http:// 或 https:// 开头。', 'Check the links: one per line, starting with http:// or https://.')}</span>
    : emptyError
      ? <span role="alert">{tr('请至少填写一个链接。', 'Please give at least one link.')}</span>
      : tr('从浏览器地址栏或 App 的“分享 → 复制链接”复制。每行一个，可以一次填多个。', 'Copy it from the address bar or the app\'s "Share → Copy link". One per line; several at once are fine.');

  return (
    <>
      <PageTitle sub={tr('固证会打开一个全新的浏览器访问这个链接，录下网络数据、截图和录像，算出指纹并加盖时间戳。', 'guzheng opens a fresh browser on the link, records the traffic, screenshots and a video, hashes them and timestamps them.')}>
        {tr('取证', 'Capture')}
      </PageTitle>
      <Card>
        <Form layout="vertical" onFinish={start} requiredMark={false}>
          <Form.Item label={tr('帖子或网页的链接（每行一个）', 'Links of the posts or pages (one per line)')} htmlFor="capture-urls"
            validateStatus={urlError || emptyError ? 'error' : undefined} help={urlHelp}>
            <Input.TextArea id="capture-urls" data-testid="capture-urls" value={text} autoSize={{ minRows: 3, maxRows: 10 }}
              placeholder="https://weibo.com/…" spellCheck={false}
              onChange={(e) => { setText(e.target.value); setUrlError(null); setEmptyError(false); }} />
          </Form.Item>
          <Row gutter={[16, 8]} style={{ marginTop: 16 }}>
            <Col xs={24} md={8}>
              <Form.Item label={tr('录制访问过程', 'Record a video of the visit')} htmlFor="capture-video"
                help={tr('建议打开：录像显示网址和北京时间。', 'Recommended: the video shows the address and Beijing time.')}>
                <Switch id="capture-video" data-testid="capture-video" checked={video} onChange={setVideo}
                  checkedChildren={tr('录像', 'Video')} unCheckedChildren={tr('不录', 'No video')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={tr('记录前多少条评论', 'How many comments to record')} htmlFor="capture-comments"
                help={tr('留空用默认值；0 表示不展开评论。', 'Empty: the default; 0: do not open the comments.')}>
                <InputNumber id="capture-comments" data-testid="capture-comments" min={0} max={10000} precision={0} value={comments}
                  onChange={(v) => setComments(typeof v === 'number' ? v : null)} placeholder={tr('默认', 'Default')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {server ? null : <Col xs={24} md={8}>
              <Form.Item label={tr('用已保存的登录取证', 'Capture with a saved login')} htmlFor="capture-login"
                help={<>{tr('有些帖子要登录才能看到。', 'Some posts show only when logged in.')} <a href={href('logins')}>{tr('管理登录账号', 'Manage logins')}</a></>}>
                <select id="capture-login" data-testid="capture-login" className="native-select" style={{ width: '100%' }} value={login}
                  onChange={(e) => setLogin(e.target.value)} disabled={!logins.data}>
                  <option value="">{tr('不登录（推荐）', 'Not logged in (recommended)')}</option>
                  {(logins.data?.logins ?? []).map((l) => (
                    <option key={l.platform} value={l.platform}>{PLATFORMS[l.platform] ? pick(PLATFORMS[l.platform]) : l.platform}{l.account ? ` · ${l.account}` : ''}</option>
                  ))}
                </select>
              </Form.Item>
            </Col>}
          </Row>
          {logins.error ? <Typography.Text type="secondary">{tr('（读不到已保存的登录，仍可不登录取证）', '(Saved logins could not be read; you can still capture without one.)')}</Typography.Text> : null}
          <ErrorNotice error={error} what={tr('没有开始取证', 'The capture did not start')} />
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="start-capture" size="large">
              {urls.length > 1 ? tr(`开始取证（${urls.length} 个链接）`, `Capture ${urls.length} links`) : tr('开始取证', 'Capture')}
            </Button>
            {server ? null : <Button onClick={sample} loading={sampleBusy} data-testid="try-sample" size="large">{tr('试试示例帖子', 'Try it on a sample post')}</Button>}
          </Flex>
        </Form>
      </Card>

      <Flex justify="space-between" align="center" style={{ margin: '24px 0 12px' }} wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{tr('本次取证', 'Captures started here')}</Typography.Title>
        {jobs.length ? <Button onClick={() => setJobs([])}>{tr('清空列表（证据不会删除）', 'Clear the list (the evidence stays)')}</Button> : null}
      </Flex>
      {jobs.length === 0 ? (
        <Empty description={tr('还没有开始取证。填入链接后点“开始取证”，进度会在这里实时显示。', 'Nothing started yet. Give a link and press Capture; the progress shows here live.')}>
          <Button href={href('cases', caseId)}>{tr('查看这个案件已有的证据', 'See the evidence already in this case')}</Button>
        </Empty>
      ) : jobs.map((j) => <JobCard key={j.id} id={j.id} url={j.url} />)}
    </>
  );
}
