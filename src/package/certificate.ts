/**
 * The certificate in every package (guzheng/certificate.pdf): what was captured, when, how, by which tool and
 * environment, every hash, the signature and the timestamps, how to verify it, and plainly what it proves and what
 * it does not. Chinese first, English beside it. Written as HTML and printed to PDF by the browser with Noto CJK.
 * Its headline says whether the time is fixed: green when every item has a valid trusted timestamp, amber ("intact,
 * but the time is NOT fixed by a third party") when any has none. It always says that pictures cannot be redacted.
 */
import { toShanghai } from '../capture/time.js';

export interface CertificateItem {
  id: string;
  url: string | null;
  finalUrl: string | null;
  title: string | null;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  reasons: string[];
  tool: string | null;
  codeSha256: string | null;
  browser: string | null;
  browserSha256: string | null;
  os: string | null;
  serverIps: string[];
  manifestSha256: string;
  manifestSm3: string;
  keyFingerprint: string | null;
  /** `verified: false`: the token did not verify at export (it then fixes no time). */
  timestamps: { tsa: string; genTime: string; verified?: boolean }[];
  files: { role: string; path: string; size: number; sha256: string; sm3: string }[];
  /** A PNG screenshot as a data: URL, shown small. */
  screenshot: string | null;
  /** For an imported file: its name, kind, the carrier its importer declared, the checks that ask a person to look, and what such an import proves. */
  imported?: ImportedFacts;
}

export interface ImportedFacts {
  name: string;
  kind: string;
  format: string;
  carrier: Record<string, string> | null;
  flags: { zh: string; en: string }[];
  statement: { zh: string; en: string };
}

