/**
 * The last step of a logged-in capture: every secret value seen (the saved login's cookies and storage, cookies set
 * during the visit, cookie, authorization and token header values) is replaced by its SHA-256 marker in every file
 * that can hold text — the WARC (rewritten), the DOM, MHTML, text and facts. Screenshots, the video and the PDF
 * print are images of the page and are left as they are.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { walk } from './manifest.js';
import { scrub } from './redact.js';
import { scrubWarc } from './recorders/warc-scrub.js';
import type { Visit } from './visit-state.js';

const IMAGES = /\.(png|jpe?g|webp|gif|mp4|webm|pdf)$/i;

export async function redactSecrets(v: Visit): Promise<string> {
  const secrets = [...(v.secrets?.values ?? [])].sort((a, b) => b.length - a.length);
  let total = 0;
  const touched: string[] = [];
  for (const file of await walk(v.dir)) {
    if (file.startsWith('.work/') || (IMAGES.test(file) && !file.startsWith('target.'))) continue;
    const path = join(v.dir, file);
    let n: number;
    if (file === 'archive.warc.gz') n = await scrubWarc(path, secrets);
    else {
      const r = scrub(await readFile(path), secrets);
      n = r.count;
      if (n) await writeFile(path, r.buf);
    }
    if (n) touched.push(`${file} (${n})`);
    total += n;
  }
  return `${secrets.length} secret value(s); ${total} occurrence(s) replaced${touched.length ? ` in ${touched.join(', ')}` : ''}`;
}
