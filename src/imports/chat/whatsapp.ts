/** WhatsApp "Export chat" text, Android and iOS forms: local times with no zone, day/month order decided per file. */
import { zonedToUtc } from '../zone.js';
import { INVISIBLE, WA_ANDROID, WA_IOS } from './formats.js';
import { typeOfText, type ChatMessage, type ParsedChat } from './model.js';

export function parseWhatsApp(text: string, tz: string): ParsedChat {
  const problems: ParsedChat['problems'] = [];
  const lines = text.split(/\r?\n/).map((l) => l.replace(INVISIBLE, ''));
  const heads = lines.map((l) => WA_ANDROID.exec(l) ?? WA_IOS.exec(l));
  // Day-first or month-first cannot be told line by line: decide for the file (a part above 12 settles it).
  const dateParts = heads.filter(Boolean).map((m) => (WA_IOS.test(m![0]) ? [m![1], m![2], m![3]] : [m![1], m![2], m![3]]).map(Number));
  const yearFirst = dateParts.some((p) => p[0]! > 31);
  const dayFirst = !yearFirst && dateParts.some((p) => p[0]! > 12);
  const order = yearFirst ? 'year/month/day' : dayFirst ? 'day/month/year' : 'month/day/year';
  const notes = !yearFirst && !dayFirst && dateParts.some((p) => p[1]! > 12) ? [] : !yearFirst && !dayFirst
    ? [{ zh: '无法判断日期是“日/月”还是“月/日”，按“月/日/年”理解，请与手机上的记录核对', en: 'Whether dates are day/month or month/day cannot be told: read as month/day/year; check against the phone' }] : [];
  const messages: ChatMessage[] = [];
  let current: ChatMessage | null = null;
  for (const [n, line] of lines.entries()) {
    const m = heads[n];
    if (!m) {
      if (current) current.text += `\n${line}`;
      else if (line.trim()) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行不属于任何消息`, en: `Line ${n + 1} belongs to no message` });
      continue;
    }
    const ios = WA_IOS.test(line);
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [y, mo, d] = yearFirst ? [a, b, c] : dayFirst ? [c, b, a] : [c, a, b];
    const year = y < 100 ? 2000 + y : y;
    let h = Number(ios ? m[5] : m[4]);
    const mi = Number(ios ? m[6] : m[5]);
    const s = Number((ios ? m[7] : m[6]) ?? 0);
    const ampm = ios ? (m[4] ?? m[8]) : m[7];
    if (ampm) h = (h % 12) + (/^(p|下午)/i.test(ampm) ? 12 : 0);
    const at = zonedToUtc({ y: year, mo, d, h, mi, s }, tz);
    const rest = line.slice(m[0].length);
    const sep = rest.indexOf(': ');
    const system = sep < 0;
    if (current) messages.push(current);
    const body = system ? rest : rest.slice(sep + 2);
    current = { index: messages.length + 1, sender: { name: system ? null : rest.slice(0, sep), id: null },
      time: { raw: m[0].replace(/^\[|\] $| - $/g, '').trim(), utc: at?.toISOString() ?? null, zone: tz, zoneAssumed: true },
      type: system ? 'system' : /omitted|省略影音内容|<Media omitted>|\(file attached\)|<attached: |<附件：/.test(body) ? 'other' : typeOfText(body), text: body };
    const attached = /(?:<attached: |<附件：|<已附加：)([^>]+)>|^(\S+\.\w{2,4}) \(file attached\)/.exec(body);
    if (attached) {
      const ref = (attached[1] ?? attached[2])!.trim();
      current.media = [{ ref }];
      current.type = /\.(jpe?g|png|webp|heic)$/i.test(ref) ? 'image' : /\.(mp4|3gp|mov)$/i.test(ref) ? 'video' : /\.(opus|m4a|aac|mp3)$/i.test(ref) ? 'voice' : /\.webp$/i.test(ref) ? 'sticker' : 'file';
    }
    if (!at) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行的时间无效`, en: `Line ${n + 1}: the time is not valid` });
  }
  if (current) messages.push(current);
  return { format: 'whatsapp-txt', variant: `${heads.some((m) => m && WA_IOS.test(m[0])) ? 'iOS' : 'Android'}, ${order}`, title: null, messages, problems, notes, encoding: '' };
}
