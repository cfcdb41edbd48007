/**
 * Alerts sent on, where the user set it up (`guzheng watch notify`): a webhook (an HTTP POST of the alert as JSON)
 * and e-mail over the user's own SMTP server. The settings live in the vault's home (watch-notify.json, readable by
 * the user only, since an SMTP address may hold a password). Nothing is sent anywhere the user did not name.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import type { Alert, WatchRow } from './watches.js';

export interface NotifySettings {
  webhook?: string;
  smtp?: { url: string; from: string; to: string };
}

const file = (home: string) => join(home, 'watch-notify.json');

export async function readNotifySettings(home: string): Promise<NotifySettings> {
  return readFile(file(home), 'utf8').then((t) => JSON.parse(t) as NotifySettings, () => ({}));
}

function checkUrl(v: string, protocols: string[], what: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new GuzhengError('E_USAGE', `${what}地址无效：${v}`, `Not a ${what === 'Webhook ' ? 'webhook' : 'SMTP'} address: ${v}`);
  }
  if (!protocols.includes(u.protocol)) throw new GuzhengError('E_USAGE', `${what}地址应以 ${protocols.join(' 或 ')} 开头`, `The address must start with ${protocols.join(' or ')}`);
  return u.href;
}

export async function saveNotifySettings(home: string, s: NotifySettings): Promise<NotifySettings> {
  const clean: NotifySettings = {};
  if (s.webhook) clean.webhook = checkUrl(s.webhook, ['http:', 'https:'], 'Webhook ');
  if (s.smtp) {
    if (!s.smtp.from || !s.smtp.to || !/@/.test(s.smtp.from) || !/@/.test(s.smtp.to)) throw new GuzhengError('E_USAGE', '发邮件需要 --from 和 --to 两个邮箱地址', 'E-mail needs both --from and --to addresses');
    clean.smtp = { url: checkUrl(s.smtp.url, ['smtp:', 'smtps:'], 'SMTP '), from: s.smtp.from, to: s.smtp.to };
  }
  if (!clean.webhook && !clean.smtp) {
    await rm(file(home), { force: true });
    return clean;
  }
  await writeFile(`${file(home)}.tmp`, JSON.stringify(clean, null, 2) + '\n', { mode: 0o600 });
  await rename(`${file(home)}.tmp`, file(home));
  return clean;
}

/** The message of an alert: what happened, to which post, and where its evidence is. */
export function alertMessage(watch: Pick<WatchRow, 'id' | 'url' | 'case_id'>, alerts: Alert[]): { subject: string; text: string; json: unknown } {
  const subject = `[guzheng] ${alerts.map((a) => a.zh).join('；')}`.slice(0, 200);
  const text = [`${watch.url}`, '', ...alerts.flatMap((a) => [`⚑ ${a.zh}`, `  ${a.en}`]), '',
    `证据 / evidence: guzheng watch show ${watch.id}`, '', '本提醒不是法律意见。/ This alert is not legal advice.'].join('\n');
  return { subject, text, json: { tool: `${TOOL_NAME} ${TOOL_VERSION}`, watch: watch.id, case: watch.case_id, url: watch.url, alerts, evidence: `guzheng watch show ${watch.id}` } };
}

/** Sends one alert message to every configured place; the outcome of each is returned (a failure never stops a check). */
export async function sendAlerts(s: NotifySettings, watch: Pick<WatchRow, 'id' | 'url' | 'case_id'>, alerts: Alert[]): Promise<{ to: string; ok: boolean; error?: string }[]> {
  const m = alertMessage(watch, alerts);
  const out: { to: string; ok: boolean; error?: string }[] = [];
  if (s.webhook) {
    try {
      const res = await fetch(s.webhook, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(m.json), signal: AbortSignal.timeout(15_000) });
      out.push({ to: s.webhook, ok: res.ok, ...(res.ok ? {} : { error: `HTTP ${res.status}` }) });
    } catch (err) {
      out.push({ to: s.webhook, ok: false, error: (err as Error).message });
    }
  }
  if (s.smtp) {
    try {
      const { createTransport } = await import('nodemailer');
      // Short timeouts: a server that does not answer must not hold up the checks.
      const u = new URL(s.smtp.url);
      const transport = createTransport({ host: u.hostname, port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)), secure: u.protocol === 'smtps:',
        ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
        connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
      await transport.sendMail({ from: s.smtp.from, to: s.smtp.to, subject: m.subject, text: m.text });
      transport.close();
      out.push({ to: `mailto:${s.smtp.to}`, ok: true });
    } catch (err) {
      out.push({ to: `mailto:${s.smtp.to}`, ok: false, error: (err as Error).message });
    }
  }
  return out;
}

/** The notifier of a run of checks, or null when nothing is configured. */
export async function loadNotifier(home: string): Promise<((watch: WatchRow, alerts: Alert[]) => Promise<void>) | null> {
  const s = await readNotifySettings(home);
  if (!s.webhook && !s.smtp) return null;
  return async (watch, alerts) => {
    await sendAlerts(s, watch, alerts);
  };
}
