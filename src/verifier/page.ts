/**
 * The standalone verifier page (guzheng/verify.html in every package; `guzheng verifier --out verify.html`): one
 * HTML file, no server, no network. A package dropped onto it is checked in the browser with the same code as
 * `guzheng verify` (hashes with WebCrypto; SM3 is not available there and is said so), and the same three outcomes:
 * valid with the time fixed (green), intact with the time NOT fixed by a third party (amber), invalid (red).
 * #result carries data-state = valid | intact-time-not-fixed | invalid | unreadable (| working, idle).
 */
import { verifyPackage, type PackageVerification } from '../package/verify-package.js';
import { TIME_NOT_FIXED_ADVICE, stateHeadline } from '../seal/verify-item.js';
import { openBrowserZip } from './browser-zip.js';
import { browserCryptography } from './browser-crypto.js';

declare const __BUNDLED_ROOTS__: string[];

const $ = (id: string) => document.getElementById(id)!;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function show(r: PackageVerification | { error: string }, fileName: string): void {
  const out = $('result');
  if ('error' in r) {
    out.dataset.state = 'unreadable';
    out.innerHTML = `<h2 class="bad">✘ 无法读取 / cannot read: ${esc(fileName)}</h2><p>${esc(r.error)}</p>`;
    return;
  }
  out.dataset.state = r.state;
  const cls = r.state === 'valid' ? 'good' : r.state === 'invalid' ? 'bad' : 'warn';
  const h = stateHeadline(r.state, { zh: '证据包核对', en: 'package check' });
  const advice = r.state === 'intact-time-not-fixed'
    ? `<div class="warn box" id="time-not-fixed"><p>${esc(TIME_NOT_FIXED_ADVICE.zh)}<br><span class="en">${esc(TIME_NOT_FIXED_ADVICE.en)}</span></p>
  <p>时间未经第三方固定的证据 / items whose time is not fixed: <code>${r.timeNotFixed.map(esc).join(', ')}</code></p></div>` : '';
  const mark = (c: PackageVerification['checks'][number]) => (c.warning ? ['warn', '⚠'] : c.ok ? ['good', '✔'] : ['bad', '✘']);
  out.innerHTML = `<h2 class="${cls}" id="headline">${h.mark} ${esc(h.zh)} / ${esc(h.en)}</h2>${advice}
  <p>${esc(fileName)}${r.signedBy ? `<br>签名密钥指纹 / signing key fingerprint: <code>${esc(r.signedBy)}</code>` : ''}<br>
  在浏览器中不核对 SM3（WebCrypto 不支持）；需要时请运行 guzheng verify --sm3。/ SM3 is not checked in the browser (WebCrypto lacks it); run guzheng verify --sm3 for it.</p>
  <ul>${r.checks.map((c) => `<li class="${mark(c)[0]}" data-name="${esc(c.name)}" data-ok="${c.ok}"${c.warning ? ' data-warning="true"' : ''}><b>${mark(c)[1]} ${esc(c.name)}</b><br>${esc(c.zh)}<br><span class="en">${esc(c.detail)}</span></li>`).join('')}</ul>`;
  (window as unknown as { guzhengResult: unknown }).guzhengResult = r;
}

async function check(file: File): Promise<void> {
  $('result').dataset.state = 'working';
  $('result').innerHTML = '<p>正在核对… / checking…</p>';
  try {
    const reader = await openBrowserZip(file);
    const roots = __BUNDLED_ROOTS__.map((p) => new TextEncoder().encode(p));
    show(await verifyPackage(reader, { cryptography: (pems) => browserCryptography([...pems, ...roots]) }), file.name);
  } catch (err) {
    show({ error: (err as Error).message }, file.name);
  }
}

const input = $('file') as HTMLInputElement;
input.addEventListener('change', () => input.files?.[0] && void check(input.files[0]));
const zone = $('drop');
zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  zone.classList.remove('over');
  const f = e.dataTransfer?.files[0];
  if (f) void check(f);
});
