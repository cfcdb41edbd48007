/**
 * yt-dlp (installed by the project's test setup from Debian): a video of the post that the browser never received
 * is downloaded after the visit, and the media entry says so, with the tool's version, hash and command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileHashes, readJson, runGuzheng, tempHome } from './helpers.js';
import { startFixtureSite, fixtureBrowserArgs, type FixtureSite } from './fixture-site/server.js';

let site: FixtureSite;
let env: Record<string, string>;
beforeAll(async () => {
  site = await startFixtureSite();
  env = { GUZHENG_HOME: tempHome(), GUZHENG_BROWSER_ARGS: fixtureBrowserArgs(site), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: 'off' };
});
afterAll(async () => {
  await site?.close();
});

describe('yt-dlp for videos the browser did not receive', () => {
  it('downloads the og:video after the visit and records the tool, its version and hash, and the command', async () => {
    const r = await runGuzheng(['capture', `${site.http}/og-video`, '--out', tempHome('guzheng-out-'), '--json', '--no-video'], env);
    const dir = r.json[0].dir;
    const post = readJson(join(dir, 'post.json'));
    const video = post.media.find((m: any) => m.type === 'video');
    expect(video).toMatchObject({ url: `${site.http}/media/clip.mp4`, source: 'dom.html (og:video)', artifact: 'media/1.mp4' });
    expect(video.note).toContain('a second request, not the browser session');
    const ytdlp = execFileSync('sh', ['-c', 'command -v yt-dlp']).toString().trim();
    expect(video.downloadedBy).toMatchObject({ tool: 'yt-dlp', version: execFileSync(ytdlp, ['--version']).toString().trim(), sha256: fileHashes(ytdlp).sha256, path: ytdlp });
    expect(video.downloadedBy.command).toContain(`${site.http}/media/clip.mp4`);
    expect(readFileSync(join(dir, 'media', '1.mp4'))).toEqual(readFileSync(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'clip.mp4')));
    expect(r.json[0].files.find((f: any) => f.path === 'media/1.mp4')).toMatchObject({ role: 'media.video' });
  });

  it('GUZHENG_YTDLP=off: nothing is downloaded, and the entry says the bytes are not in the WARC', async () => {
    const r = await runGuzheng(['capture', `${site.http}/og-video`, '--out', tempHome('guzheng-out-'), '--json', '--no-video'], { ...env, GUZHENG_YTDLP: 'off' });
    const video = readJson(join(r.json[0].dir, 'post.json')).media.find((m: any) => m.type === 'video');
    expect(video).toMatchObject({ artifact: null, note: expect.stringContaining('not in the WARC') });
    expect(video.downloadedBy).toBeUndefined();
  });
});
