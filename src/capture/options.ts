/**
 * Capture options and their defaults, in one documented place (the way Scoop keeps its options).
 * A court may ask "with what settings was this page recorded?": these values are written into environment.json.
 */
import type { AllowList } from './egress/addresses.js';
import type { SealConfig } from '../seal/seal.js';

export interface CaptureOptions {
  /**
   * On an organisation's server: every connection goes through an egress gate that refuses private, loopback,
   * link-local, CGNAT, multicast and metadata addresses, except those the operator allowed (GUZHENG_SSRF_ALLOW).
   */
  egress?: AllowList | null;
  /** Seal each capture (signature + RFC 3161 timestamps) before it is moved into place; null only in tests of parts. */
  seal: SealConfig | null;
  /** Record a video of the whole visit from the browser's screencast frames. */
  video: boolean;
  /** Proceed past TLS certificate errors. Off by default; when on, it is recorded as a warning on the capture. */
  insecure: boolean;
  /** Longest wait for the first load of the page (ms). */
  loadTimeoutMs: number;
  /** Longest wait for the network to go quiet after a click of the platform's behaviour (ms). */
  networkIdleTimeoutMs: number;
  /**
   * After load, the capture waits for the network to go quiet for as long as data keeps flowing, within the total
   * time limit (keeping finishReserveMs for the steps after it); it stops waiting once nothing has moved (no request
   * begun or ended, no byte received) for this long (ms).
   */
  networkStallMs: number;
  /** Of the total time, this much is kept for the steps after the network wait (screenshots, snapshots, writing). */
  finishReserveMs: number;
  /** How long the network must be quiet to count as idle (ms). */
  networkIdleQuietMs: number;
  /** Scrolling through lazy / infinite content: at most this many screens ... */
  maxScrolls: number;
  /** ... and at most this long in total (ms) ... */
  scrollTimeoutMs: number;
  /** ... and stop once the page is this tall (CSS px). Screenshots of taller pages are cut at this height. */
  maxPageHeight: number;
  /** Longest time for the whole visit, all steps included (ms). */
  totalTimeoutMs: number;
  /** Stop keeping response bodies once the recorded bytes pass this many (bytes); the capture is then PARTIAL. */
  maxTotalBytes: number;
  /** Largest single response body kept (bytes); a larger body is truncated in the WARC (WARC-Truncated: length). */
  maxResourceBytes: number;
  /** Browser window size (CSS px). */
  viewport: { width: number; height: number };
  /** Network checks of the environment (NTP clock offset, public IP). */
  ntpServers: string[];
  publicIpUrls: string[];
  /** DNS server to ask for the visited hosts' answers ('system' = the machine's own resolver). */
  dnsServer: string;
  /** Longest wait for each environment network check (ms). */
  envCheckTimeoutMs: number;
  /**
   * A saved login (guzheng login <platform>) to capture with, or null for a fresh, logged-out profile. A logged-in
   * capture redacts secrets (cookie, authorization and token values) from everything it stores.
   */
  login: LoginState | null;
  /** On a platform's post: load about this many comments (and open their replies and the repost list); 0: none. */
  comments: number;
}

export interface LoginState {
  platform: string;
  /** The saved browser state (cookies, local storage), owner-only, in the data folder. */
  statePath: string;
  /** The account as the user named it when logging in. */
  account: string | null;
  savedAt: string;
}

export const DEFAULT_OPTIONS: CaptureOptions = {
  seal: null,
  login: null,
  comments: 20,
  video: true,
  insecure: false,
  loadTimeoutMs: 30_000,
  networkIdleTimeoutMs: 5_000,
  networkStallMs: 5_000,
  finishReserveMs: 30_000,
  networkIdleQuietMs: 300,
  maxScrolls: 30,
  scrollTimeoutMs: 15_000,
  maxPageHeight: 20_000,
  totalTimeoutMs: 120_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxResourceBytes: 128 * 1024 * 1024,
  viewport: { width: 1280, height: 800 },
  ntpServers: ['ntp.aliyun.com', 'ntp.tencent.com', 'cn.pool.ntp.org'],
  publicIpUrls: ['https://4.ipw.cn/', 'https://api.ipify.org/'],
  dnsServer: 'system',
  envCheckTimeoutMs: 3_000,
};

/** Options from the environment: GUZHENG_NTP, GUZHENG_PUBLIC_IP_URL, GUZHENG_DNS (comma-separated; 'off' disables). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<CaptureOptions> {
  const list = (v: string | undefined) => (v === undefined ? undefined : v === 'off' ? [] : v.split(',').map((s) => s.trim()).filter(Boolean));
  const out: Partial<CaptureOptions> = {};
  const ntp = list(env.GUZHENG_NTP);
  if (ntp) out.ntpServers = ntp;
  const ip = list(env.GUZHENG_PUBLIC_IP_URL);
  if (ip) out.publicIpUrls = ip;
  if (env.GUZHENG_DNS) out.dnsServer = env.GUZHENG_DNS;
  return out;
}

export function resolveOptions(...parts: Partial<CaptureOptions>[]): CaptureOptions {
  return Object.assign({}, DEFAULT_OPTIONS, ...parts);
}