export interface CertificateData {
  caseId: string;
  caseTitle: string;
  exportedAt: string;
  packageName: string;
  publicKeyFingerprint: string;
  items: CertificateItem[];
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const when = (iso: string | null) => (iso ? `${toShanghai(new Date(iso))} · ${iso}` : '—');

/** At least one timestamp that verified at export: the item's time is fixed by a third party. */
export const timeFixed = (i: CertificateItem) => i.timestamps.some((t) => t.verified !== false && Boolean(t.genTime));

/** The headline: green when every item's time is fixed, amber naming the items whose time is not. */
function headline(items: CertificateItem[]): string {
  const open = items.map((i, n) => ({ i, n: n + 1 })).filter(({ i }) => !timeFixed(i));
  if (items.length && !open.length) {
    return `<div class="verdict good"><b>✔ 存在时间已由可信时间戳固定 / Time fixed by trusted timestamps</b><br>
  每件证据都有第三方时间戳服务机构签发的有效时间戳（导出时核对）。/ Every item carries a valid timestamp from a third-party time-stamping authority (checked at export).</div>`;
  }
  const which = open.map(({ i, n }) => `证据 ${n} / item ${n} <span class="h">${esc(i.id)}</span>`).join('；');
  return `<div class="verdict warn"><b>⚠ 文件完整，但存在时间未经第三方固定 / Intact, but the time is NOT fixed by a third party</b><br>
  ${which}：没有有效的可信时间戳。文件自签名以来是否被改动可以核对，但何时存在只有本机签名为凭，而本机时钟可以被任意调整。取证人联网后运行 <span class="cmd">guzheng seal --pending</span> 补上时间戳，再重新导出证据包。<br>
  No valid trusted timestamp for the item(s) named: whether the files changed since signing can be checked, but when they existed rests only on the local signature, and a local clock can be set to anything. When online, whoever captured them runs <span class="cmd">guzheng seal --pending</span> and exports the package again.</div>`;
}

/** The rows that say what an item is: a captured page, or an imported file with its declared carrier. */
function whatRows(i: CertificateItem): [string, string][] {
  const m = i.imported;
  if (!m) {
    return [
      ['网址 / URL', esc(i.url)],
      ...(i.finalUrl && i.finalUrl !== i.url ? [['最终网址 / final URL', esc(i.finalUrl)] as [string, string]] : []),
      ['页面标题 / page title', esc(i.title ?? '—')],
      ['结果 / result', `${esc(i.status)}${i.reasons.length ? `：${esc(i.reasons.join('；'))}` : ''}`],
      ['开始 / started', esc(when(i.startedAt))],
      ['结束 / ended', esc(when(i.endedAt))],
      ['服务器地址 / server address', esc(i.serverIps.join(', ') || '—')],
    ];
  }
  return [
    ['导入的文件 / imported file', `${esc(m.name)}（${esc(m.kind)}, ${esc(m.format)}）`],
    ['结果 / result', `${esc(i.status)}${i.reasons.length ? `：${esc(i.reasons.join('；'))}` : ''}`],
    ['导入时间 / imported', esc(when(i.startedAt))],
    ['来源说明（导入人陈述）/ carrier (as stated by the importer)', m.carrier ? Object.entries(m.carrier).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('<br>') : '未说明 / not stated'],
    ['请核查 / to look at', m.flags.length ? m.flags.map((f) => `⚑ ${esc(f.zh)}<br><span class="small">${esc(f.en)}</span>`).join('<br>') : '—'],
    ['能证明什么 / what it proves', `${esc(m.statement.zh)}<br><span class="small">${esc(m.statement.en)}</span>`],
  ];
}

function item(i: CertificateItem, n: number): string {
  const rows: [string, string][] = [
    ...whatRows(i),
    ['工具 / tool', `${esc(i.tool)}${i.codeSha256 ? `<br><span class="h">代码 SHA-256 / code: ${esc(i.codeSha256)}</span>` : ''}`],
    // An import used no browser: the rows about one are left out rather than shown empty.
    ...(i.imported && !i.browser ? [] : [['浏览器 / browser', `${esc(i.browser)}<br><span class="h">SHA-256: ${esc(i.browserSha256)}</span>`], ['操作系统 / system', esc(i.os)]] as [string, string][]),
    ['清单 / manifest', `<span class="h">SHA-256 ${esc(i.manifestSha256)}<br>SM3 ${esc(i.manifestSm3)}</span>`],
    ['签名 / signature', i.keyFingerprint ? `ECDSA P-256，密钥指纹 / key fingerprint <span class="h">${esc(i.keyFingerprint)}</span>` : '未签名 / not signed'],
    ['可信时间戳 / trusted timestamps', (i.timestamps.length ? i.timestamps.map((t) => `${esc(when(t.genTime))}<br><span class="h">${esc(t.tsa)}</span>`).join('<br>') : '')
      + (timeFixed(i) ? '' : `${i.timestamps.length ? '<br>' : ''}<span class="warn-text">⚠ 存在时间未经第三方固定：${i.timestamps.length ? '时间戳核对未通过' : '没有可信时间戳（封存时连不上时间戳服务）'}，只有本机签名 / time NOT fixed by a third party: ${i.timestamps.length ? 'the timestamps did not verify' : 'no trusted timestamp (no TSA could be reached)'}, only the local signature</span>`)],
  ];
  return `<section class="item">
  <h2>证据 ${n} / Item ${n} <span class="h">${esc(i.id)}</span></h2>
  ${i.screenshot ? `<img class="shot" src="${i.screenshot}" alt="screenshot">` : ''}
  <table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
  <h3>文件及其哈希 / files and their hashes</h3>
  <table class="files"><tr><th>用途 / role</th><th>文件 / file</th><th>字节 / bytes</th><th>SHA-256 / SM3</th></tr>
  ${i.files.map((f) => `<tr><td>${esc(f.role)}</td><td>${esc(f.path)}</td><td>${f.size}</td><td class="h">${esc(f.sha256)}<br>${esc(f.sm3)}</td></tr>`).join('')}
  </table>
</section>`;
}

export function certificateHtml(d: CertificateData): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>固证 证据固定证书</title><style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Noto Serif CJK SC", sans-serif; font-size: 9.5pt; color: #111; line-height: 1.45; }
  h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; } h3 { font-size: 10pt; margin: 3mm 0 1mm; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
  th { width: 30%; background: #f3f3f3; font-weight: 600; } .files th { width: auto; } .h { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 7.5pt; word-break: break-all; }
  .shot { float: right; width: 42mm; border: 1px solid #999; margin: 0 0 2mm 3mm; } .item { page-break-inside: auto; clear: both; }
  .box { border: 1px solid #666; padding: 2mm 3mm; margin: 3mm 0; } .small { font-size: 8.5pt; color: #333; }
  .verdict { padding: 2.5mm 3mm; margin: 3mm 0; border-radius: 1.5mm; border: 1.2px solid; } .verdict b { font-size: 11.5pt; }
  .verdict.good { background: #e2f4e7; border-color: #2e8b4e; color: #05461f; } .verdict.warn { background: #ffe3a3; border-color: #d18a00; color: #5c3400; }
  .warn-text { color: #8a4b00; font-weight: 600; } .cmd { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 9pt; font-weight: 600; }
</style></head><body>
<h1>证据固定证书 / Certificate of evidence preservation</h1>
<p>案件 / case：<b>${esc(d.caseTitle)}</b> <span class="h">${esc(d.caseId)}</span><br>
导出时间 / exported：${esc(when(d.exportedAt))}<br>证据包 / package：${esc(d.packageName)}<br>
证据包签名密钥指纹 / package signing key fingerprint：<span class="h">${esc(d.publicKeyFingerprint)}</span></p>
${headline(d.items)}

<div class="box"><b>这份证书证明什么 / What this proves</b>
<ul>
<li>下列文件在可信时间戳所示的时刻已经存在，并且此后没有被改动：任何一个字节的改动都会使哈希、签名或时间戳核对失败。没有可信时间戳的证据只能证明签名之后没有被改动，不能证明何时存在。<br>
The files below existed at the time shown by the trusted timestamps and have not been changed since: any change to any byte makes the hash, signature or timestamp checks fail. An item without a trusted timestamp shows only that it has not changed since it was signed, not when it existed.</li>
<li>取证的过程、工具、浏览器和环境如下所记，可以重复检查（网络记录 WARC、截图、录像、环境检查、步骤日志都在证据包中）。<br>
How the capture was made — process, tool, browser, environment — is recorded as stated and can be examined (the WARC, screenshots, video, environment checks and step log are all in the package).</li>
</ul>
<b>不能证明什么 / What this does not prove</b>
<ul>
<li>不能证明服务器没有向本次访问提供与他人不同的内容；不能证明页面内容本身属实。<br>It does not prove that the server could not have shown this visit something different from what others saw, nor that what the page says is true.</li>
<li>本工具由使用者自己运行，不是中立的第三方机构。需要第三方证明时，请由机构运行的取证服务器取证，或办理公证；本证据包可以交给公证处使用。<br>
The tool was run by its user, not by a neutral third party. Where that matters, capture through an organisation's witness server or have the evidence notarised; this package is made to help a notary.</li>
<li>本证书不构成法律意见。/ This certificate is not legal advice.</li>
</ul></div>

<div class="box"><b>图像无法脱敏 / Pictures cannot be redacted</b><br>
截图、录像和 PDF 打印件是图像，无法脱敏：屏幕上显示的一切都原样保留，包括登录账号的名称。登录取证时，Cookie 和令牌的值在网络记录（WARC）、DOM 和文本中已替换为 SHA-256 标记，但图像中的内容不能这样替换。交给他人之前请留意。<br>
Screenshots, the video and the PDF print are pictures and cannot be redacted: they show whatever the screen showed, including the name of a logged-in account. In logged-in captures, cookie and token values are replaced by SHA-256 markers in the WARC, the DOM and the text, but nothing in a picture can be replaced that way. Mind this before you share the package.</div>

<div class="box"><b>如何核对 / How to verify</b> <span class="small">（完全离线 / fully offline）</span>
<ol>
<li>用浏览器打开证据包中的 guzheng/verify.html，把整个 .wacz 文件拖进去。/ Open guzheng/verify.html from the package in a browser and drop the .wacz file onto it.</li>
<li>或运行 / or run：<span class="h">guzheng verify ${esc(d.packageName)}</span></li>
<li>时间戳也可以用 OpenSSL 单独核对 / each timestamp can also be checked with OpenSSL：<br>
<span class="h">printf %s "&lt;signedData.signature&gt;" &gt; sig.txt; openssl ts -verify -data sig.txt -in guzheng/items/&lt;item&gt;/seal/timestamps/tsa-1.tsr -CAfile guzheng/tsa-roots/&lt;root&gt;.pem</span></li>
</ol></div>

${d.items.map((i, n) => item(i, n + 1)).join('\n')}
</body></html>`;
}
