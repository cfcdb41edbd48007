/**
 * A Doc as one self-contained HTML page for Chromium to print: A4, 宋体-style serif and 黑体-style headings, blanks
 * highlighted. The page is Simplified Chinese (lang="zh-CN") and names the SC faces first (Noto CJK SC / Source Han SC
 * on Linux, Songti SC / PingFang SC on macOS, SimSun / SimHei / Microsoft YaHei on Windows), so that the shared Han
 * characters take their Simplified Chinese shapes, never the Japanese ones.
 */
import { BLANK_MARK, type Block, type Doc, type Inline } from './model.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function inline(parts: Inline[]): string {
  return parts.map((p) => (typeof p === 'string' ? esc(p) : 'blank' in p ? `<span class="blank">${esc(BLANK_MARK(p.blank))}</span>` : `<strong>${esc(p.strong)}</strong>`)).join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title': return `<h1>${esc(b.text)}</h1>`;
    case 'heading': return `<h2>${esc(b.text)}</h2>`;
    case 'para': return `<p class="${[b.indent ? 'indent' : '', b.small ? 'small' : '', b.align ?? ''].join(' ').trim()}">${inline(b.parts)}</p>`;
    case 'table': {
      const total = b.widths.reduce((a, x) => a + x, 0);
      const cols = b.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('');
      return `<table class="${b.small ? 'small' : ''}"><colgroup>${cols}</colgroup><thead><tr>${b.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    }
    case 'exhibit': return `<figure><img src="data:image/png;base64,${b.png.toString('base64')}" alt=""><figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'pageBreak': return '<div class="break"></div>';
  }
}

const SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "Songti SC", "STSong", "SimSun", serif';
const SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", "SimHei", "Microsoft YaHei", sans-serif';

export function renderHtml(doc: Doc): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
@page { size: A4; margin: 25mm 22mm 22mm 25mm; }
body { font-family: ${SERIF}; font-size: 12pt; line-height: 1.75; color: #000; }
h1 { font-family: ${SANS}; font-size: 20pt; text-align: center; margin: 0 0 18pt; letter-spacing: 2pt; }
h2 { font-family: ${SANS}; font-size: 13pt; margin: 12pt 0 4pt; }
p { margin: 0 0 4pt; } p.indent { text-indent: 2em; } p.right { text-align: right; } p.center { text-align: center; } p.small, table.small { font-size: 9.5pt; }
.blank { background: #fff3a0; border-bottom: 1px solid #b08800; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; table-layout: fixed; } th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; word-break: break-all; font-size: 10pt; line-height: 1.4; }
th { background: #eee; font-family: ${SANS}; }
figure { break-before: page; break-inside: avoid; margin: 0; text-align: center; } figure img { max-width: 100%; max-height: 200mm; border: 1px solid #888; }
figcaption { font-size: 9.5pt; line-height: 1.5; margin-top: 6pt; text-align: left; overflow-wrap: anywhere; }
.break { break-after: page; }
</style></head><body>${doc.blocks.map(block).join('\n')}</body></html>`;
}
