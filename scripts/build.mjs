// Bundles src/ into one file, dist/guzheng.mjs. Its SHA-256 identifies the code. Dependencies stay in node_modules,
// except kysely and fastify, which are bundled in: loaded as hundreds of separate ES modules they took about 0.15 s of
// every start (measured for `guzheng app`, whose start to first screen is a benchmarked target).
// Also builds the standalone verifier page, dist/verify.html: one HTML file with everything inlined.
import { build } from 'esbuild';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const BUNDLED = ['kysely', 'fastify'];
const external = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).filter((d) => !BUNDLED.includes(d)).flatMap((d) => [d, `${d}/*`]);

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/guzheng.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS (fastify) calls require() for Node's own modules.
  banner: { js: "import { createRequire as __guzhengRequire } from 'node:module'; const require = __guzhengRequire(import.meta.url);" },
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
