/**
 * A time not fixed is not a green tick. Captures sealed while no TSA answered (GUZHENG_TSA=off) are signed and intact,
 * but their time rests on the local signature only: `guzheng verify` says so in amber (exit 0, exit 1 with
 * --require-timestamp), as do the verifier page and the certificate's headline. Anything broken stays red.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGuzheng, tempHome } from './helpers.js';
import { readMembers, withVerifierPage, writeMembers } from './package-tools.js';

const home = tempHome();
const work = tempHome('guzheng-amber-');
const pkg = join(work, 'untimestamped.wacz');
const base = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_HOME: home, GUZHENG_TSA: 'off', GUZHENG_TSA_CA: '' };
const plain = { ...base, NO_COLOR: '1', FORCE_COLOR: '' };
const coloured = { ...base, NO_COLOR: '', FORCE_COLOR: '1' };
let item = '';
let folder = '';

const AMBER = '\x1b[33m';
const HEADLINE = '⚠ 证据包核对：文件完整，但存在时间未经第三方固定 / package check: INTACT, but the time is NOT fixed by a third party';
const FOLDER_HEADLINE = '⚠ 取证文件夹核对：文件完整，但存在时间未经第三方固定 / capture folder check: INTACT, but the time is NOT fixed by a third party';

beforeAll(async () => {
  const caseId = (await runGuzheng(['case', 'new', '王五被网暴案', '--json'], base)).json[0].case;
  const cap = await runGuzheng(['demo', '--no-video', '--json', '--case', caseId], base);
  expect(cap.json[0].seal).toBe('awaiting-timestamp');
  item = cap.json[0].item;
  const ex = await runGuzheng(['export', caseId, '--out', pkg, '--json'], base);
  if (ex.code !== 0) throw new Error(ex.stderr);
  const out = await runGuzheng(['demo', '--no-video', '--json', '--out', tempHome('guzheng-amber-out-')], base);
  expect(out.json[0].seal).toBe('awaiting-timestamp');
  folder = out.json[0].dir;
}, 300_000);

/** Pixels of a rendered page as RGB triples (pdftoppm writes binary PPM: a header, then the raw bytes). */
function ppmPixels(file: string): Uint8Array {
  const b = readFileSync(file);
  let fields = 0;
  let at = 0;
  while (fields < 4) { // P6, width, height, maxval, each ended by whitespace
    while (/\s/.test(String.fromCharCode(b[at]!))) at++;
    while (!/\s/.test(String.fromCharCode(b[at]!))) at++;
    fields++;
  }
  return b.subarray(at + 1);
}
const countNear = (px: Uint8Array, [r, g, b]: number[]) => {
  let n = 0;
  for (let i = 0; i + 2 < px.length; i += 3) if (Math.abs(px[i]! - r!) < 6 && Math.abs(px[i + 1]! - g!) < 6 && Math.abs(px[i + 2]! - b!) < 6) n++;
  return n;
};

