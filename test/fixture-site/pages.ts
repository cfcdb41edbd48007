/** The fixture site's pages: each one a situation the witness must handle. */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendWithRanges } from '../../src/demo/server.js';

const ASSETS = join(import.meta.dirname, '..', '..', 'assets', 'demo');

export const ARTICLE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于某事件的报道</title>
<meta property="og:site_name" content="测试新闻网">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"关于某事件的报道",
"author":{"@type":"Person","name":"李记者"},"datePublished":"2026-05-01T08:30:00+08:00","publisher":{"@type":"Organization","name":"测试新闻网"}}</script>
</head><body><article><h1>关于某事件的报道</h1><p class="byline">记者 李记者</p>
${Array.from({ length: 8 }, (_, i) => `<p>第${i + 1}段：这是一篇用于测试正文提取的新闻报道，内容足够长，以便正文提取算法把它识别为文章主体。网络诽谤的受害者需要固定证据。</p>`).join('\n')}
</article><aside>侧栏广告</aside></body></html>`;

const INFINITE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无限滚动</title>
<style>.item{height:400px;border-bottom:1px solid #ccc;font-size:24px}</style></head><body><div id="list"></div>
<script>
let page = 0, loading = false;
async function more() {
  if (loading || page >= 6) return;
  loading = true;
  const items = await (await fetch('/api/items?page=' + page)).json();
  for (const t of items) { const d = document.createElement('div'); d.className = 'item'; d.textContent = t; document.getElementById('list').appendChild(d); }
  page++; loading = false;
}
more();
window.addEventListener('scroll', () => { if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 200) more(); });
</script></body></html>`;

const VIDEO_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>视频页面</title></head><body>
<h1>视频</h1><video src="/media/clip.mp4" autoplay muted controls width="320" height="180"></video></body></html>`;

const DELETED_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>内容已删除</title></head><body>
<p class="tip">该内容已被删除</p></body></html>`;

/** A minimal valid one-page PDF. */
export function tinyPdf(): Buffer {
  const objs = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    null, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>'];
  const stream = 'BT /F1 18 Tf 30 100 Td (guzheng test PDF) Tj ET';
  objs[3] = `<</Length ${stream.length}>>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface SiteHooks {
  /** Called when a page named /crash/... is requested (the test kills the browser then). */
  onCrashPage?: () => void;
}

export function handler(hooks: SiteHooks) {
  const pdf = tinyPdf();
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    const html = (body: string, status = 200, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
      res.end(body);
    };
    // A page that names its video (og:video) without playing it: the browser never receives the video's bytes.
    if (p === '/og-video') return html(`<!doctype html><html><head><meta charset="utf-8"><title>视频帖</title><meta property="og:video" content="http://${req.headers.host}/media/clip.mp4"></head><body><p>一段没有自动播放的视频</p></body></html>`);
    if (p === '/demo' || p.startsWith('/post/')) return html(readFileSync(join(ASSETS, 'post', '4990000000000001.html'), 'utf8'));
    if (p.startsWith('/media/')) {
      const body = readFileSync(join(ASSETS, p));
      res.writeHead(200, { 'Content-Type': p.endsWith('.png') ? 'image/png' : 'video/mp4', 'Content-Length': body.length });
      return res.end(body);
    }
    if (p === '/article') return html(ARTICLE_HTML, 200, { 'Set-Cookie': 'session=abc123; Path=/' });
    if (p === '/infinite') return html(INFINITE_HTML);
    if (p === '/api/items') {
      const page = Number(url.searchParams.get('page'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(Array.from({ length: 5 }, (_, i) => `第 ${page} 批 第 ${i + 1} 条 item ${page * 5 + i}`)));
    }
    if (p === '/video') return html(VIDEO_HTML);
    if (p === '/redirect/1') { res.writeHead(302, { Location: '/redirect/2' }); return res.end(); }
    if (p === '/redirect/2') { res.writeHead(301, { Location: '/redirect/3' }); return res.end(); }
    if (p === '/redirect/3') { res.writeHead(302, { Location: '/article' }); return res.end(); }
    if (p === '/loop/a') { res.writeHead(302, { Location: '/loop/b' }); return res.end(); }
    if (p === '/loop/b') { res.writeHead(302, { Location: '/loop/a' }); return res.end(); }
    if (p === '/deleted') return html(DELETED_HTML, 404);
    if (p === '/error') return html('<!doctype html><title>服务器错误</title><p>服务器错误</p>', 500);
    if (p === '/doc.pdf') { res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length }); return res.end(pdf); }
    if (p === '/media.png') {
      const body = readFileSync(join(ASSETS, 'media', 'photo.png'));
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length });
      return res.end(body);
    }
    if (p === '/slow' || p.startsWith('/crash/')) {
      // Sends the start of the page, then holds the rest back: the load event never comes in time.
      if (p.startsWith('/crash/')) setTimeout(() => hooks.onCrashPage?.(), 1500);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>慢页面</title></head><body><p>正在加载……</p><img src="/never-ending.png">');
      const timer = setTimeout(() => res.end('</body></html>'), 60_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (p === '/never-ending.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      const timer = setTimeout(() => res.end(), 60_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (p === '/hang') {
      const timer = setTimeout(() => res.destroy(), 60_000); // never answers
      req.on('close', () => clearTimeout(timer));
      return;
    }
    if (p === '/big') {
      return html(`<!doctype html><html><head><meta charset="utf-8"><title>超大页面</title></head><body>${Array.from({ length: 12 }, (_, i) => `<img src="/blob/${i}.bin" width="10" height="10">`).join('')}<p>超大页面</p></body></html>`);
    }
    if (p.startsWith('/blob/')) {
      const body = Buffer.alloc(2 * 1024 * 1024, p); // 2 MB each
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length });
      return res.end(body);
    }
    if (p === '/ranged/clip.mp4') return sendWithRanges(req, res, readFileSync(join(ASSETS, 'media', 'clip.mp4')), 'video/mp4');
    if (p === '/large-media') {
      return html('<!doctype html><html><head><meta charset="utf-8"><title>大文件</title></head><body><p>大文件</p><script>fetch("/large.bin").then((r) => r.arrayBuffer()).then((b) => { document.body.dataset.got = String(b.byteLength); });</script></body></html>');
    }
    if (p === '/large.bin') {
      const body = Buffer.alloc(24 * 1024 * 1024, 'guzheng'); // 24 MB: more than Chromium's default inspector cache keeps
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
      return res.end(body);
    }
    if (p === '/ip') { res.writeHead(200, { 'Content-Type': 'text/plain' }); return res.end('203.0.113.7\n'); }
    html('<!doctype html><title>not found</title><p>not found</p>', 404);
  };
}
