// Bundles src/ into one file, dist/guzheng.mjs (dependencies stay in node_modules). Its SHA-256 identifies the code.
import { build } from 'esbuild';

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
