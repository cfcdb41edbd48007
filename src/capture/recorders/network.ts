/**
 * Records every HTTP(S) exchange the page makes, in every frame and worker, through Playwright's network events,
 * and appends it to the WARC as soon as it finishes. Also keeps what the visit needs to know about the network:
 * requests still open (for "network idle"), the main document's navigation chain, failures, and byte counts.
 *
 * Bodies are those the browser handed over: the browser removes content encoding (gzip, br) before any client can
 * read a body, so a decoded body is written and the original Content-Encoding/Content-Length headers are kept under
 * X-Guzheng-Orig-* names (so a WARC reader does not try to decode it again).
 */
import type { BrowserContext, CDPSession, Page, Request, Response } from 'playwright-core';
import type { WarcWriter, HttpMessage } from './warc-writer.js';
import type { DocumentBodies } from './document-bodies.js';
import type { BodyReader } from './body-reader.js';
import { describeOpen, type OpenRequest } from './open-requests.js';

export interface FailedRequest {
  url: string;
  method: string;
  error: string;
  at: string;
}

export interface ServerSeen {
  origin: string;
  ipAddress: string;
  port: number;
  securityDetails?: Record<string, unknown> | null;
}

const RENAMED = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

/** Resource types that stay open by design: the network counts as quiet without them. */
const NEVER_DONE = new Set(['eventsource', 'ping', 'websocket']);

function recordable(url: string): boolean {
  return url.startsWith('http://') || url.startsWith('https://');
}

/** How long the end of a visit waits for word of the page's own document's answer (see stop()). */
const TARGET_ANSWER_GRACE_MS = 8000;

export class NetworkRecorder {
  readonly failures: FailedRequest[] = [];
  readonly servers = new Map<string, ServerSeen>();
  readonly hosts = new Set<string>();
  /** Requests not yet written, with when each started (ms since the epoch). */
  private readonly open = new Map<Request, number>();
  /** Requests still open when the visit ended, each with what it was and whether that is normal. */
  readonly openAtEnd: OpenRequest[] = [];
  private readonly navigations: Request[] = [];
  private readonly pending = new Set<Promise<void>>();
  private lastActivity = Date.now();
  /** The last time anything moved: a request began or ended, bytes arrived, or a record was written. */
  private lastProgress = Date.now();
  bodyBytes = 0;
  exchanges = 0;
  sizeCapHit = false;
  truncatedCount = 0;
  /** Bodies the browser could not hand over (kept as WARC-Truncated: unspecified). */
  unreadableBodies = 0;
  private stopped = false;
  /** Set when stop() lists what is still open: from then on nothing more is written. */
  private closed = false;
  /** Answered requests whose record is being written (they are not listed as open). */
  private readonly writing = new WeakSet<Request>();
  /** Bodies recorded for the page's own URL (a PDF, image or video target may arrive in byte ranges). */
  readonly targetParts: { status: number; contentRange: string | null; bytes: Uint8Array }[] = [];
  targetUrl: string | null = null;
  /** At most this many exchanges hold a body at once (reading it and writing it to the WARC). */
  private readonly slots = new Slots(2);

  constructor(
    private readonly warc: WarcWriter,
    private readonly limits: { maxTotalBytes: number; maxResourceBytes: number },
    private readonly bodies?: { documents: DocumentBodies; reader: BodyReader },
    /** Through an egress gate, the browser sees only the gate: the server's address is the one the gate connected to. */
    private readonly addressOf?: (url: string) => { ipAddress: string; port: number } | null,
  ) {}

