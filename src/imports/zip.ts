/**
 * A chat export shared as a ZIP (WhatsApp's "Export chat" with media, a zipped Telegram or WeChatMsg folder): the
 * ZIP itself is the original kept; the chat file inside is found by its content, and the members are unpacked into a
 * temporary folder — names checked, never outside it, sizes capped — so that the chat's media can be found and
 * kept beside it. A ZIP with no chat export in it, or a damaged one, is refused in words.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { GuzhengError } from '../errors.js';
import { unsafeName } from '../package/layout.js';
import { detectChat, type ChatFormat } from './chat/formats.js';
import { decodeText } from './chat/model.js';

const HEAD = 64 * 1024;
const MAX_CHAT_FILE = 512 * 1024 * 1024;
const MAX_MEMBER = 2 * 1024 ** 3;
const MAX_TOTAL = 16 * 1024 ** 3;
const MAX_MEMBERS = 100_000;

async function open(path: string) {
  const { openZipPackage } = await import('../package/zip-reader.js');
  try {
    return await openZipPackage(path);
  } catch (err) {
    throw new GuzhengError('E_FORMAT', `ZIP 文件已损坏或不完整，无法读取：${path}`, `The ZIP file is damaged or truncated and cannot be read: ${path}`, (err as GuzhengError).detail ?? (err as Error).message);
  }
}

/** The chat export inside a ZIP (at its top or one folder down), or null. */
export async function chatInZip(path: string): Promise<{ entry: string; format: ChatFormat } | null> {
  const zip = await open(path);
  try {
    const candidates = zip.entries.filter((e) => e.name.split('/').length <= 2 && /\.(txt|json|csv|html?)$/i.test(e.name) && e.size <= MAX_CHAT_FILE && !unsafeName(e.name))
      .sort((a, b) => a.name.split('/').length - b.name.split('/').length || (a.name < b.name ? -1 : 1));
    for (const e of candidates) {
      const bytes = Buffer.from(await zip.read(e.name, MAX_CHAT_FILE));
      const head = bytes.subarray(0, HEAD);
      const cut = head.lastIndexOf(0x0a);
      const format = detectChat(decodeText(cut > 0 && bytes.length > HEAD ? head.subarray(0, cut + 1) : head).text);
      if (format) return { entry: e.name, format };
    }
    return null;
  } catch (err) {
    if (err instanceof GuzhengError) throw err;
    throw new GuzhengError('E_FORMAT', `ZIP 文件已损坏或不完整，无法读取：${path}`, `The ZIP file is damaged or truncated and cannot be read: ${path}`, (err as Error).message);
  } finally {
    zip.close();
  }
}

/** Unpacks every member with a safe name into `dest`; returns the names left out and why. */
export async function unpack(path: string, dest: string): Promise<{ skipped: { name: string; why: string }[] }> {
  const zip = await open(path);
  const skipped: { name: string; why: string }[] = [];
  let total = 0;
  try {
    if (zip.entries.length > MAX_MEMBERS) throw new GuzhengError('E_FORMAT', `ZIP 里有 ${zip.entries.length} 个文件，超过 ${MAX_MEMBERS} 个`, `The ZIP holds ${zip.entries.length} files, more than ${MAX_MEMBERS}`);
    for (const e of zip.entries) {
      const why = unsafeName(e.name);
      const target = normalize(join(dest, e.name));
      if (why || !target.startsWith(dest + sep)) { skipped.push({ name: e.name, why: why ?? 'outside the folder' }); continue; }
      if (e.size > MAX_MEMBER || total + e.size > MAX_TOTAL) { skipped.push({ name: e.name, why: `too large (${e.size} bytes)` }); continue; }
      total += e.size;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await zip.read(e.name, MAX_MEMBER));
    }
    return { skipped };
  } catch (err) {
    if (err instanceof GuzhengError) throw err;
    throw new GuzhengError('E_FORMAT', `ZIP 文件已损坏或不完整，无法解开：${path}`, `The ZIP file is damaged or truncated and cannot be unpacked: ${path}`, (err as Error).message);
  } finally {
    zip.close();
  }
}
