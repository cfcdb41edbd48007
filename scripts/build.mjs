// Bundles src/ into one file, dist/guzheng.mjs (dependencies stay in node_modules). Its SHA-256 identifies the code.
// Also builds the standalone verifier page, dist/verify.html: one HTML file with everything inlined.
import { build } from 'esbuild';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/guzheng.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
});

const roots = readdirSync('assets/tsa-roots').filter((f) => f.endsWith('.pem')).sort().map((f) => readFileSync(`assets/tsa-roots/${f}`, 'latin1'));
const page = await build({
  entryPoints: ['src/verifier/page.ts'],
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  target: 'chrome110',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['node:crypto'],
  define: { __BUNDLED_ROOTS__: JSON.stringify(roots) },
});
const js = page.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const html = readFileSync('src/verifier/page.html', 'utf8').replace('/*BUNDLE*/', () => js);
writeFileSync('dist/verify.html', html);

// The local app's UI (React + Ant Design, built by Vite into dist/ui): shipped with the package, nothing fetched at run time.
await import('./build-ui.mjs');
