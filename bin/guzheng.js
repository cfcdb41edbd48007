#!/usr/bin/env node
// The guzheng command. The code lives in one bundle, dist/guzheng.mjs, whose SHA-256 goes into every capture.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/guzheng.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('[E_NOT_BUILT] 固证尚未安装完成，请先运行：npm run demo（或 bash scripts/setup.sh）\n' +
    '[E_NOT_BUILT] guzheng is not set up yet; run: npm run demo (or bash scripts/setup.sh)\n');
  process.exit(1);
}
await import(bundle);
