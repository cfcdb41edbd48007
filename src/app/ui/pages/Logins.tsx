/** #/logins — the platform logins saved for captures that need one (the secrets never reach this page). */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, List, Tag, Typography } from 'antd';
import { api } from '../api';
import { ErrorNotice, Loading, PageTitle } from '../components/common';
import { JOB_STATE, StepList, useJob } from '../components/JobCard';
import { useAction, useLoad } from '../hooks';
import { beijingTime, PLATFORMS, useLang } from '../i18n';

export default function LoginsPage() {
  const { tr, pick } = useLang();
  const logins = useLoad(() => api.logins(), []);
  // The platforms with a log-in page, as the server knows them (src/platforms: the modules that have a loginUrl).
  const platforms = useLoad(() => api.loginPlatforms(), []);
  const [chosen, setPlatform] = useState<string | null>(null);
  const platform = chosen ?? platforms.data?.platforms[0]?.id ?? '';
  const starting = useAction(async (p: string) => (await api.startLogin(p)).job.id);
  const jobId = starting.result ?? null;
  const { job } = useJob(jobId);
  const list = logins.data?.logins ?? [];
  const name = (p: string) => (PLATFORMS[p] ? pick(PLATFORMS[p]) : p);

  useEffect(() => {
    if (job?.state === 'done') logins.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.state]);

  const start = () => void starting.run(platform);
  const running = !!jobId && (!job || job.state === 'queued' || job.state === 'running');
  const finishing = useAction((id: string) => api.loginDone(id));
  const finish = () => { if (jobId) void finishing.run(jobId); };
  const st = job ? JOB_STATE[job.state] : undefined;

  return (
    <>
      <PageTitle sub={tr('有些帖子要登录才能看到。固证可以用您保存的登录来取证；密码和登录凭据只保存在这台电脑上，证据中会被替换成指纹标记。', 'Some posts show only when logged in. guzheng can capture with a saved login; passwords and tokens stay on this computer and are replaced by hash markers in the evidence.')}>
        {tr('登录账号', 'Logins')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Card title={tr('已保存的登录', 'Saved logins')}>
          {logins.loading && !logins.data ? <Loading rows={2} /> : null}
          <ErrorNotice error={logins.error} onRetry={logins.reload} what={tr('无法读取已保存的登录', 'Cannot read the saved logins')} />
          {logins.data && !list.length ? <Empty description={tr('还没有保存任何登录。大多数帖子不需要登录就能取证。', 'No login saved yet. Most posts can be captured without one.')} /> : null}
          {list.length ? (
            <List dataSource={list} renderItem={(l) => (
              <List.Item data-testid="login-row">
                <Flex vertical>
                  <span><b>{name(l.platform)}</b>{l.account ? <Tag style={{ marginLeft: 8 }}>{l.account}</Tag> : null}</span>
                  <span className="source">{tr('保存于', 'Saved')} {beijingTime(l.savedAt)}</span>
                </Flex>
              </List.Item>
            )} />
          ) : null}
        </Card>
        <Card title={tr('添加或更新登录', 'Add or renew a login')}>
          <Alert type="info" showIcon style={{ marginBottom: 12 }}
            title={tr('建议使用专门用于取证的小号，不要用您的主账号。', 'Use an account kept for capturing, not your main one.')} />
          <Form layout="inline" onFinish={start}>
            <Form.Item label={tr('平台', 'Platform')} htmlFor="login-platform">
              <select id="login-platform" data-testid="login-platform" className="native-select" value={platform} onChange={(e) => setPlatform(e.target.value)}>
                {(platforms.data?.platforms ?? []).map((p) => <option key={p.id} value={p.id}>{pick(p)}</option>)}
              </select>
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={starting.running || running} disabled={!platform} data-testid="start-login">{tr('打开浏览器登录', 'Open a browser to log in')}</Button>
            </Form.Item>
          </Form>
          <ErrorNotice error={platforms.error} onRetry={platforms.reload} what={tr('无法读取可以登录的平台', 'Cannot read the platforms')} />
          <ErrorNotice error={starting.error} what={tr('没有打开浏览器', 'No browser was opened')} />
          <ErrorNotice error={finishing.error} what={tr('没有保存登录', 'The login was not saved')} />
          {jobId ? (
            <div style={{ marginTop: 12 }} aria-live="polite" data-testid="login-job" data-state={job?.state ?? 'queued'}>
              {running ? (
                <Alert type="warning" showIcon data-testid="login-instructions"
                  title={tr('请在打开的浏览器窗口中登录，然后回到这里', 'Log in in the browser window that opened, then come back here')}
                  description={tr('登录完成后点“完成”（或关闭那个浏览器窗口），固证会保存登录状态。', 'When you have logged in, press Done (or close that browser window); guzheng saves the login.')}
                  action={<Button type="primary" onClick={finish} loading={finishing.running} data-testid="login-done">{tr('完成', 'Done')}</Button>} />
              ) : null}
              {st ? <Tag color={st.color} style={{ marginTop: 8 }}>{pick(st)}</Tag> : null}
              <StepList steps={job?.steps ?? []} running={running} />
              {job?.state === 'done' ? <Typography.Text type="success">{tr('登录已保存。', 'The login is saved.')}</Typography.Text> : null}
              {job?.state === 'failed' ? (
                <Alert type="error" showIcon title={job.error ? <>{pick(job.error)} <Typography.Text code>{job.error.code}</Typography.Text></> : tr('没有保存登录。', 'The login was not saved.')}
                  description={tr('可以再试一次。', 'You can try again.')} />
              ) : null}
            </div>
          ) : null}
        </Card>
      </Flex>
    </>
  );
}
