/** Captures sealed while no TSA was reachable get their timestamps later: guzheng seal --pending / seal <folder>. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readJson, runGuzheng, tempHome } from './helpers.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';

let tsas: TestTsa[];
beforeAll(async () => {
  tsas = await Promise.all([startTestTsa('Later TSA One'), startTestTsa('Later TSA Two')]);
});
afterAll(async () => {
  await Promise.all(tsas.map((t) => t.close()));
});

const base = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '' };
const online = () => ({ GUZHENG_TSA: tsas.map((t) => t.url).join(','), GUZHENG_TSA_CA: tsas.map((t) => t.caPath).join(',') });

describe('guzheng seal', () => {
  it('--pending: still awaiting while no TSA answers; timestamped once one does; then nothing is pending', async () => {
    const home = tempHome();
    const cap = await runGuzheng(['demo', '--no-video', '--json'], { ...base, GUZHENG_HOME: home, GUZHENG_TSA: 'off' });
    const dir = cap.json[0].dir;
    expect(cap.json[0].seal).toBe('awaiting-timestamp');

    const offline = await runGuzheng(['seal', '--pending', '--json'], { ...base, GUZHENG_HOME: home, GUZHENG_TSA: 'http://127.0.0.1:1/tsr' });
    expect(offline.code).toBe(1);
    expect(offline.json[0]).toMatchObject({ dir, seal: 'awaiting-timestamp' });

    const later = await runGuzheng(['seal', '--pending', '--json'], { ...base, GUZHENG_HOME: home, ...online() });
    expect(later.code).toBe(0);
    expect(later.json[0]).toMatchObject({ dir, seal: 'timestamped', timestamps: 2 });
    const seal = readJson(join(dir, 'seal', 'seal.json'));
    expect(seal.state).toBe('timestamped');
    expect(seal.history).toHaveLength(3); // at capture, offline retry, success
    const sig = readJson(join(dir, 'seal', 'signature.json'));
    const stamped = join(home, 'sig.txt');
    execFileSync('sh', ['-c', `printf %s '${sig.signedData.signature}' > ${stamped}`]);
    expect(execFileSync('openssl', ['ts', '-verify', '-data', stamped, '-in', join(dir, seal.timestamps[0].file), '-CAfile', tsas[0]!.caPath]).toString()).toMatch(/Verification: OK/);

    const again = await runGuzheng(['seal', '--pending'], { ...base, GUZHENG_HOME: home, ...online() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing is awaiting a timestamp');
  });

  it('<folder>: a capture written with --out', async () => {
    const home = tempHome();
    const out = tempHome('guzheng-out-');
    const cap = await runGuzheng(['demo', '--no-video', '--json', '--out', out], { ...base, GUZHENG_HOME: home, GUZHENG_TSA: 'off' });
    const r = await runGuzheng(['seal', cap.json[0].dir], { ...base, GUZHENG_HOME: home, ...online() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 trusted timestamp(s)');
    const bad = await runGuzheng(['seal', out], { ...base, GUZHENG_HOME: home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[E_UNREADABLE]');
  });
});
