/**
 * The egress gate of the organisation server's captures: which addresses are refused, the operator's allow-list,
 * and the SOCKS5 gate itself — it connects to the address it checked, never to one looked up again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect, type Server } from 'node:net';
import { allowed, forbiddenReason, parseAllowList } from '../src/capture/egress/addresses.js';
import { SocksGate } from '../src/capture/egress/socks-gate.js';

describe('addresses', () => {
  it('refuses loopback, private, link-local and metadata, CGNAT (Aliyun metadata), multicast, reserved; IPv4-mapped IPv6 too', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '100.64.0.1',
      '224.0.0.1', '0.0.0.0', '255.255.255.255', '::1', 'fd00:ec2::254', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(forbiddenReason(a), a).not.toBeNull();
    }
    expect(forbiddenReason('169.254.169.254')).toContain('metadata');
    expect(forbiddenReason('100.100.100.200')).toContain('metadata');
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(forbiddenReason(a), a).toBeNull();
  });

  it('the allow-list takes host[:port] and CIDR ranges', () => {
    const list = parseAllowList('intranet.example:8443, 127.0.0.1:9000, 10.20.0.0/16 , fd12::/16');
    expect(allowed(list, 'intranet.example', 8443, '10.9.9.9')).toBe(true);
    expect(allowed(list, 'intranet.example', 443, '10.9.9.9')).toBe(false);
    expect(allowed(list, '127.0.0.1', 9000, '127.0.0.1')).toBe(true);
    expect(allowed(list, '127.0.0.1', 9001, '127.0.0.1')).toBe(false);
    expect(allowed(list, 'anything', 80, '10.20.3.4')).toBe(true);
    expect(allowed(list, 'anything', 80, '10.21.3.4')).toBe(false);
    expect(allowed(list, 'x', 80, 'fd12::5')).toBe(true);
    expect(allowed(parseAllowList(undefined), 'localhost', 80, '127.0.0.1')).toBe(false);
  });
});

/** A SOCKS5 CONNECT by name, as Chromium makes it; resolves with the reply code and the socket. */
function socksConnect(port: number, host: string, target: number): Promise<{ code: number; socket: import('node:net').Socket }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let stage = 0;
    s.on('error', reject);
    s.on('data', (d) => {
      if (stage === 0) {
        stage = 1;
        const name = Buffer.from(host);
        const req = Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, Buffer.from([target >> 8, target & 0xff])]);
        s.write(req);
      } else if (stage === 1) {
        stage = 2;
        resolve({ code: d[1]!, socket: s });
      }
    });
    s.write(Buffer.from([5, 1, 0]));
  });
}

describe('the SOCKS5 gate', () => {
  let inside: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    inside = createServer((c) => {
      hits++;
      c.end('secret');
    });
    await new Promise<void>((r) => inside.listen(0, '127.0.0.1', r));
    port = (inside.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => inside.close(() => r())));

  it('refuses a name that resolves to an internal address, and lists the refusal; the server is never reached', async () => {
    const gate = new SocksGate(parseAllowList(''), async () => ['127.0.0.1']);
    await gate.start();
    const r = await socksConnect(gate.port, 'rebind.example', port);
    expect(r.code).toBe(2);
    r.socket.destroy();
    expect(hits).toBe(0);
    expect(gate.take()).toEqual([expect.objectContaining({ host: 'rebind.example', port, address: '127.0.0.1', reason: expect.stringContaining('loopback') })]);
    await gate.stop();
  });

  it('DNS rebinding: the gate connects to the very address it checked, and each lookup is judged anew', async () => {
    // The name answers a public address first (allowed here as if it were the site), then loopback.
    const answers = [['127.0.0.1'], ['127.0.0.2']];
    const gate = new SocksGate(parseAllowList('127.0.0.1/32'), async () => answers.shift() ?? ['127.0.0.2']);
    await gate.start();
    const ok = await socksConnect(gate.port, 'site.example', port);
    expect(ok.code).toBe(0);
    const body = await new Promise<string>((r) => { let b = ''; ok.socket.on('data', (d) => (b += d)); ok.socket.on('close', () => r(b)); });
    expect(body).toBe('secret');
    expect(gate.addressOf(`http://site.example:${port}/`)).toEqual({ ipAddress: '127.0.0.1', port });
    const second = await socksConnect(gate.port, 'site.example', port);
    expect(second.code).toBe(2);
    second.socket.destroy();
    expect(hits).toBe(1);
    await gate.stop();
  });
});
