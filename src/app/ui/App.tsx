/**
 * The frame of every screen: header (name, language switch), the menu (collapses under 992 px), the screen the hash
 * names, and the footer with the not-legal-advice statement. On the organisation server (guzheng serve) the page
 * signs in first, and the header names the user, organisation and role.
 */
import { Suspense, lazy, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { App as AntApp, Button, ConfigProvider, Flex, Layout, Menu, Result, Spin, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { CloseOutlined, MenuOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { api, onAuth, type Me } from './api';
import { Disclaimer, ErrorNotice, ShellContext } from './components/common';
import { useLoad } from './hooks';
import { allows, type Need } from '../../identity/roles';
import { CASE_SCREENS, LangProvider, ROLE_NAMES, useLang } from './i18n';
import { href, navigate, useLocation, type Location } from './router';
import CasesPage from './pages/Cases';
import SignInPage from './pages/SignIn';

// The start screen is in the first script; every other screen is fetched (from 127.0.0.1) when first opened, so
// that the first screen shows sooner (bench/app).
const CasePage = lazy(() => import('./pages/Case'));
const CapturePage = lazy(() => import('./pages/Capture'));
const ImportPage = lazy(() => import('./pages/Import'));
const WatchPage = lazy(() => import('./pages/Watch'));
const ItemPage = lazy(() => import('./pages/Item'));
const FactsPage = lazy(() => import('./pages/Facts'));
const RoutesPage = lazy(() => import('./pages/Routes'));
const DocumentsPage = lazy(() => import('./pages/Documents'));
const ExportPage = lazy(() => import('./pages/Export'));
const LoginsPage = lazy(() => import('./pages/Logins'));

const WIDE_QUERY = '(min-width: 992px)';

/** Whether the window is wide enough for the menu beside the screen; wide in the prerendered start screen (the
 * page takes the window's answer as it hydrates, before the first paint of a narrow window would matter). */
function useWide(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const m = window.matchMedia(WIDE_QUERY);
      m.addEventListener('change', changed);
      return () => m.removeEventListener('change', changed);
    },
    () => window.matchMedia(WIDE_QUERY).matches,
    () => true,
  );
}

const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export default function App() {
  return (
    <LangProvider>
      <Themed />
    </LangProvider>
  );
}

function Themed() {
  const { lang } = useLang();
  // Undefined until /api/auth answers (the local app draws its screens meanwhile: its start screen was prerendered;
  // the server's page draws nothing, below); null: the local app.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    const off = onAuth(setMe);
    // A page that cannot reach the server is drawn as before: its screens say so.
    api.firstAuth().then(setMe, () => setMe(null));
    return off;
  }, []);
  const signedOut = !!me?.server && !me.signedIn;
  // The organisation server's page (index.html marked data-server) draws nothing until it knows who is signed in: the
  // local app's screens would flash, and their requests be refused.
  if (me === undefined && typeof document !== 'undefined' && document.documentElement.hasAttribute('data-server')) return null;
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }}
      theme={{ token: { fontFamily: FONT, colorPrimary: '#1d5fbf', borderRadius: 6 } }}>
      <AntApp>
        {signedOut ? <SignInPage onSignedIn={setMe} /> : <Shell me={me ?? null} />}
      </AntApp>
    </ConfigProvider>
  );
}

/** Which screen the location names, and the case it belongs to (when the path says). */
function screenOf(loc: Location, server: boolean): { screen: ReactNode; caseId: string | null; key: string } {
  const [a, b, c, ...rest] = loc.segments;
  const none = rest.length > 0;
  if (!a) return { screen: <CasesPage />, caseId: null, key: '/' };
  if (a === 'cases' && b && !none) {
    const pages: Record<string, ReactNode> = {
      '': <CasePage caseId={b} />,
      capture: <CapturePage caseId={b} />,
      import: <ImportPage caseId={b} />,
      watch: <WatchPage caseId={b} />,
      facts: <FactsPage caseId={b} field={loc.query.get('field')} />,
      routes: <RoutesPage caseId={b} />,
      documents: <DocumentsPage caseId={b} kind={loc.query.get('kind')} />,
      export: <ExportPage caseId={b} />,
    };
    const page = pages[c ?? ''];
    if (page) return { screen: page, caseId: b, key: `/cases/${b}/${c ?? ''}` };
  }
  if (a === 'items' && b && !c) return { screen: <ItemPage itemId={b} />, caseId: null, key: `/items/${b}` };
  // Platform logins open a browser window on the user's own computer: not on the organisation's server.
  if (a === 'logins' && !b && !server) return { screen: <LoginsPage />, caseId: null, key: '/logins' };
  return { screen: <NotFound />, caseId: null, key: 'not-found' };
}

function NotFound() {
  const { tr } = useLang();
  return (
    <Result status="404" title={tr('没有这个页面', 'No such page')} subTitle={tr('链接可能写错了。', 'The link may be wrong.')}
      extra={<Button type="primary" href={href()}>{tr('回到案件列表', 'Back to the cases')}</Button>} />
  );
}

