/**
 * The last step of a logged-in capture: every secret value seen (the saved login's cookies and storage, cookies set
 * during the visit, cookie, authorization and token header values, the values of secret URL parameters) is replaced
 * by its SHA-256 marker in every file that can hold text — the WARC (rewritten, first: the secret URL parameters it
 * holds are then known everywhere), the DOM, MHTML (part by part, through its transfer encoding), text and facts.
 * In text files the values of secret URL parameters (access_token, token, ticket, sign, sid, auth…) are also found
 * by name, whatever their length. A PDF (the print, or a PDF target) is blanked in place ("*" of the same length:
 * its byte offsets must not move). Screenshots and the video are images of the page and are left as they are.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { walk } from './manifest.js';
import { blankSecrets, scrub, scrubBytes, sortedValues } from './redact.js';
import { scrubMhtml } from './recorders/mhtml-scrub.js';
import { scrubWarc } from './recorders/warc-scrub.js';
import type { Visit } from './visit-state.js';

const IMAGES = /\.(png|jpe?g|webp|gif|mp4|webm)$/i;
/** Files of text in which URLs may stand: their secret URL parameters are found by name too. */
const TEXT = /\.(html?|txt|json|jsonl|xml|csv|md|js|css|m3u8|mpd|vtt|srt)$/i;
const WARC = 'archive.warc.gz';

export async function redactSecrets(v: Visit): Promise<string> {
  const secrets = v.secrets!;
  let total = 0;
  const touched: string[] = [];
  const files = (await walk(v.dir)).filter((file) => !file.startsWith('.work/') && (!IMAGES.test(file) || file.startsWith('target.')));
  for (const file of [...files.filter((f) => f === WARC), ...files.filter((f) => f !== WARC)]) {
    const path = join(v.dir, file);
    let n: number;
    if (file === WARC) n = await scrubWarc(path, secrets);
    else {
      const buf = await readFile(path);
      const r = /\.mhtml?$/i.test(file) ? scrubMhtml(buf, secrets) : /\.pdf$/i.test(file) ? blankSecrets(buf, secrets)
        : TEXT.test(file) ? scrubBytes(buf, secrets, true) : scrub(buf, sortedValues(secrets));
      n = r.count;
      if (n) await writeFile(path, r.buf);
    }
    if (n) touched.push(`${file} (${n})`);
    total += n;
  }
  return `${secrets.values.size} secret value(s); ${total} occurrence(s) replaced${touched.length ? ` in ${touched.join(', ')}` : ''}`;
}
