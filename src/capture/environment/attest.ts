/**
 * The environment attestation (清洁性检查): what ran the capture, and whether anything could have stood between the
 * browser and the site. Checks that need the network run at the start of the visit, in parallel with it; every check
 * keeps its raw output, and a check that could not be done says "not measured: <reason>" — nothing is invented.
 */
import { redactStorageState } from '../redact.js';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import { dataHome } from '../../vault/home.js';
import { hashFileCached } from './file-hash-cache.js';
import { TOOL_NAME, TOOL_VERSION, codeBundlePath, PACKAGE_ROOT } from '../../tool.js';
import type { CaptureOptions } from '../options.js';
import type { LaunchedBrowser } from '../browser/launch.js';
import { clockOffset } from './ntp.js';
import { publicIp } from './public-ip.js';
import { proxySettings } from './proxy.js';
import { hostsFileLines } from './hosts-file.js';
import { measured, notMeasured, type CheckResult } from './check.js';

/** Small files (the code bundle, the lockfile): hashed once per process. */
const hashOnce = (path: string) => hashFileCached(path, null).then((h) => h.sha256);

/** Started when the visit starts; awaited when the visit ends. */
export function startNetworkChecks(options: CaptureOptions, flags: string[]) {
  return {
    clock: clockOffset(options.ntpServers, options.envCheckTimeoutMs),
    publicIp: publicIp(options.publicIpUrls, options.envCheckTimeoutMs),
    proxy: proxySettings(flags),
  };
}

export type NetworkChecks = ReturnType<typeof startNetworkChecks>;

const browserHash = (path: string) => hashFileCached(path, join(dataHome(), 'cache'));

/** Warm the hashes early so they are ready when the visit ends. */
export function prehash(launched: LaunchedBrowser): void {
  browserHash(launched.found.executable).catch(() => undefined);
  hashOnce(codeBundlePath()).catch(() => undefined);
}

async function browserCommandLine(browser: Browser): Promise<CheckResult<string[]>> {
  try {
    const session = await browser.newBrowserCDPSession();
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await session.detach().catch(() => undefined);
    const main = info.processInfo.find((p) => p.type === 'browser');
    if (!main) return notMeasured('browser-command-line', 'the browser did not report its process');
    const path = `/proc/${main.id}/cmdline`;
    if (!existsSync(path)) return notMeasured('browser-command-line', `process ${main.id}: ${path} not available on ${process.platform}`, info);
    const args = (await readFile(path, 'utf8')).split('\0').filter(Boolean);
    return measured('browser-command-line', args, { pid: main.id, processInfo: info.processInfo });
  } catch (err) {
    return notMeasured('browser-command-line', (err as Error).message.split('\n')[0]!);
  }
}

/** Proof the context started empty: no cookies, no storage, no extension targets. Taken before the first request. */
export async function profileFreshness(context: BrowserContext, cdp: CDPSession): Promise<CheckResult<{ cookies: number; origins: number; extensionTargets: string[]; incognitoContext: boolean }>> {
  const state = await context.storageState();
  const targets = (await cdp.send('Target.getTargets').catch(() => ({ targetInfos: [] }))) as { targetInfos: { type: string; url: string }[] };
  const extensionTargets = targets.targetInfos.filter((t) => t.url.startsWith('chrome-extension://') && t.type !== 'page').map((t) => `${t.type} ${t.url}`);
  return measured('profile-fresh', { cookies: state.cookies.length, origins: state.origins.length, extensionTargets, incognitoContext: true },
    { storageState: redactStorageState(state), targets: targets.targetInfos });
}

async function osRelease(): Promise<string | null> {
  try {
    return await readFile('/etc/os-release', 'utf8');
  } catch {
    return null;
  }
}

async function listDir(dir: string | undefined): Promise<string[] | string> {
  if (!dir) return 'unknown';
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    return `unreadable: ${(err as Error).message}`;
  }
}

export interface AttestInput {
  launched: LaunchedBrowser;
  options: CaptureOptions;
  checks: NetworkChecks;
  freshness: CheckResult;
  hostsVisited: string[];
  userAgent: string | null;
}

export async function attestEnvironment(input: AttestInput) {
  const { launched, options, checks } = input;
  const bundle = codeBundlePath();
  const lockPath = `${PACKAGE_ROOT}/package-lock.json`;
  const [bundleSha, browserSha, launcherSha, lockSha, commandLine, clock, ip, proxy, hosts, release] = await Promise.all([
    hashOnce(bundle).catch((e: Error) => `not measured: ${e.message}`),
    browserHash(launched.found.executable).catch((e: Error) => ({ sha256: `not measured: ${e.message}`, computedAt: null, how: 'failed' })),
    launched.found.launcher ? hashOnce(launched.found.launcher).catch((e: Error) => `not measured: ${e.message}`) : Promise.resolve(null),
    existsSync(lockPath) ? hashOnce(lockPath) : Promise.resolve(null),
    browserCommandLine(launched.browser),
    checks.clock, checks.publicIp, checks.proxy,
    hostsFileLines(input.hostsVisited),
    osRelease(),
  ]);
  const profileDir = commandLine.measured ? (commandLine.value as string[]).find((a) => a.startsWith('--user-data-dir='))?.slice(16) : undefined;
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION, codeBundle: bundle, codeBundleSha256: bundleSha, packageLockSha256: lockSha, node: process.version },
    os: { platform: process.platform, type: os.type(), release: os.release(), version: os.version(), arch: os.arch(), hostname: os.hostname(),
      user: os.userInfo().username, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, osRelease: release },
    browser: {
      executable: launched.found.executable, executableSha256: browserSha.sha256, executableSha256How: browserSha.how,
      launcher: launched.found.launcher ?? null, launcherSha256: launcherSha,
      howFound: launched.found.source, version: launched.version, userAgent: input.userAgent,
      launchFlags: launched.flags, commandLine,
      headless: true,
      profileDirectory: profileDir ?? null, profileDirectoryAtEnd: await listDir(profileDir),
    },
    profile: input.freshness,
    checks: { clock, publicIp: ip, proxy, hostsFile: hosts },
    options,
  };
}
