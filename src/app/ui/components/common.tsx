/** Small pieces every screen uses: errors in words, loading, titles, status tags, the disclaimer. */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { Alert, Button, Flex, Skeleton, Spin, Tag, Typography } from 'antd';
import type { Need } from '../../../identity/roles';
import type { ApiError, ItemStatus, Role, SealState, Session } from '../api';
import { ROLE_NAMES, SEAL, STATUS, useLang } from '../i18n';

/**
 * What the whole app knows: the session (version, disclaimer), whether this is the organisation server (guzheng
 * serve, signed in, without the local-only screens) and the user's role there, and a way for a screen to say which
 * case is open.
 */
export interface Shell {
  session: Session | undefined;
  server: boolean;
  role: Role | null;
  /** Whether the user's role allows what a control does (always in the local app); the server checks every call again. */
  may: (need: Need) => boolean;
  setOpenCase: (id: string | null) => void;
}
export const ShellContext = createContext<Shell>({ session: undefined, server: false, role: null, may: () => true, setOpenCase: () => undefined });
export const useShell = () => useContext(ShellContext);

/** Tells the menu which case this screen belongs to. */
export function useOpenCase(id: string | null | undefined): void {
  const { setOpenCase } = useShell();
  useEffect(() => {
    if (id) setOpenCase(id);
  }, [id, setOpenCase]);
}

/** An API error in words: the message, its code, and what to do next. */
export function ErrorNotice({ error, onRetry, what }: { error: ApiError | null | undefined; onRetry?: () => void; what?: string }) {
  const { tr, pick } = useLang();
  if (!error) return null;
  const network = error.code === 'E_NETWORK';
  const next = network
    ? tr('应用可能已关闭，请重新运行 npm start，然后刷新本页。', 'The app may have been stopped: run npm start again, then reload this page.')
    : error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 404
      ? tr('请按上面的说明修改后重试。', 'Please change what the message says, then try again.')
      : error.status === 404
        ? tr('它可能已被移走，或链接写错了。请回到案件列表重新打开。', 'It may have moved, or the link is wrong. Go back to the cases and open it again.')
        : tr('可以稍后再试一次；如果一再出现，请把错误代码告诉帮助你的人。', 'Try again later; if it keeps happening, give the error code to whoever helps you.');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error"
      title={<span style={{ whiteSpace: 'pre-wrap' }}>{what ? `${what}：` : ''}{pick(error)}</span>}
      description={
        <Flex vertical gap={4}>
          {network ? null : <span>{next}</span>}
          <Typography.Text type="secondary">{tr('错误代码', 'Error code')}: <Typography.Text code>{error.code}</Typography.Text></Typography.Text>
        </Flex>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{tr('重试', 'Try again')}</Button> : undefined}
    />
  );
}

/** Where a screen's changes need a role the signed-in user does not have (the organisation server): what and who to ask. */
export function NotAllowed({ need, doing }: { need: Exclude<Need, 'view'>; doing?: { zh: string; en: string } }) {
  const { tr, pick } = useLang();
  const { role } = useShell();
  const name = role ? pick(ROLE_NAMES[role]) : '—';
  const said = doing ?? { zh: '在这里只能查看', en: 'you can look here, not change things' };
  const needed = {
    work: tr('“工作人员”、“律师”或“负责人”', 'staff, lawyer or owner'),
    manage: tr('“律师”或“负责人”', 'lawyer or owner'),
    own: tr('“负责人”', 'owner'),
  }[need];
  return (
    <Alert type="info" showIcon data-testid="not-allowed" style={{ marginBottom: 16 }}
      title={tr(`您在本组织的角色是“${name}”，${said.zh}。`, `Your role in this organisation is ${name}: ${said.en}.`)}
      description={tr(`这需要${needed}角色；如有需要，请联系本组织的负责人或服务器管理员。`, `This needs the ${needed} role; ask your organisation's owner or the server's administrator if you need it.`)} />
  );
}

/** A screen whose whole purpose needs `need`: for a user without it, the screen's title and why, in place of the form. */
export function Needs({ need, caseId, title, doing, children }: { need: Exclude<Need, 'view'>; caseId: string; title: { zh: string; en: string }; doing: { zh: string; en: string }; children: ReactNode }) {
  const { may } = useShell();
  const { pick } = useLang();
  useOpenCase(caseId);
  if (may(need)) return <>{children}</>;
  return (
    <>
      <PageTitle>{pick(title)}</PageTitle>
      <NotAllowed need={need} doing={doing} />
    </>
  );
}

export function Loading({ label, rows = 4 }: { label?: string; rows?: number }) {
  const { tr } = useLang();
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Spin size="small" />
        <Typography.Text type="secondary">{label ?? tr('正在加载…', 'Loading…')}</Typography.Text>
      </Flex>
      <Skeleton active paragraph={{ rows }} title={false} />
    </div>
  );
}

/** The page's heading; it takes the focus when the screen opens, so keyboard and screen-reader users start here. */
export function PageTitle({ children, extra, sub }: { children: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!window.location.hash.includes('field=')) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={2} style={{ margin: 0 }} ref={ref} tabIndex={-1} className="page-title">{children}</Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
    </Flex>
  );
}

export function StatusTag({ status }: { status: ItemStatus | string | null | undefined }) {
  const { pick } = useLang();
  const s = status ? STATUS[status as ItemStatus] : undefined;
  return <Tag color={s?.color ?? 'default'}>{s ? pick(s) : status ?? '—'}</Tag>;
}

export function SealTag({ seal }: { seal: SealState | string | undefined }) {
  const { pick, tr } = useLang();
  const s = seal ? SEAL[seal as Exclude<SealState, null>] : undefined;
  return <Tag color={s?.color ?? 'default'}>{s ? pick(s) : seal ?? tr('未封存', 'Not sealed')}</Tag>;
}

/** The not-legal-advice statement, prominent (routes, documents) or small (footer). */
export function Disclaimer({ text, prominent }: { text?: string; prominent?: boolean }) {
  const { session } = useShell();
  const { pick, tr } = useLang();
  const words = text || pick(session?.disclaimer) || tr('固证不是法律意见。重要决定请咨询律师。', 'guzheng is not legal advice. Ask a lawyer before you decide.');
  if (!prominent) return <span data-testid="footer-disclaimer">{words}</span>;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="disclaimer"
      title={tr('这不是法律意见', 'This is not legal advice')}
      description={<span style={{ whiteSpace: 'pre-wrap' }}>{words}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}

/** A link that looks like a button (download links, links to other screens). */
export function LinkButton({ href, children, type, testid, download, icon, label }: {
  href: string; children: ReactNode; type?: 'primary' | 'default' | 'link'; testid?: string; download?: boolean | string; icon?: ReactNode; label?: string;
}) {
  return (
    <Button type={type ?? 'default'} href={href} icon={icon} data-testid={testid} aria-label={label}
      {...(download ? { download: typeof download === 'string' ? download : '' } : {})}>
      {children}
    </Button>
  );
}

/** Shows a value that may be missing as a dash. */
export const orDash = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));
