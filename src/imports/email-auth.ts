/**
 * DKIM and ARC, checked with mailauth against DNS answers that are recorded (at import) or replayed (at verify).
 * Every signature gets one of: pass, fail, neutral, temperror, none, or key-not-found ("key not found at import —
 * cannot be verified"), never a guess; an expired signature (x= before the check time) says so. Keys are fetched
 * ahead for every signature found, because mailauth asks for a key only when the body hash matches, and a key not
 * recorded now may be gone for good.
 */
import type { Resolve } from './email-dns.js';

export interface SignatureResult {
  header: 'DKIM-Signature' | 'ARC-Message-Signature';
  domain: string | null;
  selector: string | null;
  algo: string | null;
  result: 'pass' | 'fail' | 'neutral' | 'temperror' | 'none' | 'key-not-found' | 'policy';
  comment: string | null;
  expired: boolean;
  signTime: string | null;
  expiresAfter: string | null;
}

export interface AuthResult {
  signatures: SignatureResult[];
  arc: { result: string; comment: string | null; instance: number | null; note: { zh: string; en: string } } | null;
}

/** The d= and s= of every DKIM-Signature, ARC-Message-Signature and ARC-Seal header in the raw header block. */
export function signingKeys(raw: Buffer): { domain: string; selector: string }[] {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const out = new Map<string, { domain: string; selector: string }>();
  for (const line of head.split(/\r?\n/)) {
    if (!/^(dkim-signature|arc-message-signature|arc-seal):/i.test(line)) continue;
    const d = /(?:^|[;:\s])d=\s*([^;\s]+)/i.exec(line)?.[1];
    const s = /(?:^|[;:\s])s=\s*([^;\s]+)/i.exec(line)?.[1];
    if (d && s) out.set(`${s}._domainkey.${d}`.toLowerCase(), { domain: d.toLowerCase(), selector: s });
  }
  return [...out.values()];
}

type Mod = Record<string, any>;
const load = async (path: string): Promise<Mod> => {
  const m = (await import(path)) as Mod;
  return m.default && !m.dkimVerify && !m.arc ? m.default : m;
};

function resultOf(status: { result?: string; comment?: string } | undefined): SignatureResult['result'] {
  const r = status?.result ?? 'none';
  if (r === 'neutral' && /no key/i.test(status?.comment ?? '')) return 'key-not-found';
  return (['pass', 'fail', 'neutral', 'temperror', 'none', 'policy'].includes(r) ? r : 'neutral') as SignatureResult['result'];
}

/** Checks the message's signatures at `at` with `resolve` (recording at import, replaying at verify). */
export async function checkSignatures(raw: Buffer, resolve: Resolve, at: Date): Promise<AuthResult> {
  // Fetch every key ahead (mailauth fetches one only when the body hash matches).
  for (const k of signingKeys(raw)) await resolve(`${k.selector}._domainkey.${k.domain}`, 'TXT').catch(() => undefined);
  const [{ dkimVerify }, { arc }] = await Promise.all([load('mailauth/lib/dkim/verify.js'), load('mailauth/lib/arc/index.js')]);
  const dkim = await dkimVerify(raw, { resolver: resolve, curTime: at });
  const signatures: SignatureResult[] = (dkim.results ?? []).filter((r: Mod) => r.status?.result !== 'none' || r.signingDomain).map((r: Mod) => ({
    header: 'DKIM-Signature', domain: r.signingDomain ?? null, selector: r.selector ?? null, algo: r.algo ?? null,
    result: resultOf(r.status), comment: r.status?.comment ?? null, expired: /expired/i.test(r.status?.comment ?? ''),
    signTime: r.signTime ?? null, expiresAfter: r.expiresAfter ?? null,
  }));
  let arcResult: AuthResult['arc'] = null;
  if (dkim.arc?.chain?.length) {
    const a = await arc(dkim.arc, { resolver: resolve });
    arcResult = { result: a.status?.result ?? 'none', comment: a.status?.comment ?? null, instance: a.i ?? null,
      note: { zh: 'ARC 链的验证结果由本工具计算；链中 ARC-Authentication-Results 里的 spf/dkim/dmarc 是转发方自己的说法，本工具无法核实',
        en: 'The ARC chain result is computed by this tool; the spf/dkim/dmarc results inside ARC-Authentication-Results are the forwarder\'s own claims, which this tool cannot check' } };
  }
  return { signatures, arc: arcResult };
}

/** What the offline re-check of one imported e-mail found, for `guzheng verify`. */
export interface Recheck { ok: boolean; zh: string; en: string }

/**
 * Repeats an imported e-mail's DKIM/ARC check from the DNS answers recorded at import (no network), at the time of
 * the import, and compares it with the results recorded then. Null when the item is not an imported e-mail.
 */
export async function recheckEmail(read: (path: string) => Promise<Uint8Array | null>): Promise<Recheck | null> {
  const json = async (p: string) => { const b = await read(p); return b ? JSON.parse(Buffer.from(b).toString('utf8')) : null; };
  const manifest = await json('manifest.json');
  if (manifest?.source?.kind !== 'email' || manifest.source.format === 'msg') return null;
  const { replayResolver } = await import('./email-dns.js');
  const record = await json('import.json');
  // Each message with the DNS answers recorded for it: the .eml itself, or each message cut out of an mbox.
  const files = manifest.files as { role: string; path: string }[];
  const messages = manifest.source.format === 'mbox'
    ? files.filter((f) => f.role === 'email.message').map((f, i) => ({ path: f.path, dns: f.path.replace(/message\.eml$/, 'dns.json'), then: record?.summary?.list?.[i]?.signatures ?? [] }))
    : [{ path: files.find((f) => f.role === 'original')?.path ?? '', dns: 'dns.json', then: record?.summary?.signatures ?? [] }];
  const now: string[] = [];
  const before: string[] = [];
  let count = 0;
  for (const m of messages) {
    const [raw, dns] = [await read(m.path), await json(m.dns)];
    if (!raw || !dns || !record) return { ok: false, zh: '缺少原邮件、DNS 记录或导入记录，无法离线复核签名', en: 'The message, the DNS record or the import record is missing: the signatures cannot be re-checked offline' };
    const r = await checkSignatures(Buffer.from(raw), replayResolver(dns.records), new Date(dns.checkedAt));
    count += r.signatures.length;
    now.push(...r.signatures.map((s) => `d=${s.domain} s=${s.selector} ${s.result}`));
    before.push(...(m.then as { domain: string; selector: string; result: string }[]).map((s) => `d=${s.domain} s=${s.selector} ${s.result}`));
  }
  const list = now.join('; ') || 'none';
  return now.join('|') === before.join('|')
    ? { ok: true, zh: `用导入时记录的 DNS 应答离线复核了 ${count} 个 DKIM 签名：${list}（与导入时一致）`, en: `${count} DKIM signature(s) re-checked offline from the DNS answers recorded at import: ${list} (as at import)` }
    : { ok: false, zh: `离线复核的签名结果与导入时记录的不同：现在 ${list}；导入时 ${before.join('; ')}`, en: `The signatures re-checked offline differ from the results recorded at import: now ${list}; at import ${before.join('; ')}` };
}
