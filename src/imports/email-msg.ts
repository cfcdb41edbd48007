/**
 * Outlook .msg (read with @kenjiuno/msgreader): sender, recipients, subject, times, the transport headers (the only
 * copy of the Received chain, and only for received mail), the body and every attachment, kept and hashed. DKIM
 * cannot be checked from a .msg — Outlook re-encodes the message and keeps only the headers — and the import says so.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reason } from '../capture/manifest.js';
import { safeName } from './file-name.js';
import type { Derived, ImportCheck, KindResult } from './types.js';

const TOOL = '@kenjiuno/msgreader 1.28.0';

interface MsgData {
  subject?: string; senderName?: string; senderEmail?: string; senderSmtpAddress?: string; headers?: string; body?: string; bodyHtml?: string;
  messageId?: string; clientSubmitTime?: string; messageDeliveryTime?: string; creationTime?: string; messageClass?: string;
  recipients?: { name?: string; email?: string; smtpAddress?: string; recipType?: string }[];
  attachments?: { fileName?: string; fileNameShort?: string; attachMimeTag?: string; innerMsgContent?: boolean }[];
  error?: string;
}

export async function analyseMsg(raw: Buffer, dir: string, statement: { zh: string; en: string }): Promise<KindResult> {
  const reasons: Reason[] = [];
  const checks: ImportCheck[] = [];
  const derived: Derived[] = [];
  const mod = (await import('@kenjiuno/msgreader')) as unknown as { default: unknown };
  const MsgReader = ((mod.default as { default?: unknown }).default ?? mod.default) as new (b: ArrayBuffer) => { getFileData(): MsgData; getAttachment(a: unknown): { fileName: string; content: Uint8Array } };
  let reader: InstanceType<typeof MsgReader> | null = null;
  let d: MsgData = {};
  try {
    reader = new MsgReader(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer);
    d = reader.getFileData();
    if (d.error) throw new Error(d.error);
  } catch (err) {
    reasons.push({ code: 'E_MIME', zh: `Outlook 邮件无法完整读取，原样保存：${(err as Error).message}`, en: `The Outlook message cannot be read whole; it is kept as it is: ${(err as Error).message}` });
  }
  if (!reasons.length && !d.subject && !d.senderName && !d.senderEmail && !d.body && !d.headers && !d.recipients?.length) {
    // msgreader reads a damaged file without complaint and finds nothing in it.
    reasons.push({ code: 'E_MIME', zh: 'Outlook 邮件里读不出发件人、收件人、主题或正文：文件可能已损坏，原样保存', en: 'No sender, recipient, subject or body can be read from the Outlook message: it may be damaged; it is kept as it is' });
  }
  if (d.body) {
    await writeFile(join(dir, 'body.txt'), d.body);
    derived.push({ path: 'body.txt', role: 'email.text', mediaType: 'text/plain', tool: TOOL });
  }
  if (d.headers) {
    await writeFile(join(dir, 'headers.txt'), d.headers);
    derived.push({ path: 'headers.txt', role: 'email.headers', mediaType: 'text/plain', tool: `${TOOL} (PR_TRANSPORT_MESSAGE_HEADERS)` });
  }
  const attachments = [];
  for (const [n, a] of (d.attachments ?? []).entries()) {
    if (a.innerMsgContent || !reader) continue;
    try {
      const { fileName, content } = reader.getAttachment(a);
      await mkdir(join(dir, 'attachments'), { recursive: true });
      const path = `attachments/${String(n + 1).padStart(2, '0')}-${safeName(fileName || a.fileName || `part-${n + 1}`, 'attachment', 100)}`;
      await writeFile(join(dir, path), content);
      derived.push({ path, role: 'attachment', mediaType: a.attachMimeTag || 'application/octet-stream', tool: TOOL });
      attachments.push({ path, filename: fileName || null, size: content.length });
    } catch (err) {
      reasons.push({ code: 'E_ATTACHMENT', zh: `第 ${n + 1} 个附件无法读出：${(err as Error).message}`, en: `Attachment ${n + 1} cannot be read: ${(err as Error).message}` });
    }
  }
  checks.push({ id: 'dkim.msg', result: 'info', zh: 'Outlook .msg 文件无法核对 DKIM 签名：Outlook 保存时重新编码了邮件，只保留了邮件头。需要核对签名时，请从邮箱导出原始邮件（.eml）再导入',
    en: 'DKIM cannot be checked from an Outlook .msg: Outlook re-encodes the message and keeps only its headers. To check the signature, export the original message (.eml) from the mailbox and import that' });
  if (!d.headers) {
    checks.push({ id: 'header.no-received', result: 'flag', zh: '没有传输邮件头（Received 链）：这可能是草稿或已发送邮件，无法看出它经过哪些服务器',
      en: 'No transport headers (Received chain): this may be a draft or a sent item; the servers it passed cannot be seen' });
  }
  const received = (d.headers ?? '').replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/).filter((l) => /^received:/i.test(l)).map((l) => l.slice(9).trim());
  const when = d.clientSubmitTime ?? d.messageDeliveryTime ?? null;
  return {
    summary: {
      format: 'msg', from: [{ name: d.senderName ?? null, address: d.senderSmtpAddress ?? d.senderEmail ?? null }],
      to: (d.recipients ?? []).filter((r) => r.recipType !== 'cc' && r.recipType !== 'bcc').map((r) => ({ name: r.name ?? null, address: r.smtpAddress ?? r.email ?? null })),
      subject: d.subject ?? null, date: { raw: when, utc: when && Number.isFinite(Date.parse(when)) ? new Date(Date.parse(when)).toISOString() : null },
      messageId: d.messageId ?? null, attachments: attachments.length, signatures: [], arc: null,
    },
    checks, derived, reasons, statement, details: { messageClass: d.messageClass ?? null, received, attachments, times: { submit: d.clientSubmitTime ?? null, delivery: d.messageDeliveryTime ?? null, creation: d.creationTime ?? null } },
  };
}
