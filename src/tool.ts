/** What this tool is: name, version, and the code bundle that is running (hashed into every capture). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_NAME = 'guzheng';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return dirname(fileURLToPath(import.meta.url));
}

export const PACKAGE_ROOT = packageRoot();

export const TOOL_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

/** The running code: the bundle dist/guzheng.mjs when built, else the module file (tests run from source). */
export function codeBundlePath(): string {
  const bundle = join(PACKAGE_ROOT, 'dist', 'guzheng.mjs');
  return existsSync(bundle) ? bundle : fileURLToPath(import.meta.url);
}

export function assetPath(...parts: string[]): string {
  return join(PACKAGE_ROOT, 'assets', ...parts);
}

/** The standalone verifier page, built with the bundle (scripts/build.mjs). */
export function verifierPagePath(): string {
  return join(PACKAGE_ROOT, 'dist', 'verify.html');
}
