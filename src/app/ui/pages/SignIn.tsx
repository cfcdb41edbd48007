/**
 * Signing in to the organisation's witness server (guzheng serve): e-mail and password, as the operator set them with
 * `guzheng admin user add`. The server's refusal (wrong password, too many tries) is shown in its own words.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import { api, type ApiError, type Me } from '../api';
import { Disclaimer } from '../components/common';
import { asApiError } from '../hooks';
import { useLang } from '../i18n';

export default function SignInPage({ onSignedIn }: { onSignedIn: (m: Me) => void }) {
  const { tr, lang, setLang, pick } = useLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => { document.documentElement.dataset.ui = 'ready'; }, []);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const m = await api.login(email.trim(), password);
      setPassword('');
      onSignedIn(m);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const words = error?.code === 'E_NETWORK'
    ? tr('无法连接到服务器，请检查网络后重试。', 'Cannot reach the server: check the network and try again.')
    : pick(error);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <span className="brand"><span className="brand-zh">固证</span> <span className="brand-en">guzheng</span></span>
        <Button data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          aria-label={lang === 'zh' ? 'Switch to English' : '切换到中文'} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {lang === 'zh' ? 'English' : '中文'}
        </Button>
      </Layout.Header>
      <Layout.Content>
        <main id="main" className="app-main">
          <Card style={{ maxWidth: 420, margin: '48px auto 0' }} data-testid="sign-in">
            <Typography.Title level={2} style={{ marginTop: 0 }}>{tr('登录', 'Sign in')}</Typography.Title>
            <Typography.Paragraph type="secondary">
              {tr('这里是组织见证服务器：本组织的案件和证据保存在这里，由服务器取证和加盖时间戳。请用管理员为您设置的电子邮件和密码登录。',
                "This is your organisation's witness server: its cases and evidence are kept here, captured and timestamped by the server. Sign in with the e-mail and password your administrator gave you.")}
            </Typography.Paragraph>
            <Form layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item label={tr('电子邮件', 'E-mail')} htmlFor="sign-in-email">
                <Input id="sign-in-email" data-testid="sign-in-email" type="email" autoComplete="username" autoFocus value={email}
                  onChange={(e) => setEmail(e.target.value)} maxLength={320} />
              </Form.Item>
              <Form.Item label={tr('密码', 'Password')} htmlFor="sign-in-password">
                <Input.Password id="sign-in-password" data-testid="sign-in-password" autoComplete="current-password" value={password}
                  onChange={(e) => setPassword(e.target.value)} maxLength={1000} />
              </Form.Item>
              {error ? (
                <Alert type="error" showIcon role="alert" data-testid="sign-in-error" style={{ marginBottom: 16 }}
                  title={words} description={<Typography.Text type="secondary">{tr('错误代码', 'Error code')}: <Typography.Text code>{error.code}</Typography.Text></Typography.Text>} />
              ) : null}
              <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={!email.trim() || !password} data-testid="sign-in-submit">
                {tr('登录', 'Sign in')}
              </Button>
            </Form>
          </Card>
        </main>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}><Disclaimer /></Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
