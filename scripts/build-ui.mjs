// Builds the web UI of the local app (src/app/ui) into dist/ui with Vite: one index.html, hashed JS and CSS, no source
// maps. Everything the page loads is in dist/ui (no CDN, no remote fonts): the server's CSP allows only its own origin.
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = fileURLToPath(new URL('..', import.meta.url));

await build({
  configFile: false,
  envDir: false,
  root: `${repo}src/app/ui`,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  clearScreen: false,
  plugins: [react()],
  build: {
    outDir: `${repo}dist/ui`,
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // antd and React make one chunk of about 1 MB before gzip; that is expected for a local app, not worth a warning.
    chunkSizeWarningLimit: 4000,
    // No inline data: URLs for assets, no module-preload polyfill script: the CSP allows only files from the origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});

// The start screen, rendered at build time into index.html with its styles (src/app/ui/prerender.tsx): the first
// screen shows when the page arrives, before about 0.6 s of script has run; main.tsx hydrates it. boot.js, a classic
// script in <head>, lets it show only when the page is the start in Chinese.
const ssrDir = mkdtempSync(join(tmpdir(), 'guzheng-prerender-'));
try {
  await build({
    configFile: false,
    envDir: false,
    root: `${repo}src/app/ui`,
    publicDir: false,
    logLevel: 'warn',
    clearScreen: false,
    plugins: [react()],
    ssr: { noExternal: true },
    build: { ssr: 'prerender.tsx', outDir: ssrDir, emptyOutDir: true, sourcemap: false, target: 'node20', rollupOptions: { output: { entryFileNames: 'prerender.mjs' } } },
  });
  const { prerender } = await import(pathToFileURL(join(ssrDir, 'prerender.mjs')).href);
  const { html, styles } = prerender();
  const index = `${repo}dist/ui/index.html`;
  const page = readFileSync(index, 'utf8');
  const hide = '<style>html:not(.prerendered-start) #root[data-prerendered]{visibility:hidden}</style>';
  const out = page
    .replace('<title>', () => `<script src="/boot.js"></script>\n    ${hide}\n    ${styles}\n    <title>`)
    .replace(/<div id="root">[\s\S]*?<\/div>\s*<\/body>/, () => `<div id="root" data-prerendered>${html}</div>\n    <noscript>固证需要 JavaScript 才能运行。 guzheng needs JavaScript to run.</noscript>\n  </body>`);
  if (!out.includes('data-prerendered>') || !out.includes('data-testid="first-hour"')) throw new Error('build-ui: the prerendered start screen did not reach index.html');
  writeFileSync(index, out);
  copyFileSync(`${repo}src/app/ui/boot.js`, `${repo}dist/ui/boot.js`);
} finally {
  rmSync(ssrDir, { recursive: true, force: true });
}
