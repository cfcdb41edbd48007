/**
 * The egress gate of a capture made by an organisation's server: a SOCKS5 proxy on 127.0.0.1 that the browser (and
 * yt-dlp) must use for every connection. It resolves each name itself, refuses every address addresses.ts forbids,
 * and connects to the very address it checked — so a name that answers one address to a check and another to the
 * browser (DNS rebinding) gets nowhere. It remembers what each host:port was connected to (the evidence's server
 * addresses) and every refusal (listed in the capture).
 */
import { lookup } from 'node:dns/promises';
import { createServer, connect, isIP, type Server, type Socket } from 'node:net';
import { allowed, forbiddenReason, type AllowList } from './addresses.js';

export interface Refusal { at: string; host: string; port: number; address: string | null; reason: string }

export class SocksGate {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** host:port → the address connected to, most recent. */
  readonly connected = new Map<string, string>();
  private refusals: Refusal[] = [];
  port = 0;

  constructor(private readonly allow: AllowList, private readonly resolve: (host: string) => Promise<string[]> = async (h) => (await lookup(h, { all: true, verbatim: true })).map((a) => a.address)) {}

  async start(): Promise<number> {
    this.server = createServer((s) => this.accept(s));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The refusals since the last call. */
  take(): Refusal[] {
    const r = this.refusals;
    this.refusals = [];
    return r;
  }

  /** The refusal of a host (and port) not yet taken, if any: why the page itself could not be reached. */
  refusalOf(host: string, port: number): Refusal | undefined {
    const h = host.replace(/^\[|\]$/g, '').toLowerCase();
    return this.refusals.find((r) => r.host.toLowerCase() === h && r.port === port);
  }

  /** The address the gate connected to for a URL's host and port, when it did. */
  addressOf(url: string): { ipAddress: string; port: number } | null {
    try {
      const u = new URL(url);
      const port = Number(u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80));
      const ip = this.connected.get(`${u.hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`);
      return ip ? { ipAddress: ip, port } : null;
    } catch {
      return null;
    }
  }

  private refuse(host: string, port: number, address: string | null, reason: string): void {
    this.refusals.push({ at: new Date().toISOString(), host, port, address, reason });
  }

  /** Chooses the first address of the host that may be reached, or null (each refusal noted). */
  private async choose(host: string, port: number): Promise<string | null> {
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await this.resolve(host);
    } catch (err) {
      this.refuse(host, port, null, `DNS: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return null;
    }
    const reasons: string[] = [];
    for (const a of addresses) {
      const why = forbiddenReason(a);
      if (!why || allowed(this.allow, host, port, a)) return a;
      reasons.push(`${a} (${why})`);
    }
    this.refuse(host, port, addresses[0] ?? null, reasons.join('; ') || 'no address');
    return null;
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    let buf = Buffer.alloc(0);
    let stage: 'greeting' | 'request' | 'open' = 'greeting';
    const onData = async (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (stage === 'greeting') {
        if (buf.length < 2 || buf.length < 2 + buf[1]!) return;
        if (buf[0] !== 5) return client.destroy();
        buf = buf.subarray(2 + buf[1]!);
        client.write(Buffer.from([5, 0])); // no authentication
        stage = 'request';
      }
      if (stage === 'request') {
        const parsed = parseRequest(buf);
        if (!parsed) return;
        client.off('data', onData);
        stage = 'open';
        const rest = buf.subarray(parsed.length);
        if (parsed.cmd !== 1) return void client.end(reply(7));
        const address = await this.choose(parsed.host, parsed.port);
        if (!address) return void client.end(reply(2)); // connection not allowed by ruleset
        const upstream = connect({ host: address, port: parsed.port });
        this.sockets.add(upstream);
        upstream.once('connect', () => {
          this.connected.set(`${parsed.host.toLowerCase()}:${parsed.port}`, address);
          client.write(reply(0));
          if (rest.length) upstream.write(rest);
          client.pipe(upstream);
          upstream.pipe(client);
        });
        upstream.on('error', () => {
          if (!client.destroyed) client.end(reply(5));
          upstream.destroy();
        });
        upstream.on('close', () => {
          this.sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
      }
    };
    client.on('data', (c) => void onData(c));
  }
}

function parseRequest(b: Buffer): { cmd: number; host: string; port: number; length: number } | null {
  if (b.length < 5) return null;
  const cmd = b[1]!;
  const type = b[3]!;
  if (type === 1) {
    if (b.length < 10) return null;
    return { cmd, host: `${b[4]}.${b[5]}.${b[6]}.${b[7]}`, port: b.readUInt16BE(8), length: 10 };
  }
  if (type === 3) {
    const n = b[4]!;
    if (b.length < 5 + n + 2) return null;
    return { cmd, host: b.subarray(5, 5 + n).toString('latin1'), port: b.readUInt16BE(5 + n), length: 7 + n };
  }
  if (type === 4) {
    if (b.length < 22) return null;
    const parts: string[] = [];
    for (let i = 0; i < 16; i += 2) parts.push(b.readUInt16BE(4 + i).toString(16));
    return { cmd, host: parts.join(':'), port: b.readUInt16BE(20), length: 22 };
  }
  return { cmd: 0, host: '', port: 0, length: b.length };
}

function reply(code: number): Buffer {
  return Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
}
