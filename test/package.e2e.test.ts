/**
 * Export and verify: the package a judge, a platform or the other side checks on their own machine. Built from a
 * real capture sealed by two local openssl TSAs; attacked every way the issue names; verified offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { pipeline } from 'node:stream/promises';
import { runGuzheng, tempHome, ROOT } from './helpers.js';
import { readWarc } from './warc.js';
import { readMembers, resignWithOtherKey, signWithNewKey, withVerifierPage, writeMembers } from './package-tools.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { openZipPackage } from '../src/package/zip-reader.js';
import { verifyPackage } from '../src/package/verify-package.js';
import { nodeItemCryptography } from '../src/seal/node-crypto.js';
import { parseCertificates } from '../src/seal/timestamp/parse.js';

let tsas: TestTsa[];
const home = tempHome();
const work = tempHome('guzheng-pkg-');
const pkg = join(work, 'case.wacz');
let item = '';
let caseId = '';
let members: Map<string, Buffer>;

const base = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_HOME: home };
// Verification never needs the TSAs' roots from the environment: they travel in the package.
const verifierEnv = { ...base, GUZHENG_TSA: 'off', GUZHENG_TSA_CA: '' };

beforeAll(async () => {
  tsas = await Promise.all([startTestTsa('Package TSA One'), startTestTsa('Package TSA Two')]);
  const env = { ...base, GUZHENG_TSA: tsas.map((t) => t.url).join(','), GUZHENG_TSA_CA: tsas.map((t) => t.caPath).join(',') };
  caseId = (await runGuzheng(['case', 'new', '李四被网暴案', '--json'], env)).json[0].case;
  const cap = await runGuzheng(['demo', '--json', '--case', caseId], env);
  item = cap.json[0].item;
  const ex = await runGuzheng(['export', caseId, '--out', pkg, '--json'], env);
  if (ex.code !== 0) throw new Error(ex.stderr);
  members = await readMembers(pkg);
}, 180_000);
afterAll(async () => {
  await Promise.all(tsas.map((t) => t.close()));
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const verifyCli = (file: string, extra: string[] = []) => runGuzheng(['verify', file, '--json', ...extra], verifierEnv);
const failed = (r: { json: any[] }) => r.json[0].checks.filter((c: any) => !c.ok);

describe('the exported package', () => {
  it('has the WACZ 1.1.1 layout, and datapackage.json lists every other member with its hash', () => {
    const names = [...members.keys()];
    expect(names).toContain(`archive/${item}.warc.gz`);
    expect(names).toEqual(expect.arrayContaining(['indexes/index.cdx', 'pages/pages.jsonl', 'datapackage.json', 'datapackage-digest.json',
      'guzheng/custody.jsonl', 'guzheng/case.json', 'guzheng/certificate.pdf', `guzheng/items/${item}/manifest.json`, `guzheng/items/${item}/video.mp4`,
      `guzheng/items/${item}/seal/signature.json`, `guzheng/items/${item}/seal/timestamps/tsa-1.tsr`, `guzheng/items/${item}/seal/timestamps/tsa-2.tsr`]));
    const dp = JSON.parse(members.get('datapackage.json')!.toString());
    expect(dp).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1', title: '李四被网暴案' });
    expect(dp.resources.map((r: any) => r.path).sort()).toEqual(names.filter((n) => !n.startsWith('datapackage')).sort());
    for (const r of dp.resources) expect(r.hash).toBe(`sha256:${sha(members.get(r.path)!)}`);
    const digest = JSON.parse(members.get('datapackage-digest.json')!.toString());
    expect(digest.hash).toBe(`sha256:${sha(members.get('datapackage.json')!)}`);
    expect(digest.signedData).toMatchObject({ hash: digest.hash, software: 'guzheng' });
    const pages = members.get('pages/pages.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(pages[0]).toMatchObject({ format: 'json-pages-1.0' });
    expect(pages[1]).toMatchObject({ id: item, title: '示例用户甲的微博 - 固证演示页面' });
    const cdx = members.get('indexes/index.cdx')!.toString().trim().split('\n');
    expect(cdx.length).toBeGreaterThan(2);
    expect(cdx.every((l) => l.includes(`"filename":"${item}.warc.gz"`))).toBe(true);
  });

  it('carries the TSA roots; openssl ts -verify accepts the tokens with them; warcio reads the WARC', async () => {
    const roots = [...members.keys()].filter((n) => n.startsWith('guzheng/tsa-roots/'));
    expect(roots).toHaveLength(2);
    const sig = JSON.parse(members.get(`guzheng/items/${item}/seal/signature.json`)!.toString());
    writeFileSync(join(work, 'stamped.txt'), sig.signedData.signature);
    writeFileSync(join(work, 'roots.pem'), Buffer.concat(roots.map((r) => members.get(r)!)));
    for (const n of [1, 2]) {
      writeFileSync(join(work, `t${n}.tsr`), members.get(`guzheng/items/${item}/seal/timestamps/tsa-${n}.tsr`)!);
      expect(execFileSync('openssl', ['ts', '-verify', '-data', join(work, 'stamped.txt'), '-in', join(work, `t${n}.tsr`), '-CAfile', join(work, 'roots.pem')], { stdio: 'pipe' }).toString()).toContain('Verification: OK');
    }
    writeFileSync(join(work, 'a.warc.gz'), members.get(`archive/${item}.warc.gz`)!);
    const records = await readWarc(join(work, 'a.warc.gz'));
    expect(records.some((r) => r.type === 'response' && r.url?.endsWith('/post/4990000000000001.html'))).toBe(true);
  });

  it('has a bilingual certificate naming the item, its hashes and both timestamps', () => {
    writeFileSync(join(work, 'cert.pdf'), members.get('guzheng/certificate.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', join(work, 'cert.pdf'), '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('证据固定证书');
    expect(text).toContain('Certificate of evidence preservation');
    expect(text).toContain('李四被网暴案');
    expect(text).toContain('不能证明什么');
    expect(text).toContain('not legal advice');
    const manifestSha = sha(members.get(`guzheng/items/${item}/manifest.json`)!);
    expect(text.replace(/ /g, '')).toContain(manifestSha);
    expect(text.match(/Package TSA (One|Two)/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    // Every item timestamped: the green headline, never the amber one; and, always, pictures cannot be redacted.
    const flat = text.replace(/ /g, '');
    expect(flat).toContain('✔存在时间已由可信时间戳固定/Timefixedbytrustedtimestamps');
    expect(flat).not.toContain('未经第三方固定');
    expect(flat).not.toContain('NOTfixedbyathirdparty');
    expect(flat).toContain('截图、录像和PDF打印件是图像，无法脱敏');
    expect(flat).toContain('Screenshots,thevideoandthePDFprintarepicturesandcannotberedacted');
  });

  it('is recorded in the custody log, and an existing file is never overwritten', async () => {
    const log = await runGuzheng(['log', item, '--json'], verifierEnv);
    expect(log.json.at(-1)).toMatchObject({ type: 'exported', detail: { package: 'case.wacz', sha256: sha(readFileSync(pkg)) } });
    const before = sha(readFileSync(pkg));
    const again = await runGuzheng(['export', item, '--out', pkg], verifierEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[E_EXISTS]');
    expect(sha(readFileSync(pkg))).toBe(before);
  });
});

describe('guzheng verify', () => {
  it('a package: valid, offline, with every check named; --sm3 checks SM3 too', async () => {
    const r = await verifyCli(pkg);
    expect(r.code).toBe(0);
    expect(r.json[0].valid).toBe(true);
    const names = r.json[0].checks.map((c: any) => c.name);
    expect(names).toEqual(expect.arrayContaining(['zip: names', 'datapackage', 'package signature', 'files', 'nothing added', `item ${item}: files`,
      `item ${item}: signature`, `item ${item}: seal/timestamps/tsa-1.tsr`, `item ${item}: seal/timestamps/tsa-2.tsr`, `item ${item}: custody`, 'case custody']));
    for (const c of r.json[0].checks) expect(Object.keys(c).sort()).toEqual(['detail', 'name', 'ok', 'zh']);
    expect(r.json[0]).toMatchObject({ state: 'valid', timeFixed: true, timeNotFixed: [], requireTimestamp: false });
    expect(r.json[0].checks.some((c: any) => c.warning)).toBe(false);
    const human = await runGuzheng(['verify', pkg], { ...verifierEnv, NO_COLOR: '', FORCE_COLOR: '1' });
    expect(human.stdout.split('\n')[0]).toBe('\x1b[1m\x1b[32m✔ 证据包核对：全部通过，存在时间已由可信时间戳固定 / package check: VALID, time fixed by a trusted timestamp\x1b[0m');
    expect(human.stdout).not.toContain('⚠');
    const strict = await verifyCli(pkg, ['--require-timestamp']);
    expect(strict.code).toBe(0);
    expect(strict.json[0]).toMatchObject({ valid: true, state: 'valid', timeFixed: true, requireTimestamp: true });
    const withSm3 = await verifyCli(pkg, ['--sm3']);
    expect(withSm3.json[0]).toMatchObject({ valid: true, sm3: true });
    expect(withSm3.json[0].checks.find((c: any) => c.name === `item ${item}: files`).detail).toContain('SM3');
  });

  it('a capture folder: valid as written; a changed or an added file is found', async () => {
    const out = tempHome('guzheng-out-');
    const cap = await runGuzheng(['demo', '--no-video', '--json', '--out', out], { ...base, GUZHENG_TSA: tsas[0]!.url, GUZHENG_TSA_CA: tsas[0]!.caPath });
    const dir = cap.json[0].dir;
    const good = await runGuzheng(['verify', dir, '--json', '--require-timestamp'], { ...verifierEnv, GUZHENG_TSA_CA: tsas[0]!.caPath });
    expect(good.code).toBe(0);
    expect(good.json[0]).toMatchObject({ valid: true, state: 'valid', timeFixed: true });
    appendFileSync(join(dir, 'text.txt'), ' ');
    writeFileSync(join(dir, 'extra.png'), 'x');
    const r = await runGuzheng(['verify', dir, '--json'], { ...verifierEnv, GUZHENG_TSA_CA: tsas[0]!.caPath });
    expect(r.code).toBe(1);
    expect(r.json[0].state).toBe('invalid');
    expect(failed(r).map((c: any) => c.name)).toEqual(['capture: files', 'nothing added']);
    expect(failed(r)[0].detail).toContain('text.txt');
    expect(failed(r)[1].detail).toContain('extra.png');
  });

  it('a third-party WACZ (made by js-wacz from a real WARC): hashes checked, "not signed" reported', async () => {
    const third = join(work, 'third.wacz');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'js-wacz'), ['create', '-f', join(ROOT, '..', 'shared', 'fixtures', 'warc', 'warcio.js_example.warc.gz'), '-o', third], { stdio: 'pipe' });
    const r = await verifyCli(third);
    expect(r.code).toBe(1);
    expect(r.json[0].checks.find((c: any) => c.name === 'package signature')).toMatchObject({ ok: false });
    expect(r.json[0].checks.find((c: any) => c.name === 'package signature').detail).toContain('not signed');
    // js-wacz 0.1.6 records a wrong hash for files it reads from disk: it feeds every chunk to the hash twice.
    const warc = readFileSync(join(ROOT, '..', 'shared', 'fixtures', 'warc', 'warcio.js_example.warc.gz'));
    const files = r.json[0].checks.find((c: any) => c.name === 'files');
    expect(files.ok).toBe(false);
    expect(files.detail).toContain(`archive/warcio.js_example.warc.gz: sha256:${sha(warc)} ≠ sha256:${sha(Buffer.concat([warc, warc]))}`);
    // With that hash corrected, only the missing signature remains.
    const m = await readMembers(third);
    const dp = JSON.parse(m.get('datapackage.json')!.toString());
    dp.resources.find((x: any) => x.path.startsWith('archive/')).hash = `sha256:${sha(warc)}`;
    m.set('datapackage.json', Buffer.from(JSON.stringify(dp)));
    m.set('datapackage-digest.json', Buffer.from(JSON.stringify({ path: 'datapackage.json', hash: `sha256:${sha(m.get('datapackage.json')!)}` })));
    await writeMembers(join(work, 'third-fixed.wacz'), m, true);
    const fixed = await verifyCli(join(work, 'third-fixed.wacz'));
    expect(failed(fixed).map((c: any) => c.name)).toEqual(['package signature']);
  });
});

describe('bad input and attack', () => {
  async function tampered(name: string, edit: (m: Map<string, Buffer>) => void, resign = true) {
    const m = new Map(members);
    edit(m);
    if (resign) resignWithOtherKey(m);
    const file = join(work, name);
    await writeMembers(file, m);
    return verifyCli(file);
  }
  const itemPath = (p: string) => `guzheng/items/${item}/${p}`;

  it('a truncated zip, or not a zip at all: cannot read (exit 2)', async () => {
    const bytes = readFileSync(pkg);
    writeFileSync(join(work, 'truncated.wacz'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r = await runGuzheng(['verify', join(work, 'truncated.wacz')], verifierEnv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_UNREADABLE]');
    expect(r.stderr).toContain('not a complete zip file');
    expect((await runGuzheng(['verify', join(work, 'nothing-here.wacz')], verifierEnv)).code).toBe(2);
  });

  it('"../" and absolute member names: invalid, and nothing is written anywhere', async () => {
    for (const evil of ['../../evil.txt', '/tmp/guzheng-evil-abs.txt']) {
      const zip = new yazl.ZipFile();
      for (const [n, d] of members) zip.addBuffer(d, n, { compress: false });
      // yazl refuses such names; write a safe name of the same length and patch it in both headers.
      const placeholder = 'x'.repeat(evil.length);
      zip.addBuffer(Buffer.from('evil'), placeholder, { compress: false });
      zip.end();
      const file = join(work, `evil-${evil.length}.wacz`);
      await pipeline(zip.outputStream, createWriteStream(file));
      const bytes = readFileSync(file);
      let at = bytes.indexOf(placeholder);
      while (at >= 0) {
        bytes.write(evil, at, 'latin1');
        at = bytes.indexOf(placeholder, at + 1);
      }
      writeFileSync(file, bytes);
      const r = await verifyCli(file);
      expect(r.code).toBe(1);
      const names = failed(r).find((c: any) => c.name === 'zip: names');
      expect(names.detail).toContain(evil);
      expect(existsSync(join(work, '..', '..', 'evil.txt'))).toBe(false);
      expect(existsSync('/tmp/guzheng-evil-abs.txt')).toBe(false);
    }
  });

  it('a zip bomb is refused without expanding it', async () => {
    const zip = new yazl.ZipFile();
    for (const [n, d] of members) zip.addBuffer(d, n, { compress: false });
    const size = 300 * 1024 * 1024; // over BOMB_MIN_SIZE (256 MiB)
    let sent = 0;
    const zeros = Buffer.alloc(1 << 20);
    zip.addReadStream(new Readable({ read() { if (sent >= size) this.push(null); else { sent += zeros.length; this.push(zeros); } } }), 'archive/bomb.warc.gz', { compress: true, size });
    zip.end();
    const file = join(work, 'bomb.wacz');
    await pipeline(zip.outputStream, createWriteStream(file));
    expect(statSync(file).size).toBeLessThan(5 * 1024 * 1024);
    const m = await readMembersHeadersOnly(file);
    expect(m).toContain('archive/bomb.warc.gz');
    const started = Date.now();
    const r = await verifyCli(file);
    expect(r.code).toBe(1);
    expect(failed(r).find((c: any) => c.name === 'nothing added').detail).toContain('archive/bomb.warc.gz');
    // Listed in a re-signed file list, it is refused as a bomb rather than expanded.
    const listed = join(work, 'bomb-listed.wacz');
    const dp = JSON.parse(members.get('datapackage.json')!.toString());
    dp.resources.push({ name: 'bomb.warc.gz', path: 'archive/bomb.warc.gz', hash: 'sha256:00', bytes: size });
    const zip2 = new yazl.ZipFile();
    for (const [n, d] of members) if (!n.startsWith('datapackage')) zip2.addBuffer(d, n, { compress: false });
    zip2.addBuffer(Buffer.from(JSON.stringify(dp)), 'datapackage.json', { compress: false });
    sent = 0;
    zip2.addReadStream(new Readable({ read() { if (sent >= size) this.push(null); else { sent += zeros.length; this.push(zeros); } } }), 'archive/bomb.warc.gz', { compress: true, size });
    zip2.end();
    await pipeline(zip2.outputStream, createWriteStream(listed));
    const r2 = await verifyCli(listed);
    expect(r2.code).toBe(1);
    expect(failed(r2).find((c: any) => c.name === 'files').detail).toContain('zip bomb');
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('a manifest listing a missing file (re-signed by someone else): the item check names it', async () => {
    const r = await tampered('missing.wacz', (m) => m.delete(itemPath('text.txt')));
    expect(r.code).toBe(1);
    expect(failed(r).find((c: any) => c.name === `item ${item}: files`).detail).toContain('text.txt: missing');
  });

  it('an extra unlisted file: "nothing added" fails', async () => {
    const r = await tampered('extra.wacz', (m) => m.set(itemPath('extra.png'), Buffer.from('not evidence')), false);
    expect(r.code).toBe(1);
    expect(failed(r).map((c: any) => c.name)).toEqual(['nothing added']);
  });

  it('a swapped token, and a token over other data: the imprint does not match', async () => {
    const r = await tampered('swapped.wacz', (m) => {
      const a = m.get(itemPath('seal/timestamps/tsa-1.tsr'))!;
      m.set(itemPath('seal/timestamps/tsa-1.tsr'), readFileSync(join(ROOT, '..', 'shared', 'fixtures', 'tsa', 'freetsa2023_js-wacz_timeSignature.tsr')));
      expect(a.length).toBeGreaterThan(0);
    });
    expect(failed(r).find((c: any) => c.name === `item ${item}: seal/timestamps/tsa-1.tsr`).detail).toMatch(/message-imprint/);
    const other = join(work, 'other.txt');
    writeFileSync(other, 'other data');
    execFileSync('openssl', ['ts', '-query', '-data', other, '-sha256', '-cert', '-out', join(work, 'other.tsq')]);
    const token = await fetch(tsas[0]!.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(join(work, 'other.tsq')) }).then((x) => x.arrayBuffer());
    const r2 = await tampered('other-data.wacz', (m) => m.set(itemPath('seal/timestamps/tsa-2.tsr'), Buffer.from(token)));
    const bad = failed(r2).find((c: any) => c.name === `item ${item}: seal/timestamps/tsa-2.tsr`);
    expect(bad.detail).toMatch(/message-imprint/);
  });

  it('a manifest changed and re-signed with a different key: the tokens and the custody log give it away', async () => {
    const r = await tampered('resigned.wacz', (m) => {
      const manifest = JSON.parse(m.get(itemPath('manifest.json'))!.toString());
      manifest.url = 'https://example.org/someone-else';
      const bytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
      m.set(itemPath('manifest.json'), bytes);
      const hash = `sha256:${sha(bytes)}`;
      const signedData = signWithNewKey(hash);
      m.set(itemPath('seal/signature.json'), Buffer.from(JSON.stringify({ path: 'manifest.json', hash, signedData, keyFingerprint: 'f'.repeat(64) })));
    });
    expect(r.code).toBe(1);
    const names = failed(r).map((c: any) => c.name);
    expect(names).toContain(`item ${item}: seal/timestamps/tsa-1.tsr`);
    expect(names).toContain(`item ${item}: custody`);
    expect(names).not.toContain(`item ${item}: signature`);
  });

  it('a modified custody event: the chain breaks', async () => {
    const r = await tampered('custody.wacz', (m) => {
      m.set('guzheng/custody.jsonl', Buffer.from(m.get('guzheng/custody.jsonl')!.toString().replace('"status":"COMPLETE"', '"status":"PARTIAL"')));
    });
    expect(failed(r).find((c: any) => c.name === `item ${item}: custody`).detail).toContain('was modified');
  });

  it('every single-byte change in every member is detected (hundreds of trials)', async () => {
    const bytes = readFileSync(pkg);
    const spans: { name: string; start: number; length: number }[] = [];
    const zip = await yauzl.openPromise(pkg, { lazyEntries: true });
    for await (const e of zip.eachEntry()) {
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
      spans.push({ name: e.fileName, start: fileDataStart, length: e.compressedSize });
    }
    zip.close();
    const rootPems = [...members.keys()].filter((n) => n.startsWith('guzheng/tsa-roots/')).map((n) => members.get(n)!);
    const crypto = await nodeItemCryptography((await Promise.all(rootPems.map((p) => parseCertificates(p)))).flat());
    const file = join(work, 'flip.wacz');
    let seed = 20261121;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let trials = 0;
    const undetected: string[] = [];
    for (let round = 0; round < 12; round++) {
      for (const s of spans) {
        if (s.length === 0) continue;
        const at = s.start + Math.floor(random() * s.length);
        const copy = Buffer.from(bytes);
        copy[at] = copy[at]! ^ (1 + Math.floor(random() * 255));
        writeFileSync(file, copy);
        const reader = await openZipPackage(file).catch(() => null);
        trials++;
        if (!reader) continue; // cannot read: detected
        const r = await verifyPackage(reader, { cryptography: async () => crypto }).finally(() => reader.close());
        if (r.valid) undetected.push(`${s.name} @${at - s.start}`);
      }
    }
    expect(trials).toBeGreaterThanOrEqual(200);
    expect(undetected).toEqual([]);
  }, 300_000);
});

async function readMembersHeadersOnly(path: string): Promise<string[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const names: string[] = [];
  for await (const e of zip.eachEntry()) names.push(e.fileName);
  zip.close();
  return names;
}

describe('the standalone verifier page', () => {
  it('guzheng verifier --out writes the page; in the browser it shows the same checks as guzheng verify, offline', async () => {
    const page = join(work, 'verify.html');
    const w = await runGuzheng(['verifier', '--out', page], verifierEnv);
    expect(w.code).toBe(0);
    expect(readFileSync(page)).toEqual(members.get('guzheng/verify.html'));
    expect((await runGuzheng(['verifier', '--out', page], verifierEnv)).stderr).toContain('[E_EXISTS]');

    const tamperedFile = join(work, 'page-tampered.wacz');
    const m = new Map(members);
    m.set('guzheng/custody.jsonl', Buffer.from(m.get('guzheng/custody.jsonl')!.toString().replace('"status":"COMPLETE"', '"status":"PARTIAL"')));
    resignWithOtherKey(m);
    await writeMembers(tamperedFile, m);
    const deflated = join(work, 'page-deflated.wacz');
    await writeMembers(deflated, members, true);

    const requests = await withVerifierPage(page, async (tab, requests) => {
      const run = async (file: string) => {
        await tab.setInputFiles('#file', file);
        await tab.waitForSelector('#result:is([data-state="valid"], [data-state="intact-time-not-fixed"], [data-state="invalid"], [data-state="unreadable"])', { timeout: 60_000 });
        const state = await tab.getAttribute('#result', 'data-state');
        const checks = await tab.$$eval('#result li', (lis) => lis.map((li) => ({ name: (li as HTMLElement).dataset.name, ok: (li as HTMLElement).dataset.ok === 'true' })));
        const headline = await tab.$eval('#result h2', (e) => ({ text: e.textContent, cls: e.className }));
        await tab.reload();
        return { state, checks, headline };
      };
      const cli = await verifyCli(pkg);
      const good = await run(pkg);
      expect(good.state).toBe('valid');
      expect(good.headline).toEqual({ text: '✔ 证据包核对：全部通过，存在时间已由可信时间戳固定 / package check: VALID, time fixed by a trusted timestamp', cls: 'good' });
      expect(good.checks).toEqual(cli.json[0].checks.map((c: any) => ({ name: c.name, ok: c.ok })));
      expect((await run(deflated)).state).toBe('valid');
      const bad = await run(tamperedFile);
      expect(bad.state).toBe('invalid');
      expect(bad.headline).toEqual({ text: '✘ 证据包核对：未通过 / package check: NOT VALID', cls: 'bad' });
      expect(bad.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual((await verifyCli(tamperedFile)).json[0].checks.filter((c: any) => !c.ok).map((c: any) => c.name));
      const truncated = join(work, 'page-truncated.wacz');
      writeFileSync(truncated, readFileSync(pkg).subarray(0, 1000));
      expect((await run(truncated)).state).toBe('unreadable');
      return requests;
    });
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  }, 180_000);
});