  /** `cdp` (a session with the Network domain enabled) tells of bytes arriving, so a slow big download counts as progress. */
  attach(context: BrowserContext, cdp?: CDPSession): void {
    // Streams that never end by design (event streams, beacons) are not progress, or they would hold the visit open.
    const streams = new Set<string>();
    cdp?.on('Network.requestWillBeSent', (e) => { if (e.type && NEVER_DONE.has(e.type.toLowerCase())) streams.add(e.requestId); });
    cdp?.on('Network.dataReceived', (e) => { if (!streams.has(e.requestId)) this.lastProgress = Date.now(); });
    context.on('request', (r) => {
      if (this.stopped || !recordable(r.url())) return;
      this.open.set(r, Date.now());
      this.lastActivity = this.lastProgress = Date.now();
      try { this.hosts.add(new URL(r.url()).hostname); } catch { /* recordable() checked the scheme */ }
    });
    context.on('response', (resp) => this.responded.add(resp.request()));
    context.on('requestfinished', (r) => {
      this.answered.add(r);
      this.track(r, () => this.slots.run(() => this.finished(r)));
    });
    context.on('requestfailed', (r) => this.track(r, () => this.failed(r)));
  }

  /** Requests still open right now. */
  get openCount(): number {
    return this.open.size;
  }

  get quietForMs(): number {
    for (const r of this.open.keys()) if (!NEVER_DONE.has(r.resourceType()) && !this.withPlayer(r)) return 0;
    return Date.now() - this.lastActivity;
  }

  /**
   * The page's own file (a video, audio or PDF), answered and handed to the browser's player or PDF viewer: its
   * request never finishes. Answered means its response event came, or its whole body was taken at the response
   * stage (DocumentBodies): under load the event may not have come by the end of the visit (seen with a PDF target).
   */
  private withPlayer(r: Request): boolean {
    return r.url() === this.targetUrl && r.resourceType() === 'document' && !this.answered.has(r)
      && (this.responded.has(r) || this.bodies?.documents.get(r.url()) !== undefined);
  }

  /**
   * The page's own file reached the browser and is held for the viewer (DocumentBodies), but neither its body nor the
   * browser's response event has come through yet.
   */
  private targetAwaitingAnswer(): boolean {
    for (const r of this.open.keys()) {
      if (r.url() === this.targetUrl && r.resourceType() === 'document' && !this.answered.has(r) && !this.withPlayer(r)
        && this.bodies?.documents.arrived(r.url())) return true;
    }
    return false;
  }

  /** How long nothing has moved on the network (no request begun or ended, no bytes received). */
  get stalledForMs(): number {
    return Date.now() - this.lastProgress;
  }

  /** Navigation requests of the page's main frame, oldest first (the redirect chain is their redirectedFrom links). */
  mainNavigation(page: Page): Request[] {
    return this.navigations.filter((r) => {
      try { return r.frame() === page.mainFrame(); } catch { return false; }
    });
  }

