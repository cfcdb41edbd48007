// Builds the web UI of the local app (src/app/ui) into dist/ui with Vite: one index.html, hashed JS and CSS, no source
// maps. Everything the page loads is in dist/ui (no CDN, no remote fonts): the server's CSP allows only its own origin.
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

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