describe('a package whose item awaits a timestamp', () => {
  it('verify: intact, time not fixed — exit 0, amber headline and line, a machine-readable state; --require-timestamp exits 1', async () => {
    const r = await runGuzheng(['verify', pkg, '--json'], plain);
    expect(r.code).toBe(0);
    expect(r.json[0]).toMatchObject({ valid: true, state: 'intact-time-not-fixed', timeFixed: false, timeNotFixed: [item], requireTimestamp: false });
    const stamp = r.json[0].checks.find((c: any) => c.name === `item ${item}: timestamps`);
    expect(stamp).toMatchObject({ ok: true, warning: true });
    expect(stamp.detail).toContain('NOT fixed by a third party');
    expect(stamp.detail).toContain('guzheng seal --pending');
    expect(r.json[0].checks.filter((c: any) => c.warning).map((c: any) => c.name)).toEqual([`item ${item}: timestamps`]);

    const human = await runGuzheng(['verify', pkg], plain);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toBe(HEADLINE);
    expect(human.stdout).not.toContain('全部通过');
    expect(human.stdout).not.toContain('\x1b[');
    expect(human.stdout).toContain('guzheng seal --pending');
    expect(human.stdout).toContain(`⚠ item ${item}: timestamps: 存在时间未经第三方固定`);
    expect(human.stdout).not.toMatch(/✔ item \S+: timestamps/);

    const colour = await runGuzheng(['verify', pkg], coloured);
    expect(colour.code).toBe(0);
    expect(colour.stdout.split('\n')[0]).toBe(`\x1b[1m${AMBER}${HEADLINE}\x1b[0m`);
    expect(colour.stdout).toContain(`${AMBER}⚠ item ${item}: timestamps\x1b[0m`);
    expect(colour.stdout).not.toContain('\x1b[32m✔ item ' + item + ': timestamps');

    const strict = await runGuzheng(['verify', pkg, '--require-timestamp', '--json'], plain);
    expect(strict.code).toBe(1);
    expect(strict.json[0]).toMatchObject({ valid: true, state: 'intact-time-not-fixed', timeFixed: false, requireTimestamp: true });
    const strictHuman = await runGuzheng(['verify', pkg, '--require-timestamp'], plain);
    expect(strictHuman.code).toBe(1);
    expect(strictHuman.stdout).toContain(HEADLINE);
    expect(strictHuman.stdout).toContain('✘ 要求可信时间戳（--require-timestamp），未满足');
  });

  it('anything broken stays red (exit 1) whether or not the time is fixed', async () => {
    const m = await readMembers(pkg);
    m.set(`guzheng/items/${item}/extra.png`, Buffer.from('not evidence'));
    const bad = join(work, 'untimestamped-extra.wacz');
    await writeMembers(bad, m);
    const r = await runGuzheng(['verify', bad, '--json'], plain);
    expect(r.code).toBe(1);
    expect(r.json[0]).toMatchObject({ valid: false, state: 'invalid', timeFixed: false });
    const colour = await runGuzheng(['verify', bad], coloured);
    expect(colour.code).toBe(1);
    expect(colour.stdout.split('\n')[0]).toBe('\x1b[1m\x1b[31m✘ 证据包核对：未通过 / package check: NOT VALID\x1b[0m');
  });

  it('the certificate: an amber headline naming the item, and the statement that pictures cannot be redacted', async () => {
    const m = await readMembers(pkg);
    const pdf = join(work, 'cert.pdf');
    writeFileSync(pdf, m.get('guzheng/certificate.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('⚠文件完整，但存在时间未经第三方固定/Intact,butthetimeisNOTfixedbyathirdparty');
    expect(flat).toContain(item);
    expect(flat).toContain('guzhengseal--pending');
    expect(flat).not.toContain('Timefixedbytrustedtimestamps');
    expect(flat).toContain('截图、录像和PDF打印件是图像，无法脱敏');
    expect(flat).toContain('Screenshots,thevideoandthePDFprintarepicturesandcannotberedacted');
    expect(flat).toContain('includingthenameofalogged-inaccount');
    // The headline is amber on the page itself: #ffe3a3 fills the banner.
    execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-singlefile', pdf, join(work, 'cert')]);
    const px = ppmPixels(join(work, 'cert.ppm'));
    expect(countNear(px, [0xff, 0xe3, 0xa3])).toBeGreaterThan(2000);
    expect(countNear(px, [0xe2, 0xf4, 0xe7])).toBeLessThan(50);
  });

  it('the verifier page shows the amber headline, the advice and an amber line, offline', async () => {
    const page = join(work, 'verify.html');
    expect((await runGuzheng(['verifier', '--out', page], plain)).code).toBe(0);
    const cli = await runGuzheng(['verify', pkg, '--json'], plain);
    const requests = await withVerifierPage(page, async (tab, requests) => {
      await tab.setInputFiles('#file', pkg);
      await tab.waitForSelector('#result:is([data-state="valid"], [data-state="intact-time-not-fixed"], [data-state="invalid"], [data-state="unreadable"])', { timeout: 60_000 });
      expect(await tab.getAttribute('#result', 'data-state')).toBe('intact-time-not-fixed');
      const h = await tab.$eval('#headline', (e) => ({ text: e.textContent, cls: e.className, bg: getComputedStyle(e).backgroundColor }));
      expect(h).toEqual({ text: HEADLINE, cls: 'warn', bg: 'rgb(255, 217, 138)' });
      expect(await tab.textContent('#time-not-fixed')).toContain('guzheng seal --pending');
      expect(await tab.textContent('#time-not-fixed')).toContain(item);
      const lis = await tab.$$eval('#result li', (all) => all.map((li) => ({ name: (li as HTMLElement).dataset.name, ok: (li as HTMLElement).dataset.ok === 'true',
        warning: (li as HTMLElement).dataset.warning === 'true', cls: li.className, mark: li.querySelector('b')!.textContent!.slice(0, 1) })));
      expect(lis.map(({ name, ok }) => ({ name, ok }))).toEqual(cli.json[0].checks.map((c: any) => ({ name: c.name, ok: c.ok })));
      expect(lis.filter((l) => l.warning)).toEqual([{ name: `item ${item}: timestamps`, ok: true, warning: true, cls: 'warn', mark: '⚠' }]);
      expect(lis.filter((l) => !l.warning).every((l) => l.cls === 'good' && l.mark === '✔')).toBe(true);
      return requests;
    });
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  }, 120_000);
});

describe('a capture folder awaiting a timestamp', () => {
  it('verify: exit 0 with the amber headline and state; --require-timestamp exits 1', async () => {
    const r = await runGuzheng(['verify', folder, '--json'], plain);
    expect(r.code).toBe(0);
    expect(r.json[0]).toMatchObject({ valid: true, state: 'intact-time-not-fixed', timeFixed: false });
    expect(r.json[0].checks.find((c: any) => c.name === 'capture: timestamps')).toMatchObject({ ok: true, warning: true });
    const colour = await runGuzheng(['verify', folder], coloured);
    expect(colour.code).toBe(0);
    expect(colour.stdout.split('\n')[0]).toBe(`\x1b[1m${AMBER}${FOLDER_HEADLINE}\x1b[0m`);
    expect(colour.stdout).toContain('guzheng seal <folder>');
    const strict = await runGuzheng(['verify', folder, '--require-timestamp'], plain);
    expect(strict.code).toBe(1);
    expect(strict.stdout.split('\n')[0]).toBe(FOLDER_HEADLINE);
  });
});
