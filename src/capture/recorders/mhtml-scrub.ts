/**
 * Scrubbing the MHTML snapshot (Chrome's "Saved by Blink" multipart/related file) of a logged-in capture. Its text
 * parts are quoted-printable, which writes "=" as "=3D" and wraps lines at 76 characters with a soft break ("=" at
 * the end of a line) — a token in a long URL is often split across two lines, so a plain search of the file would
 * miss it. So each part is decoded from its transfer encoding, scrubbed, and encoded again; the file's and the
 * parts' headers (Snapshot-Content-Location, Content-Location: URLs) get the URL-safe marker. Parts with nothing to
 * scrub are left byte for byte as Chrome wrote them.
 */
import { scrubBytes, type Secrets } from '../redact.js';

const MAX_LINE = 76;

export function scrubMhtml(buf: Buffer, s: Secrets): { buf: Buffer; count: number } {
  const text = buf.toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text.slice(0, 4096))?.[1];
  if (!boundary) return scrubBytes(buf, s, true);
  let count = 0;
  const segments = text.split(`--${boundary}`).map((segment, i) => {
    if (i === 0 || segment.startsWith('--')) return scrubSegment(segment, true);
    const m = /^(\r?\n)([\s\S]*?\r?\n)(\r?\n)([\s\S]*?)(\r?\n)?$/.exec(segment);
    if (!m) return scrubSegment(segment, true);
    const [, lead, headers, blank, body, trail] = m as unknown as [string, string, string, string, string, string | undefined];
    const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
    const textual = /^content-type:\s*(text\/|application\/(xhtml\+xml|json|javascript|xml)|image\/svg)/im.test(headers);
    return `${lead}${scrubSegment(headers, true)}${blank}${scrubBody(body, encoding, textual)}${trail ?? ''}`;
  });
  return { buf: Buffer.from(segments.join(`--${boundary}`), 'latin1'), count };

  function scrubSegment(segment: string, urlSafe: boolean): string {
    const r = scrubBytes(Buffer.from(segment, 'latin1'), s, true, urlSafe);
    count += r.count;
    return r.count ? r.buf.toString('latin1') : segment;
  }

  function scrubBody(body: string, encoding: string, textual: boolean): string {
    if (encoding === 'quoted-printable') {
      const r = scrubBytes(decodeQuotedPrintable(body), s, textual);
      count += r.count;
      return r.count ? encodeQuotedPrintable(r.buf) : body;
    }
    if (encoding === 'base64') {
      if (!textual) return body;
      const r = scrubBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), s, true);
      count += r.count;
      return r.count ? (r.buf.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') : body;
    }
    return scrubSegment(body, false);
  }
}

/** RFC 2045 §6.7: soft line breaks removed, "=XX" decoded; hard line breaks kept as they are. */
export function decodeQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}

/** RFC 2045 §6.7: CRLF kept as a line break; "=", controls, 8-bit bytes and a space before a break encoded; lines of at most 76. */
export function encodeQuotedPrintable(buf: Buffer): string {
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    if (line.length + piece.length > MAX_LINE - 1) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  };
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === 0x0d && buf[i + 1] === 0x0a) {
      lines.push(line);
      line = '';
      i++;
      continue;
    }
    const beforeBreak = i + 1 === buf.length || (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a);
    const literal = (b >= 33 && b <= 126 && b !== 0x3d) || ((b === 0x20 || b === 0x09) && !beforeBreak);
    push(literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join('\r\n');
}
