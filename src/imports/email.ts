/**
 * E-mails (.eml): the message kept byte for byte; its headers as written (From, To, Date, Subject, Message-ID, the
 * Received chain), its bodies and every attachment kept and hashed; DKIM and ARC checked at import with the DNS
 * answers recorded as evidence (dns.json), so that `guzheng verify` can repeat the check offline when the keys are gone.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reason } from '../capture/manifest.js';
import { safeName } from './file-name.js';
import { checkSignatures, type AuthResult } from './email-auth.js';
import { recordingResolver, systemResolver, type DnsRecord } from './email-dns.js';
import type { AnalyseInput, Derived, ImportCheck, KindResult } from './types.js';

export const EMAIL_STATEMENT = {
  zh: '导入的电子邮件原样保存。DKIM 签名“通过”说明：签名域名（d=）的持有者发出了这封信，且签名覆盖的邮件头和正文此后未被改动——依据是导入时记录下来的 DNS 公钥，可离线复核。它不能证明发件人邮箱背后是谁，也不能证明没有签名覆盖的部分（例如未签名的邮件头）。没有签名、签名未通过或公钥已找不到的邮件，只能说明导入时文件就是这样。法院通常还会要求在原邮箱中当庭核对。',
  en: 'The imported e-mail is kept byte for byte. A DKIM "pass" shows that whoever holds the signing domain (d=) sent it and that the signed headers and body have not changed since — based on the DNS key recorded at import, which can be re-checked offline. It does not show who is behind the sender\'s mailbox, nor anything the signature does not cover (such as unsigned headers). A message with no signature, a failing one, or a key that could not be found shows only that the file was like this when imported. Courts usually also examine the message in the original mailbox.',
};

/** The raw header lines as written, unfolded, in file order (mailparser keeps only the first of a repeated From). */
function headerLines(raw: Buffer): { key: string; value: string }[] {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).map((l) => /^([^:\s]+):\s?(.*)$/.exec(l)).filter((m): m is RegExpExecArray => Boolean(m)).map((m) => ({ key: m[1]!.toLowerCase(), value: m[2]! }));
}


export async function analyseEmail(input: AnalyseInput): Promise<KindResult> {
  const raw = await readFile(join(input.dir, input.original));
  if (input.detected.format === 'mbox') return analyseMbox(raw, input.dir);
  if (input.detected.format === 'msg') return (await import('./email-msg.js')).analyseMsg(raw, input.dir, EMAIL_STATEMENT);
  return { ...(await analyseMessage(raw, input.dir, '')), statement: EMAIL_STATEMENT };
}

type MessageResult = Omit<KindResult, 'statement'>;

