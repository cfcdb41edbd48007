/**
 * The certificate in every package (guzheng/certificate.pdf): what was captured, when, how, by which tool and
 * environment, every hash, the signature and the timestamps, how to verify it, and plainly what it proves and what
 * it does not. Chinese first, English beside it. Written as HTML and printed to PDF by the browser with Noto CJK.
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
  timestamps: { tsa: string; genTime: string }[];
  files: { role: string; path: string; size: number; sha256: string; sm3: string }[];
  /** A PNG screenshot as a data: URL, shown small. */
  screenshot: string | null;
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

function item(i: CertificateItem, n: number): string {
  const rows: [string, string][] = [
    ['网址 / URL', esc(i.url)],
    ...(i.finalUrl && i.finalUrl !== i.url ? [['最终网址 / final URL', esc(i.finalUrl)] as [string, string]] : []),
    ['页面标题 / page title', esc(i.title ?? '—')],
    ['结果 / result', `${esc(i.status)}${i.reasons.length ? `：${esc(i.reasons.join('；'))}` : ''}`],
    ['开始 / started', esc(when(i.startedAt))],
    ['结束 / ended', esc(when(i.endedAt))],
    ['服务器地址 / server address', esc(i.serverIps.join(', ') || '—')],
    ['工具 / tool', `${esc(i.tool)}<br><span class="h">代码 SHA-256 / code: ${esc(i.codeSha256)}</span>`],
    ['浏览器 / browser', `${esc(i.browser)}<br><span class="h">SHA-256: ${esc(i.browserSha256)}</span>`],
    ['操作系统 / system', esc(i.os)],
    ['清单 / manifest', `<span class="h">SHA-256 ${esc(i.manifestSha256)}<br>SM3 ${esc(i.manifestSm3)}</span>`],
    ['签名 / signature', i.keyFingerprint ? `ECDSA P-256，密钥指纹 / key fingerprint <span class="h">${esc(i.keyFingerprint)}</span>` : '未签名 / not signed'],
    ['可信时间戳 / trusted timestamps', i.timestamps.length ? i.timestamps.map((t) => `${esc(when(t.genTime))}<br><span class="h">${esc(t.tsa)}</span>`).join('<br>')
      : '没有：封存时连不上时间戳服务，存在时间只有本机签名 / none: no TSA could be reached; the time rests on the local signature only'],
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
</style></head><body>
<h1>证据固定证书 / Certificate of evidence preservation</h1>
<p>案件 / case：<b>${esc(d.caseTitle)}</b> <span class="h">${esc(d.caseId)}</span><br>
导出时间 / exported：${esc(when(d.exportedAt))}<br>证据包 / package：${esc(d.packageName)}<br>
证据包签名密钥指纹 / package signing key fingerprint：<span class="h">${esc(d.publicKeyFingerprint)}</span></p>

<div class="box"><b>这份证书证明什么 / What this proves</b>
<ul>
<li>下列文件在可信时间戳所示的时刻已经存在，并且此后没有被改动：任何一个字节的改动都会使哈希、签名或时间戳核对失败。<br>
The files below existed at the time shown by the trusted timestamps and have not been changed since: any change to any byte makes the hash, signature or timestamp checks fail.</li>
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
