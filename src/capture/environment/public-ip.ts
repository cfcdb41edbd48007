/** The machine's public IP address, as an echo service sees it. Skipped with GUZHENG_PUBLIC_IP_URL=off. */
import { isIP } from 'node:net';
import { measured, notMeasured, type CheckResult } from './check.js';

export async function publicIp(urls: string[], timeoutMs: number): Promise<CheckResult<{ ip: string; source: string }>> {
  if (urls.length === 0) return notMeasured('public-ip', 'no echo service configured (GUZHENG_PUBLIC_IP_URL=off)');
  const attempts: unknown[] = [];
  for (const url of urls) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      const body = (await res.text()).slice(0, 500);
      attempts.push({ url, status: res.status, body });
      const ip = body.trim().match(/[0-9a-fA-F:.]+/)?.[0] ?? '';
      if (res.ok && isIP(ip)) return measured('public-ip', { ip, source: url }, attempts);
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      attempts.push({ url, error: e.cause?.code ?? e.cause?.message ?? e.message });
    }
  }
  return notMeasured('public-ip', `no echo service answered with an IP address (${attempts.map((a) => JSON.stringify(a)).join('; ')})`, attempts);
}
