/** `guzheng demo`: the README's main job, on the bundled demo post. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, readJson, runGuzheng, tempHome } from './helpers.js';

describe('guzheng demo', () => {
  it('serves the demo post on 127.0.0.1 and captures it COMPLETE into the data folder, video included', async () => {
    const home = tempHome();
    const r = await runGuzheng(['demo', '--json'], { GUZHENG_HOME: home, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_TSA: 'off' });
    expect(r.code).toBe(0);
    const [res] = r.json;
    expect(res.status).toBe('COMPLETE');
    expect(res.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/post\/4990000000000001\.html$/);
    expect(res.dir.startsWith(join(home, 'captures'))).toBe(true);
    expect(res.files.map((f: any) => f.role)).toEqual(expect.arrayContaining(['warc', 'screenshot.full', 'screenshot.viewport', 'video', 'mhtml', 'dom', 'pdf', 'text', 'page', 'network', 'environment', 'log']));
    const page = readJson(join(res.dir, 'page.json'));
    expect(page.author.value).toBe('示例用户甲');
    expect(readFileSync(join(res.dir, 'text.txt'), 'utf8')).toMatch(/IP属地：广东/);
    const env = readJson(join(res.dir, 'environment.json'));
    expect(env.checks.clock.notMeasured).toMatch(/GUZHENG_NTP=off/);
    expect(r.stderr).toContain('演示页面');
    // No TSA asked: signed, and visibly awaiting a trusted timestamp — never silently untimestamped.
    expect(res.seal).toBe('awaiting-timestamp');
    expect(readJson(join(res.dir, 'seal', 'seal.json'))).toMatchObject({ state: 'awaiting-timestamp', timestamps: [] });
    expect(readJson(join(res.dir, 'seal', 'signature.json')).signedData.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('demo --serve answers byte ranges, so the demo video loads in a browser', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--serve'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const url = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
      const video = new URL('/media/clip.mp4', url).href;
      const res = await fetch(video, { headers: { Range: 'bytes=0-99' } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
      expect((await res.arrayBuffer()).byteLength).toBe(100);
      expect((await fetch(url)).headers.get('content-type')).toMatch(/text\/html/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