function Shell({ me }: { me: Me | null }) {
  const { tr, lang, setLang, pick } = useLang();
  const loc = useLocation();
  const session = useLoad(() => api.session(), []);
  const server = !!me?.server;
  const role = me?.role ?? null;
  // What the signed-in user may do on the server (the server checks every call again); the local app's one user may do all.
  const may = useCallback((need: Need) => !server || (role !== null && allows(role, need)), [server, role]);
  const { screen, caseId, key } = screenOf(loc, server);
  // A case stays open in the menu while the user looks at its evidence or goes to the logins.
  const [openCase, setOpenCaseState] = useState<string | null>(caseId);
  const setOpenCase = useCallback((id: string | null) => setOpenCaseState(id), []);
  useEffect(() => {
    if (caseId) setOpenCaseState(caseId);
    else if (key === '/') setOpenCaseState(null);
  }, [caseId, key]);
  const wide = useWide();
  // The page works from here on (scripts run, the prerendered start screen hydrated): tests and bench/app wait for it.
  useEffect(() => { document.documentElement.dataset.ui = 'ready'; }, []);
  const narrow = !wide;
  const [collapsed, setCollapsed] = useState(narrow);
  useEffect(() => setCollapsed(narrow), [narrow, key]);

  const items: MenuProps['items'] = [
    { key: '/', label: tr('案件', 'Cases') },
    ...(openCase
      ? [{
          type: 'group' as const,
          key: 'case',
          label: tr('当前案件', 'This case'),
          children: CASE_SCREENS.filter((s) => may(s.need)).map((s) => ({ key: `/cases/${openCase}/${s.key}`, label: lang === 'zh' ? s.zh : s.en })),
        }]
      : []),
    ...(server ? [] : [{ type: 'divider' as const }, { key: '/logins', label: tr('登录账号', 'Logins') }]),
  ];
  const selected = key.startsWith('/items/') && openCase ? `/cases/${openCase}/` : key;
  const shell = useMemo(() => ({ session: session.data, server, role, may, setOpenCase }), [session.data, server, role, may, setOpenCase]);
  const [leaving, setLeaving] = useState(false);
  const signOut = () => {
    setLeaving(true);
    // Back to signing in even if the server did not answer (api.logout forgets the session either way); then to the
    // start, so the next sign-in begins there. Not before: the start screen would ask for the cases as the session ends.
    api.logout().catch(() => undefined).finally(() => {
      setLeaving(false);
      navigate('#/');
    });
  };

  return (
    <ShellContext.Provider value={shell}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {tr('跳到正文', 'Skip to content')}
      </a>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="app-header">
          <Flex align="center" gap={12} style={{ minWidth: 0 }}>
            {narrow ? (
              <Button aria-label={collapsed ? tr('打开菜单', 'Open the menu') : tr('关闭菜单', 'Close the menu')} aria-expanded={!collapsed}
                aria-controls="app-menu" onClick={() => setCollapsed((c) => !c)} data-testid="menu-toggle">
                {collapsed ? <MenuOutlined /> : <CloseOutlined />}
              </Button>
            ) : null}
            <a href={href()} className="brand" aria-label={tr('固证 guzheng，回到案件列表', 'guzheng 固证, back to the cases')}>
              <span className="brand-zh">固证</span> <span className="brand-en">guzheng</span>
            </a>
            {session.data?.demo ? <Tag color="purple">{tr('演示模式', 'Demo')}</Tag> : null}
          </Flex>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            {server && me?.signedIn ? (
              <Flex align="center" gap={8} style={{ minWidth: 0 }} data-testid="signed-in-as">
                {wide ? (
                  <Typography.Text ellipsis style={{ maxWidth: 360 }} title={`${me.email ?? ''} · ${me.org ?? ''}`}>
                    <span data-testid="user-email">{me.email}</span> · <span data-testid="user-org">{me.org}</span>
                  </Typography.Text>
                ) : null}
                {role ? <Tag color="blue" data-testid="user-role" style={{ marginInlineEnd: 0 }}>{ROLE_NAMES[role] ? pick(ROLE_NAMES[role]) : role}</Tag> : null}
                <Button onClick={signOut} loading={leaving} data-testid="sign-out">{tr('退出', 'Sign out')}</Button>
              </Flex>
            ) : null}
            <Button data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
              aria-label={lang === 'zh' ? 'Switch to English' : '切换到中文'} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
              {lang === 'zh' ? 'English' : '中文'}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={208} collapsedWidth={0} collapsed={collapsed} trigger={null} theme="light" className="app-sider"
            style={narrow ? { position: 'absolute', zIndex: 20, height: '100%', boxShadow: collapsed ? 'none' : '2px 0 8px rgba(0,0,0,.15)' } : undefined}>
            <nav aria-label={tr('主菜单', 'Main menu')} id="app-menu" hidden={collapsed}
              onKeyDown={(e) => {
                if (narrow && e.key === 'Escape') {
                  setCollapsed(true);
                  document.querySelector<HTMLElement>('[data-testid=menu-toggle]')?.focus();
                }
              }}>
              <Menu mode="inline" items={items} selectedKeys={[selected]}
                onClick={({ key: k }) => {
                  navigate(`#${k}`);
                  if (narrow) setCollapsed(true);
                }} />
            </nav>
          </Layout.Sider>
          <Layout className="app-body">
            <Layout.Content onClick={() => { if (narrow && !collapsed) setCollapsed(true); }}>
              <main id="main" tabIndex={-1} className="app-main">
                {/* A network failure is reported by the screen itself; other session errors here. */}
                {session.error && session.error.code !== 'E_NETWORK' ? <div style={{ marginBottom: 16 }}><ErrorNotice error={session.error} onRetry={session.reload} /></div> : null}
                <div key={key}><Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>{screen}</Suspense></div>
              </main>
            </Layout.Content>
            <Layout.Footer className="app-footer">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <Disclaimer />
                {session.data?.version ? <span className="version"> · 固证 guzheng {session.data.version}</span> : null}
              </Typography.Text>
            </Layout.Footer>
          </Layout>
        </Layout>
      </Layout>
    </ShellContext.Provider>
  );
}
