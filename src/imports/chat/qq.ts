/** QQ 消息管理器 text exports: local times with no zone, 24-hour or 12-hour with AM/PM. */
import { zonedToUtc } from '../zone.js';
import { typeOfText, type ChatMessage, type ParsedChat } from './model.js';

export function parseQqTxt(text: string, tz: string): ParsedChat {
  const problems: ParsedChat['problems'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const title = lines.find((l) => l.startsWith('消息对象:'))?.slice('消息对象:'.length).trim() || null;
  const SENDER = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AP]M))? (.+?)(?:\((\d+)\)|<([^>]+)>)?$/;
  const messages: ChatMessage[] = [];
  let current: ChatMessage | null = null;
  let body: string[] = [];
  let forms = new Set<string>();
  const flush = () => {
    if (current) {
      current.text = body.join('\n').replace(/\n+$/, '');
      current.type = current.sender.name === '系统消息' ? 'system' : typeOfText(current.text);
      messages.push(current);
    }
    body = [];
  };
  for (const [n, line] of lines.entries()) {
    const m = SENDER.exec(line);
    if (m) {
      flush();
      let h = Number(m[4]);
      if (m[7]) h = (h % 12) + (m[7] === 'PM' ? 12 : 0);
      forms.add(m[7] ? '12-hour' : '24-hour');
      const at = zonedToUtc({ y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h, mi: Number(m[5]), s: Number(m[6]) }, tz);
      if (!at) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行的时间无效`, en: `Line ${n + 1}: the time is not valid` });
      current = { index: messages.length + 1, sender: { name: m[8]!.replace(/^【[^】]*】/, '').trim(), id: m[9] ?? m[10] ?? null },
        time: { raw: line.slice(0, line.indexOf(m[8]!)).trim(), utc: at?.toISOString() ?? null, zone: tz, zoneAssumed: true }, type: 'text', text: '' };
    } else if (current) {
      body.push(line);
    } else if (line.trim() && !/^=+$/.test(line) && !/^(消息记录|消息分组:|消息对象:)/.test(line)) {
      problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行不属于任何消息：“${line.slice(0, 40)}”`, en: `Line ${n + 1} belongs to no message: "${line.slice(0, 40)}"` });
    }
  }
  flush();
  const notes = forms.size > 1 ? [{ zh: '时间的写法前后不一（12 小时制与 24 小时制混用）：导出文件可能被拼接或编辑过，请核对', en: 'The time forms are mixed (12-hour and 24-hour): the export may have been joined or edited; check it' }] : [];
  return { format: 'qq-txt', variant: [...forms].join(' + ') || 'no messages', title, messages, problems, notes, encoding: '' };
}
