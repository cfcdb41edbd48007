/**
 * Verifying a watched post's record in a package (kept free of Node APIs: the verifier page uses it too). Its custody
 * stream is checked as a hash chain with the case's; here each check's WARC records must be in the package with the
 * SHA-256 its "observed" event names, and each timestamp token must be a valid trusted timestamp over the ASCII bytes
 * of an earlier event's hash in the same stream — which fixes the time of everything up to that event.
 */
import { check } from '../seal/check.js';
import type { CustodyEvent } from '../seal/custody-chain.js';
import type { ItemCryptography, ReportCheck } from '../seal/verify-item.js';
import { watchTokenPath, watchWarcPath } from './layout.js';
import type { PackageReader } from './reader.js';

/** The watch streams in a custody log: those whose "created" event names a watch. */
export function watchStreams(events: CustodyEvent[]): string[] {
  return events.filter((e) => e.type === 'created' && typeof e.detail.watch === 'string' && e.detail.watch === e.stream).map((e) => e.stream);
}

export async function verifyWatch(id: string, events: CustodyEvent[], reader: PackageReader, has: Set<string>, crypto: ItemCryptography): Promise<{ checks: ReportCheck[]; timeFixed: boolean }> {
  const L = `watch ${id}`;
  const checks: ReportCheck[] = [];
  const own = events.filter((e) => e.stream === id);
  const observed = own.filter((e) => e.type === 'observed');
  const bad: string[] = [];
  let warcs = 0;
  for (const e of observed) {
    const sha = (e.detail.warc as { sha256?: string } | null | undefined)?.sha256;
    if (!sha) continue;
    const path = watchWarcPath(id, sha);
    if (!has.has(path)) {
      bad.push(`${path}: missing / 缺失`);
      continue;
    }
    const d = await reader.digest(path, false).catch(() => null);
    if (d?.sha256 !== sha) bad.push(`${path}: SHA-256 ${d?.sha256 ?? '?'}`);
    else warcs++;
  }
  checks.push(bad.length
    ? check(`${L}: checks`, false, `${bad.length} 次检查的记录缺失或被改动：${bad.join('；')}`, `${bad.length} check record(s) missing or changed: ${bad.join('; ')}`)
    : check(`${L}: checks`, true, `${observed.length} 次检查，${warcs} 份请求与应答记录（WARC）都在，哈希一致`, `${observed.length} check(s); all ${warcs} WARC record set(s) present and matching`));

  const seen = new Set<string>();
  let valid = 0;
  let latest: string | null = null;
  for (const e of own) {
    if (e.type === 'timestamped') {
      const head = String(e.detail.head);
      const token = String(e.detail.token);
      const bytes = has.has(watchTokenPath(id, token)) ? await reader.read(watchTokenPath(id, token), 1 << 20).catch(() => null) : null;
      if (!seen.has(head)) checks.push(check(`${L}: timestamp ${token.slice(0, 12)}`, false, '时间戳针对的记录不在这条记录链中', 'the timestamp is over an event that is not earlier in this log'));
      else if (!bytes) checks.push(check(`${L}: timestamp ${token.slice(0, 12)}`, false, '时间戳文件缺失', 'the timestamp file is missing'));
      else {
        const r = await crypto.verifyToken(bytes, new TextEncoder().encode(head)).catch((err: Error) => ({ valid: false, genTime: null, problems: [err.message], tsa: null }));
        if (r.valid) {
          valid++;
          latest = r.genTime;
        } else checks.push(check(`${L}: timestamp ${token.slice(0, 12)}`, false, `时间戳无效：${r.problems.join('；')}`, `timestamp not valid: ${r.problems.join('; ')}`));
      }
    }
    seen.add(e.hash);
  }
  const stamps = own.filter((e) => e.type === 'timestamped').length;
  if (stamps && valid === stamps) {
    // What the latest token covers: everything up to the event whose hash it is over (events written while the TSA
    // answered come after it, and are not covered).
    const heads = own.filter((e) => e.type === 'timestamped').map((e) => own.findIndex((x) => x.hash === String(e.detail.head)));
    const covered = Math.max(...heads);
    const after = own.slice(covered + 1).filter((e) => e.type === 'observed').length;
    checks.push(check(`${L}: timestamps`, true, `${valid} 个可信时间戳有效，最近一个 ${latest}${after ? `；其后的 ${after} 次检查尚无时间戳` : ''}`,
      `${valid} trusted timestamp(s) valid, the latest ${latest}${after ? `; ${after} later check(s) not yet timestamped` : ''}`));
  } else if (!stamps) {
    checks.push({ ...check(`${L}: timestamps`, true, '这条记录没有可信时间戳：检查的时间只有本机记录', 'no trusted timestamp over this log: the times of its checks rest on this computer only'), warning: true });
  }
  return { checks, timeFixed: valid > 0 };
}
