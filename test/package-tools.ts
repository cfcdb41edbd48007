/** Taking packages apart and putting them back together, as someone tampering with one would. */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

export async function readMembers(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const e of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
    out.set(e.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

export async function writeMembers(path: string, members: Map<string, Buffer>, compress = false): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name, { compress });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Rebuilds datapackage.json for the members as they are and signs it with a key of the tamperer's own. */
export function resignWithOtherKey(members: Map<string, Buffer>): void {
  const dp = JSON.parse(members.get('datapackage.json')!.toString());
  dp.resources = [...members.keys()].filter((n) => n !== 'datapackage.json' && n !== 'datapackage-digest.json').sort()
    .map((path) => ({ name: path.split('/').pop(), path, hash: `sha256:${sha(members.get(path)!)}`, bytes: members.get(path)!.length }));
  const dpBytes = Buffer.from(JSON.stringify(dp, null, 2) + '\n');
  members.set('datapackage.json', dpBytes);
  const hash = `sha256:${sha(dpBytes)}`;
  members.set('datapackage-digest.json', Buffer.from(JSON.stringify({ path: 'datapackage.json', hash, signedData: signWithNewKey(hash) })));
}

export function signWithNewKey(hash: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { hash, created: new Date().toISOString(), software: 'tamperer', version: '1', publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    signature: sign('sha256', Buffer.from(hash), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64') };
}

/**
 * The offline verifier page (`guzheng verifier --out`) opened from file:// in the system Chromium, with every request
 * the page makes collected (there must be none but the page itself). Runs `use`, then closes the browser.
 */
export async function withVerifierPage<T>(page: string, use: (tab: import('playwright-core').Page, requests: string[]) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const { findBrowser } = await import('../src/capture/browser/discover.js');
  const browser = await chromium.launch({ executablePath: findBrowser().executable, args: ['--disable-background-networking'] });
  const requests: string[] = [];
  try {
    const context = await browser.newContext();
    context.on('request', (r) => requests.push(r.url()));
    const tab = await context.newPage();
    await tab.goto(`file://${page}`);
    return await use(tab, requests);
  } finally {
    await browser.close();
  }
}
