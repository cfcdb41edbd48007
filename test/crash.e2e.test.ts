/**
 * SIGKILL at random instants during capture+commit and during export: afterwards `guzheng check` passes, no item
 * committed before is lost, and no package file exists that is not complete and valid.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, queryDb, runGuzheng, tempHome } from './helpers.js';

const home = tempHome();
const out = tempHome('guzheng-exports-');
const env = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '--guzheng-kill-test', GUZHENG_TSA: 'off', GUZHENG_HOME: home };

/** Kills in each test: two dozen in all (the suite's time on two cores is bounded; each trial is a whole run). */
const TRIALS = 12;
let seed = 4242;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** Runs guzheng and kills it with SIGKILL after `ms` (if it has not finished by then). */
function killAfter(args: string[], ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ killed: killed && code === null, code });
    });
  });
}

const committed = () => queryDb(home, "select id, manifest_sha256 from items where status in ('COMPLETE', 'PARTIAL', 'FAILED') order by id");
const cleanupBrowsers = () => execFileSync('sh', ['-c', 'pkill -9 -f "[g]uzheng-kill-test" || true']);

describe('killed at random instants', () => {
  it('during capture and commit (dozens of trials): check passes and nothing committed is lost', async () => {
    let before: { id: string; manifest_sha256: string }[] = [];
    let kills = 0;
    for (let i = 0; i < TRIALS; i++) {
      const r = await killAfter(['demo', '--no-video'], 200 + Math.floor(random() * 3400));
      if (r.killed) kills++;
      cleanupBrowsers();
      const now = committed();
      expect(now).toEqual(expect.arrayContaining(before));
      before = now;
    }
    expect(kills).toBeGreaterThanOrEqual(TRIALS / 2);
    const check = await runGuzheng(['check', '--json'], env);
    expect(check.json[0].checks.filter((c: any) => !c.ok)).toEqual([]);
    expect(check.code).toBe(0);
    // No working copy without a committed item, and every committed item's working copy is in place.
    const dirs = queryDb(home, "select dir from items where status in ('COMPLETE', 'PARTIAL', 'FAILED')").map((r) => r.dir);
    for (const d of dirs) expect(existsSync(join(d, 'manifest.json'))).toBe(true);
    expect(readdirSync(join(home, 'captures')).length).toBe(dirs.length);
    expect(queryDb(home, "select count(*) as n from items where status = 'capturing'")[0].n).toBe(0);
  }, 600_000);

  it('during export (dozens of trials): any .wacz that exists is complete and valid; check passes', async () => {
    if (!committed().length) await runGuzheng(['demo', '--no-video'], env);
    const [{ case_id: caseId }] = queryDb(home, "select case_id from items where status = 'COMPLETE' limit 1");
    // The instants are drawn within the time an export takes on this machine (timed once, whole), so that most
    // trials kill it mid-way however fast or slow the machine is.
    const t0 = Date.now();
    expect((await runGuzheng(['export', caseId, '--out', join(out, 'whole.wacz')], env)).code).toBe(0);
    const whole = Date.now() - t0;
    let kills = 0;
    for (let i = 0; i < TRIALS; i++) {
      const r = await killAfter(['export', caseId, '--out', join(out, `p${i}.wacz`)], 100 + Math.floor(random() * Math.max(200, whole * 0.85 - 100)));
      if (r.killed) kills++;
      cleanupBrowsers();
    }
    expect(kills).toBeGreaterThanOrEqual(TRIALS / 2);
    const finished = readdirSync(out).filter((f) => f.endsWith('.wacz'));
    for (const f of finished) {
      const v = await runGuzheng(['verify', join(out, f), '--json'], env);
      expect({ f, valid: v.json[0].valid }).toEqual({ f, valid: true });
    }
    expect(readdirSync(out).every((f) => f.endsWith('.wacz') || f.includes('.partial-'))).toBe(true);
    const check = await runGuzheng(['check', '--json'], env);
    expect(check.json[0].checks.filter((c: any) => !c.ok)).toEqual([]);
  }, 600_000);
});
