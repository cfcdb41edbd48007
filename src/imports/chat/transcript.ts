/**
 * The transcript a court reads: every message with its index, sender, Beijing time and text, page numbers, and the
 * import's hashes in every page's footer, printed to PDF by the same offline browser as the certificate.
 */
import { shanghaiIso } from '../../capture/time.js';
import type { ChatMessage, ParsedChat } from './model.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function beijing(utc: string | null): string {
  return utc ? shanghaiIso(new Date(utc)).slice(0, 19).replace('T', ' ') : '—';
}

function row(m: ChatMessage): string {
  const who = `${esc(m.sender.name ?? '—')}${m.sender.id ? `<br><span class="id">${esc(m.sender.id)}</span>` : ''}`;
  const media = (m.media ?? []).map((x) => `<div class="media">${x.file ? `附件 / file: ${esc(x.file.path)} · SHA-256 ${esc(x.file.sha256)}` : `附件 / file: ${esc(x.ref)}（未随导出提供 / not in the export）`}</div>`).join('');
  return `<tr class="${m.type}"><td class="n">${m.index}</td><td class="t">${beijing(m.time.utc)}${m.time.zoneAssumed ? '<sup>*</sup>' : ''}</td><td class="w">${who}</td><td>${m.type === 'text' ? '' : `<span class="ty">[${m.type}]</span> `}${esc(m.text).replace(/\n/g, '<br>')}${media}</td></tr>`;
}

export interface TranscriptFacts {
  /** This volume and how many there are (a long chat is printed in volumes). */
  volume: { n: number; of: number };
  itemId: string;
  sourceName: string;
  sourceSha256: string;
  sourceSm3: string;
  tz: string;
}

/** The HTML of the transcript and the footer (page number and hashes) Chromium prints on every page. */
export function transcriptHtml(chat: ParsedChat, messages: ChatMessage[], f: TranscriptFacts): { html: string; footer: string } {
  const assumed = messages.some((m) => m.time.zoneAssumed);
  const vol = f.volume.of > 1 ? `第 ${f.volume.n} 册，共 ${f.volume.of} 册，消息 #${messages[0]!.index}–#${messages.at(-1)!.index} / volume ${f.volume.n} of ${f.volume.of}, messages #${messages[0]!.index}–#${messages.at(-1)!.index}` : '';
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>聊天记录 ${esc(f.sourceName)}</title><style>
  @page { size: A4; margin: 14mm 12mm 18mm; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 9pt; color: #111; }
  h1 { font-size: 14pt; margin: 0 0 2mm; } .meta { font-size: 8pt; color: #333; margin-bottom: 3mm; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 0.5px solid #bbb; padding: 1mm 1.2mm; vertical-align: top; text-align: left; }
  thead { display: table-header-group; } th { background: #eee; font-size: 8pt; } tr { page-break-inside: avoid; }
  .n { width: 9mm; color: #555; } .t { width: 33mm; white-space: nowrap; } .w { width: 32mm; } .id { font-size: 7pt; color: #555; word-break: break-all; }
  .ty { color: #666; } .system td, .recall td { color: #666; font-style: italic; } .media { font-size: 7pt; color: #444; word-break: break-all; }
  .h { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 7.5pt; word-break: break-all; }
</style></head><body>
<h1>聊天记录 / Chat transcript</h1>
<div class="meta">原始文件 / original file：${esc(f.sourceName)}（${esc(chat.format)}，${esc(chat.variant)}）<br>
证据编号 / item：<span class="h">${esc(f.itemId)}</span><br>
SHA-256：<span class="h">${esc(f.sourceSha256)}</span><br>SM3：<span class="h">${esc(f.sourceSm3)}</span><br>
${chat.title ? `对话 / chat：${esc(chat.title)}<br>` : ''}${vol ? `${vol}<br>` : ''}消息 / messages：${chat.messages.length}；时间为北京时间（UTC+8）/ times in Beijing time (UTC+8)。
${assumed ? `<br>* 导出文件没有写明时区，按 ${esc(f.tz)} 理解 / the export states no zone: read as ${esc(f.tz)}` : ''}
<br>本记录由固证根据原始文件生成，原始文件与其哈希为准 / made by guzheng from the original file; the original and its hashes prevail.</div>
<table><thead><tr><th>#</th><th>时间 / time</th><th>发送人 / sender</th><th>内容 / content</th></tr></thead><tbody>
${messages.map(row).join('\n')}
</tbody></table></body></html>`;
  const footer = `<div style="font-size:6.5px;width:100%;padding:0 12mm;color:#555;font-family:'Noto Sans CJK SC',sans-serif">固证 guzheng · ${esc(f.itemId)} · SHA-256 ${esc(f.sourceSha256)} · ${f.volume.of > 1 ? `${f.volume.n}/${f.volume.of} 册 vol. · ` : ''}<span class="pageNumber"></span>/<span class="totalPages"></span></div>`;
  return { html, footer };
}
