/**
 * Start the browser once for a batch. Each capture then gets its own fresh context (an isolated, in-memory profile).
 * The flags are fixed here and recorded in every capture's environment.json.
 */
import { statfsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { GuzhengError } from '../../errors.js';
import type { FoundBrowser } from './discover.js';
import type { SocksGate } from '../egress/socks-gate.js';

/** Flags we always pass. Background networking is off so the browser talks only to the page being captured. */
export const BASE_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
  '--hide-scrollbars',
  '--mute-audio',
  '--font-render-hinting=none',
];

/** Extra flags from GUZHENG_BROWSER_ARGS, split on whitespace outside double quotes. */
export function extraFlagsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.GUZHENG_BROWSER_ARGS?.trim();
  if (!raw) return [];
  return (raw.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((a) => a.replace(/"/g, ''));
}

export function launchFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const flags = [...BASE_FLAGS];
  // Chromium refuses to run as root without this; recorded like every other flag.
  if (process.platform === 'linux' && process.getuid?.() === 0) flags.push('--no-sandbox');
  return [...flags, ...extraFlagsFromEnv(env)];
}

/**
 * Playwright tells Chromium to keep shared memory in /tmp (--disable-dev-shm-usage), for containers with a tiny
 * /dev/shm. Where /dev/shm has room (1 GiB or more) Chromium keeps its default, which is measurably faster.
 */
function devShmIsRoomy(): boolean {
  try {
    const s = statfsSync('/dev/shm');
    return s.bavail * s.bsize >= 1024 ** 3;
  } catch {
    return false;
  }
}

export interface LaunchedBrowser {
  browser: Browser;
  found: FoundBrowser;
  flags: string[];
  version: string;
  /** The egress gate every connection of this browser goes through (an organisation's server), or none. */
  gate?: SocksGate;
}

/**
 * A browser on a profile folder that persists (guzheng login's own profile, or a copy of it), with the same flags.
 * Used only for logging in and for reading a saved login: captures never run in a persistent profile.
 */
export async function launchPersistent(found: FoundBrowser, dir: string, env: NodeJS.ProcessEnv = process.env, options: { headless?: boolean } = {}): Promise<BrowserContext> {
  try {
    const { chromium } = await import('playwright-core');
    return await chromium.launchPersistentContext(dir, {
      executablePath: found.executable, headless: options.headless ?? true, args: launchFlags(env),
      ignoreDefaultArgs: devShmIsRoomy() ? ['--disable-dev-shm-usage'] : [], timeout: 60_000, env: { ...env },
      locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: options.headless === false ? null : { width: 1280, height: 900 },
    });
  } catch (err) {
    throw new GuzhengError('E_BROWSER_LAUNCH', `浏览器无法启动：${found.executable}`,
      `The browser could not be started: ${found.executable}`, (err as Error).message.split('\n')[0]);
  }
}

export async function launchBrowser(found: FoundBrowser, env: NodeJS.ProcessEnv = process.env, options: { headless?: boolean; gate?: SocksGate } = {}): Promise<LaunchedBrowser> {
  // Through the gate, every connection (loopback too: <-loopback> removes Chromium's own exception), and no UDP
  // that could go around it (QUIC and WebRTC).
  const flags = [...launchFlags(env), ...(options.gate ? [`--proxy-server=socks5://127.0.0.1:${options.gate.port}`, '--proxy-bypass-list=<-loopback>',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp', '--disable-quic'] : [])];
  try {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: found.executable,
      headless: options.headless ?? true,
      args: flags,
      ignoreDefaultArgs: devShmIsRoomy() ? ['--disable-dev-shm-usage'] : [],
      timeout: 60_000,
      // Our own environment attestation records proxies; the browser inherits none silently.
      env: { ...env },
    });
    return { browser, found, flags, version: browser.version(), ...(options.gate ? { gate: options.gate } : {}) };
  } catch (err) {
    throw new GuzhengError('E_BROWSER_LAUNCH', `浏览器无法启动：${found.executable}`,
      `The browser could not be started: ${found.executable}`, (err as Error).message.split('\n')[0]);
  }
}