  /**
   * Waits for the exchanges already answered to be written — as long as writing goes on (a record written within
   * stallMs), until `untilMs` at the latest. Requests still open then are written as unanswered, with the headers
   * the browser had when it sent them (their final headers may never come), and listed in openAtEnd.
   */
  async stop(stallMs = 10_000, untilMs = Date.now() + 60_000): Promise<void> {
    this.stopped = true;
    // The page's own file (a PDF) is held at the response stage while its body is read; under load that, and the
    // browser's response event after it, can come seconds after the network went quiet (seen in CI on 2 busy cores).
    for (let waited = 0; waited < TARGET_ANSWER_GRACE_MS && this.targetAwaitingAnswer() && Date.now() < untilMs; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    while (this.pending.size && this.stalledForMs < stallMs && Date.now() < untilMs) await this.settled(250);
    this.closed = true;
    const now = Date.now();
    for (const [r, startedAt] of [...this.open]) {
      if (this.writing.has(r)) continue;
      const url = r.url();
      await this.warc.exchange({ url, date: new Date(r.timing().startTime > 0 ? r.timing().startTime : startedAt).toISOString(), request: provisionalRequest(r) });
      const answered = this.answered.has(r);
      const handedToPlayer = this.withPlayer(r);
      this.openAtEnd.push(describeOpen({ url, method: r.method(), resourceType: r.resourceType(), openMs: now - startedAt, answered, handedToPlayer }));
      this.failures.push({ url, method: r.method(), error: answered ? 'answered, but the body was still being read when the visit ended' : 'still open when the visit ended', at: new Date().toISOString() });
    }
    this.open.clear();
    await this.settled(5000); // records already being written finish (local work, no network)
  }

  /** Waits until every pending exchange is done, or `ms` at most. */
  private async settled(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  private track(r: Request, job: () => Promise<void>): void {
    if (!recordable(r.url())) return;
    if (r.isNavigationRequest()) this.navigations.push(r);
    const p = job().catch(() => undefined).finally(() => {
      this.pending.delete(p);
      this.open.delete(r);
      this.lastActivity = this.lastProgress = Date.now();
    });
    this.pending.add(p);
  }

  /** Requests whose response headers arrived. */
  private readonly responded = new WeakSet<Request>();
  /** Requests whose response had finished arriving (their body may still be waiting for a slot to be read). */
  private readonly answered = new WeakSet<Request>();

  private async finished(r: Request): Promise<void> {
    if (this.closed) return; // its turn came after the visit ended: it is listed as open, never written twice
    const response = await r.response();
    const date = new Date(r.timing().startTime > 0 ? r.timing().startTime : Date.now()).toISOString();
    const request = await requestMessage(r).catch(() => provisionalRequest(r));
    if (!response) {
      await this.warc.exchange({ url: r.url(), date, request });
      return;
    }
    const [addr, security, body, version, headers] = await Promise.all([
      this.addressOf ? Promise.resolve(this.addressOf(r.url())) : response.serverAddr().catch(() => null),
      response.securityDetails().catch(() => null),
      this.readBody(response),
      response.httpVersion().catch(() => 'HTTP/1.1'),
      response.headersArray().catch(() => [] as { name: string; value: string }[]),
    ]);
    this.noteServer(r.url(), addr, security as Record<string, unknown> | null);
    if (r.url() === this.targetUrl && !body.truncated) {
      this.targetParts.push({ status: response.status(), contentRange: response.headers()['content-range'] ?? null, bytes: body.bytes });
    }
    if (this.closed) return;
    this.writing.add(r);
    this.exchanges++;
    const responseMessage: HttpMessage = {
      startLine: `${statusVersion(version)} ${response.status()} ${response.statusText() || ''}`.trimEnd(),
      headers: responseHeaders(headers, body.bytes.length),
      body: body.bytes,
    };
    await this.warc.exchange({ url: r.url(), date, request, response: responseMessage, ipAddress: addr?.ipAddress, truncated: body.truncated });
  }

  private async failed(r: Request): Promise<void> {
    if (this.closed) return;
    const date = new Date(r.timing().startTime > 0 ? r.timing().startTime : Date.now()).toISOString();
    const error = r.failure()?.errorText ?? 'unknown';
    this.failures.push({ url: r.url(), method: r.method(), error, at: new Date().toISOString() });
    await this.warc.exchange({ url: r.url(), date, request: await requestMessage(r).catch(() => provisionalRequest(r)) });
    await this.warc.metadata(r.url(), date, { 'guzheng-request-failed': error });
  }

  /**
   * The body as received: the document's own bytes when the browser showed it in a viewer, else from the BodyReader,
   * else from Playwright. A body that no source can give is marked WARC-Truncated: unspecified — never silently empty.
   */
  private async readBody(response: Response): Promise<{ bytes: Uint8Array; truncated?: 'length' | 'unspecified' }> {
    const url = response.url();
    const status = response.status();
    if ((status >= 300 && status < 400) || status === 204 || status === 304 || response.request().method() === 'HEAD') {
      return { bytes: new Uint8Array(0) }; // no body by definition
    }
    const fromReader = this.bodies?.reader.take(url);
    const declared = Number(response.headers()['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.budget()) {
      this.noteTruncation();
      return { bytes: new Uint8Array(0), truncated: 'length' };
    }
    // Without content encoding, a body shorter than its Content-Length is not the whole body: try the next source.
    const encoded = Boolean(response.headers()['content-encoding']);
    const whole = (x: Uint8Array | undefined): x is Uint8Array => x !== undefined && (encoded || !Number.isFinite(declared) || x.length >= declared);
    let bytes: Uint8Array | undefined = this.bodies?.documents.get(url);
    if (!whole(bytes)) bytes = await fromReader;
    if (!whole(bytes)) bytes = await response.body().catch(() => undefined);
    if (!whole(bytes)) {
      if (declared === 0) return { bytes: new Uint8Array(0) };
      this.unreadableBodies++;
      return { bytes: new Uint8Array(0), truncated: 'unspecified' };
    }
    // From here to the return there is no await: checking the budget and counting the bytes happen together,
    // so bodies arriving at the same time cannot all pass the same check.
    const budget = this.budget();
    if (bytes.length > budget) {
      this.noteTruncation();
      bytes = bytes.subarray(0, budget);
      this.bodyBytes += bytes.length;
      return { bytes, truncated: 'length' };
    }
    this.bodyBytes += bytes.length;
    return { bytes };
  }

  private budget(): number {
    return Math.max(0, Math.min(this.limits.maxResourceBytes, this.limits.maxTotalBytes - this.bodyBytes));
  }

  private noteTruncation(): void {
    this.truncatedCount++;
    this.sizeCapHit = true;
  }

  private noteServer(url: string, addr: { ipAddress: string; port: number } | null, security: Record<string, unknown> | null): void {
    if (!addr) return;
    const origin = new URL(url).origin;
    if (!this.servers.has(origin)) this.servers.set(origin, { origin, ipAddress: addr.ipAddress, port: addr.port, securityDetails: security });
  }
}

/** A counting semaphore: run() waits for a free slot. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(n: number) {
    this.free = n;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

function statusVersion(v: string): string {
  if (/^HTTP\/1\.[01]$/i.test(v)) return v.toUpperCase();
  if (/^h2|HTTP\/2/i.test(v)) return 'HTTP/2';
  if (/^h3|HTTP\/3/i.test(v)) return 'HTTP/3';
  return 'HTTP/1.1';
}

export function responseHeaders(headers: { name: string; value: string }[], bodyLength: number): [string, string][] {
  const out: [string, string][] = [];
  let changed = false;
  for (const { name, value } of headers) {
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    const lower = name.toLowerCase();
    if (RENAMED.has(lower)) {
      if (lower === 'content-length' && Number(value) === bodyLength) { out.push([name, value]); continue; }
      out.push([`X-Guzheng-Orig-${name}`, value]);
      changed = true;
      continue;
    }
    out.push([name, value]);
  }
  if (changed || !out.some(([n]) => n.toLowerCase() === 'content-length')) out.push(['Content-Length', String(bodyLength)]);
  return out;
}

async function requestMessage(r: Request): Promise<HttpMessage> {
  const url = new URL(r.url());
  const raw = await r.headersArray();
  const headers: [string, string][] = [];
  let host = url.host;
  for (const { name, value } of raw) {
    if (name === ':authority') host = value;
    if (name.startsWith(':')) continue;
    headers.push([name, value]);
  }
  if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', host]);
  const body = r.postDataBuffer() ?? new Uint8Array(0);
  return { startLine: `${r.method()} ${url.pathname}${url.search} HTTP/1.1`, headers, body };
}

/** The request as the browser announced it (provisional headers, no waiting). */
function provisionalRequest(r: Request): HttpMessage {
  const url = new URL(r.url());
  const headers: [string, string][] = [['Host', url.host], ...Object.entries(r.headers()).filter(([n]) => !n.startsWith(':') && n.toLowerCase() !== 'host')];
  return { startLine: `${r.method()} ${url.pathname}${url.search} HTTP/1.1`, headers, body: r.postDataBuffer() ?? new Uint8Array(0) };
}