/** One message: its files are written under `prefix` in `dir` (an mbox keeps each message in a folder of its own). */
async function analyseMessage(raw: Buffer, dir: string, prefix: string): Promise<MessageResult> {
  const reasons: Reason[] = [];
  const checks: ImportCheck[] = [];
  const derived: Derived[] = [];
  const lines = headerLines(raw);
  const all = (k: string) => lines.filter((l) => l.key === k).map((l) => l.value);

  const { simpleParser } = await import('mailparser');
  let parsed: Awaited<ReturnType<typeof simpleParser>> | null = null;
  try {
    parsed = await simpleParser(raw, { checksumAlgo: 'sha256', skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  } catch (err) {
    reasons.push({ code: 'E_MIME', zh: `邮件结构无法完整解析，原样保存：${(err as Error).message}`, en: `The message structure cannot be parsed whole; it is kept as it is: ${(err as Error).message}` });
  }

  // Bodies and attachments, each a derived file with its own hash.
  if (parsed?.text) {
    await mkdir(join(dir, prefix || '.'), { recursive: true });
    await writeFile(join(dir, `${prefix}body.txt`), parsed.text);
    derived.push({ path: `${prefix}body.txt`, role: 'email.text', mediaType: 'text/plain', tool: 'mailparser 3.14.2' });
  }
  if (typeof parsed?.html === 'string' && parsed.html) {
    await mkdir(join(dir, prefix || '.'), { recursive: true });
    await writeFile(join(dir, `${prefix}body.html`), parsed.html);
    derived.push({ path: `${prefix}body.html`, role: 'email.html', mediaType: 'text/html', tool: 'mailparser 3.14.2' });
  }
  const attachments = [];
  for (const [n, a] of (parsed?.attachments ?? []).entries()) {
    await mkdir(join(dir, `${prefix}attachments`), { recursive: true });
    const path = `${prefix}attachments/${String(n + 1).padStart(2, '0')}-${safeName(a.filename ?? `part-${n + 1}`, 'attachment', 100)}`;
    await writeFile(join(dir, path), a.content);
    derived.push({ path, role: 'attachment', mediaType: a.contentType || 'application/octet-stream', tool: 'mailparser 3.14.2' });
    attachments.push({ path, filename: a.filename ?? null, contentType: a.contentType, size: a.size, contentId: a.contentId ?? null });
  }

  // DKIM and ARC, with the DNS answers recorded.
  const at = new Date();
  const records: DnsRecord[] = [];
  const { resolve, servers } = systemResolver();
  let auth: AuthResult | null = null;
  try {
    auth = await checkSignatures(raw, recordingResolver(records, resolve, servers.join(',')), at);
  } catch (err) {
    reasons.push({ code: 'E_DKIM', zh: `签名无法核对：${(err as Error).message}`, en: `The signatures could not be checked: ${(err as Error).message}` });
  }
  await mkdir(join(dir, prefix || '.'), { recursive: true });
  await writeFile(join(dir, `${prefix}dns.json`), JSON.stringify({ checkedAt: at.toISOString(), resolver: servers, records }, null, 2) + '\n');
  derived.push({ path: `${prefix}dns.json`, role: 'dns', mediaType: 'application/json', tool: `node:dns ${process.version} (${servers.join(', ')})` });

  for (const s of auth?.signatures ?? []) {
    const what = `${s.header} d=${s.domain} s=${s.selector} (${s.algo ?? '?'})`;
    const zh = { pass: '通过', fail: '未通过', neutral: '无法判定', temperror: 'DNS 暂时错误，无法核对', none: '无签名', policy: '不符合策略（例如密钥太短）', 'key-not-found': '导入时找不到公钥——无法核对' }[s.result];
    const en = { pass: 'pass', fail: 'fail', neutral: 'neutral', temperror: 'DNS temporary error: not checked', none: 'none', policy: 'policy (for example a weak key)', 'key-not-found': 'key not found at import — cannot be verified' }[s.result];
    checks.push({ id: `dkim.${s.domain}.${s.selector}`, result: s.result === 'pass' ? 'ok' : 'flag',
      zh: `DKIM ${what}：${zh}${s.comment ? `（${s.comment}）` : ''}${s.expired ? '；签名已过期（x=）' : ''}`,
      en: `DKIM ${what}: ${en}${s.comment ? ` (${s.comment})` : ''}${s.expired ? '; the signature has expired (x=)' : ''}`, evidence: { ...s } });
  }
  if (auth && !auth.signatures.length) {
    checks.push({ id: 'dkim.none', result: 'info', zh: '邮件没有 DKIM 签名：无法证明发件域名', en: 'The message has no DKIM signature: its sending domain cannot be shown' });
  }
  if (auth?.arc) {
    checks.push({ id: 'arc', result: auth.arc.result === 'pass' ? 'ok' : 'flag', zh: `ARC 链（i=${auth.arc.instance}）：${auth.arc.result}。${auth.arc.note.zh}`,
      en: `ARC chain (i=${auth.arc.instance}): ${auth.arc.result}. ${auth.arc.note.en}`, evidence: auth.arc });
  }
  const froms = all('from');
  if (froms.length > 1) {
    checks.push({ id: 'header.from-repeated', result: 'flag', zh: `邮件有 ${froms.length} 个 From 头：${froms.join('；')}（伪造邮件的常见手法）`,
      en: `The message has ${froms.length} From headers: ${froms.join('; ')} (a common forgery)`, evidence: { from: froms } });
  }
  const rawDate = all('date')[0] ?? null;
  const dateUtc = rawDate && Number.isFinite(Date.parse(rawDate)) ? new Date(Date.parse(rawDate)).toISOString() : null;
  if (rawDate && !dateUtc) {
    checks.push({ id: 'header.date-unreadable', result: 'flag', zh: `Date 头无法理解：“${rawDate}”`, en: `The Date header cannot be read: "${rawDate}"`, evidence: { date: rawDate } });
  }
  if (!rawDate) checks.push({ id: 'header.date-missing', result: 'flag', zh: '邮件没有 Date 头', en: 'The message has no Date header' });
  const received = all('received');
  const lastHop = received[0] ? /;\s*([^;]+)$/.exec(received[0])?.[1]?.trim() ?? null : null;
  if (dateUtc && lastHop && Number.isFinite(Date.parse(lastHop))) {
    const hours = (Date.parse(lastHop) - Date.parse(dateUtc)) / 3_600_000;
    const odd = hours < -0.1 || hours > 48;
    checks.push({ id: 'time.date-vs-received', result: odd ? 'flag' : 'ok',
      zh: odd ? `Date 头（${rawDate}）与最后一跳 Received 的时间（${lastHop}）相差 ${hours.toFixed(1)} 小时` : 'Date 头与收件服务器记录的时间相符',
      en: odd ? `The Date header (${rawDate}) and the last Received time (${lastHop}) are ${hours.toFixed(1)} hours apart` : 'The Date header agrees with the time the receiving server recorded',
      evidence: { date: rawDate, lastReceived: lastHop } });
  }
  if (raw.indexOf('\n\n') < 0 && raw.indexOf('\r\n\r\n') < 0) {
    reasons.push({ code: 'E_MIME', zh: '邮件没有正文（头部之后没有空行）：文件可能不完整', en: 'The message has no body (no blank line after the headers): the file may be truncated' });
  }

  const addresses = (v: unknown) => (v ? (Array.isArray(v) ? v : [v]).flatMap((x: { value?: { address?: string; name?: string }[] }) => x.value ?? []).map((a) => ({ name: a.name || null, address: a.address ?? null })) : []);
  return {
    summary: {
      from: addresses(parsed?.from), to: addresses(parsed?.to), cc: addresses(parsed?.cc), subject: parsed?.subject ?? all('subject')[0] ?? null,
      date: { raw: rawDate, utc: dateUtc }, messageId: parsed?.messageId ?? all('message-id')[0] ?? null, attachments: attachments.length,
      signatures: (auth?.signatures ?? []).map((s) => ({ domain: s.domain, selector: s.selector, result: s.result, expired: s.expired })),
      arc: auth?.arc ? { result: auth.arc.result, instance: auth.arc.instance } : null,
    },
    checks, derived, reasons,
    details: { headers: lines.filter((l) => ['from', 'to', 'cc', 'date', 'subject', 'message-id', 'return-path', 'reply-to', 'sender', 'in-reply-to'].includes(l.key)),
      received, attachments, auth, checkedAt: at.toISOString() },
  };
}

/**
 * An mbox: every message cut out by its byte offsets at the postmark lines ("From " after an empty line), unescaped
 * the mboxrd way (">From " → "From "), kept as messages/NNNN/message.eml beside its own parsed files and DNS record.
 */
export function splitMbox(buf: Buffer): { start: number; end: number }[] {
  const starts: number[] = [];
  const postmark = /^From \S+ +\S{3} \S{3} +\d{1,2} \d{1,2}:\d{2}/;
  for (let o = 0; o < buf.length;) {
    const nl = buf.indexOf(0x0a, o);
    const end = nl < 0 ? buf.length : nl + 1;
    const prevBlank = o === 0 || (o >= 2 && buf[o - 2] === 0x0a) || (o >= 3 && buf[o - 2] === 0x0d && buf[o - 3] === 0x0a);
    if (prevBlank && buf[o] === 0x46 && postmark.test(buf.toString('latin1', o, Math.min(end, o + 200)))) starts.push(o);
    o = end;
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? buf.length }));
}

function messageBytes(buf: Buffer, r: { start: number; end: number }): Buffer {
  const part = buf.subarray(r.start, r.end);
  const body = part.subarray(part.indexOf(0x0a) + 1);
  // The blank line before the next postmark belongs to the separator; ">From " lines were escaped (mboxrd).
  const text = body.toString('latin1').replace(/\r?\n$/, '').replace(/^>(>*From )/gm, '$1');
  return Buffer.from(text, 'latin1');
}

async function analyseMbox(buf: Buffer, dir: string): Promise<KindResult> {
  const ranges = splitMbox(buf);
  const derived: Derived[] = [];
  const checks: ImportCheck[] = [];
  const reasons: Reason[] = [];
  const messages = [];
  if (!ranges.length) reasons.push({ code: 'E_MIME', zh: 'mbox 文件里找不到任何邮件', en: 'No message could be found in the mbox' });
  for (const [i, r] of ranges.entries()) {
    const prefix = `messages/${String(i + 1).padStart(4, '0')}/`;
    const raw = messageBytes(buf, r);
    await mkdir(join(dir, prefix), { recursive: true });
    await writeFile(join(dir, `${prefix}message.eml`), raw);
    derived.push({ path: `${prefix}message.eml`, role: 'email.message', mediaType: 'message/rfc822', tool: `mbox split at byte ${r.start}–${r.end}, mboxrd unescape` });
    const m = await analyseMessage(raw, dir, prefix);
    derived.push(...m.derived);
    checks.push(...m.checks.map((c) => ({ ...c, id: `${prefix}${c.id}`, zh: `第 ${i + 1} 封：${c.zh}`, en: `Message ${i + 1}: ${c.en}` })));
    reasons.push(...m.reasons.map((x) => ({ ...x, zh: `第 ${i + 1} 封：${x.zh}`, en: `Message ${i + 1}: ${x.en}` })));
    messages.push({ n: i + 1, path: `${prefix}message.eml`, start: r.start, end: r.end, ...m.summary });
  }
  return {
    summary: { format: 'mbox', messages: messages.length, list: messages, unescape: 'mboxrd' },
    checks, derived, reasons, statement: EMAIL_STATEMENT, details: { ranges },
  };
}
