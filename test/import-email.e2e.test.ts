/**
 * guzheng import, e-mail: the real messages in ../shared/fixtures/eml (as they are), DKIM and ARC checked against a
 * real DNS server on 127.0.0.1 that serves the fixtures' own key records, the answers recorded as evidence, and the
 * check repeated offline by `guzheng verify` from the record after the server is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileHashes, runGuzheng, tempHome } from './helpers.js';
import { startDnsServer } from './fixture-site/dns-server.js';
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';

const EML = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'eml', 'split');
const sample = (n: string) => join(EML, `stalwart-mail-auth_${n}.eml`);

/** The fixtures' key records (`<name>\tTXT\t<value>` per line), as one zone. */
function zone(): Map<string, string[]> {
  const z = new Map<string, string[]>();
  for (const n of ['dkim_001', 'dkim_002', 'dkim_003', 'arc_001']) {
    for (const line of readFileSync(join(EML, `stalwart-mail-auth_${n}.dns.txt`), 'utf8').split('\n').filter(Boolean)) {
      const [name, , value] = line.split('\t');
      const list = z.get(name!.toLowerCase()) ?? [];
      if (!list.includes(value!)) list.push(value!);
      z.set(name!.toLowerCase(), list);
    }
  }
  return z;
}

// A key of our own (SYNTHETIC), published in the test zone, to sign a message whose signature has expired (x=).
const own = generateKeyPairSync('rsa', { modulusLength: 2048 });
const OWN_TXT = `v=DKIM1; k=rsa; p=${own.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

let dns: Awaited<ReturnType<typeof startDnsServer>>;
const work = mkdtempSync(join(tmpdir(), 'guzheng-email-'));
const home = tempHome();
let env: Record<string, string>;

beforeAll(async () => {
  dns = await startDnsServer(new Map([...zone(), ['expired2024._domainkey.example.test', [OWN_TXT]]]));
  env = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_HOME: home, GUZHENG_TSA: 'off', GUZHENG_DNS: dns.address };
});
let closed = false;
afterAll(() => { if (!closed) dns.close(); });

const dkim = (o: any, domain: string) => o.summary.signatures.filter((s: any) => s.domain === domain).map((s: any) => s.result);

describe('guzheng import: e-mail', () => {
  let ietf: any;

  it('imports a real IETF list message: headers, body, both DKIM signatures pass, the key record kept as evidence', async () => {
    const r = await runGuzheng(['import', sample('dkim_003'), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    ietf = r.json[0];
    expect(ietf).toMatchObject({ kind: 'email', format: 'eml', status: 'COMPLETE' });
    expect(dkim(ietf, 'ietf.org')).toEqual(['pass', 'pass']);
    expect(ietf.summary.from[0].address).toMatch(/@/);
    expect(ietf.summary.date.utc).toMatch(/^2022-11-0\dT/);
    expect(ietf.files.find((f: any) => f.role === 'original').sha256).toBe(fileHashes(sample('dkim_003')).sha256);
    const record = JSON.parse(readFileSync(join(ietf.dir, 'dns.json'), 'utf8'));
    const key = record.records.find((x: any) => x.name === 'ietf1._domainkey.ietf.org');
    expect(key.rrtype).toBe('TXT');
    expect(key.answer.flat().join('')).toContain('k=rsa; p=MIGfMA0G');
    expect(record.resolver).toEqual([dns.address]);
    expect(readFileSync(join(ietf.dir, 'body.txt'), 'utf8').length).toBeGreaterThan(50);
  });

  it('checks an RFC 8463 message with ed25519 and rsa signatures (both pass)', async () => {
    const r = await runGuzheng(['import', sample('dkim_001'), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(dkim(r.json[0], 'football.example.com')).toEqual(['pass', 'pass']);
  });

  it('reports a list-modified author signature as not passing, records the key fetched ahead, and checks the Gmail ARC chain', async () => {
    const r = await runGuzheng(['import', sample('arc_001'), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = r.json[0];
    expect(dkim(o, 'ietf.org')).toEqual(['pass', 'pass']);
    expect(dkim(o, 'stalw.art')).toEqual(['neutral']);
    expect(o.checks.find((c: any) => c.id.startsWith('dkim.stalw.art')).en).toContain('body hash did not verify');
    expect(o.summary.arc).toEqual({ result: 'pass', instance: 1 });
    // The author's key is recorded although the body hash failed (mailauth alone would not have asked for it).
    const record = JSON.parse(readFileSync(join(o.dir, 'dns.json'), 'utf8'));
    expect(record.records.map((x: any) => x.name)).toContain('velikisrpan22._domainkey.stalw.art');
  });

  it('says "key not found at import — cannot be verified" when DNS has no key, and flags a changed header as fail', async () => {
    const noKey = join(work, 'no-key.eml');
    writeFileSync(noKey, readFileSync(sample('dkim_003'), 'latin1').replace(/s=ietf1;/, 's=gone2021;'), 'latin1');
    const r = await runGuzheng(['import', noKey, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json[0].summary.signatures.map((s: any) => s.result)).toContain('key-not-found');
    expect(r.json[0].checks.find((c: any) => c.evidence?.result === 'key-not-found').en).toContain('key not found at import — cannot be verified');

    const edited = join(work, 'edited-subject.eml');
    writeFileSync(edited, readFileSync(sample('dkim_003'), 'latin1').replace(/^Subject: (.*)$/m, 'Subject: [edited] $1'), 'latin1');
    const e = await runGuzheng(['import', edited, '--json'], env);
    expect(dkim(e.json[0], 'ietf.org')).toEqual(['fail', 'fail']);
  });

  it('reports a signature whose x= has passed as expired (a message signed here with its own key, SYNTHETIC)', async () => {
    const { dkimSign } = createRequire(import.meta.url)('mailauth/lib/dkim/sign.js');
    const message = 'From: 张三 <zhangsan@example.test>\r\nTo: lisi@example.test\r\nSubject: expiring\r\nDate: Fri, 1 Mar 2024 09:00:00 +0800\r\n\r\nhello\r\n';
    const signed = await dkimSign(message, { signatureData: [{ signingDomain: 'example.test', selector: 'expired2024', privateKey: own.privateKey.export({ type: 'pkcs8', format: 'pem' }) }],
      signTime: new Date('2024-03-01T01:00:00Z'), expires: new Date('2024-03-02T01:00:00Z') });
    const file = join(work, 'expired.eml');
    writeFileSync(file, signed.signatures + message);
    const r = await runGuzheng(['import', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json[0].summary.signatures).toEqual([{ domain: 'example.test', selector: 'expired2024', result: 'neutral', expired: true }]);
    expect(r.json[0].checks.find((c: any) => c.evidence?.expired).en).toContain('the signature has expired (x=)');
  });

  it('flags a second From header (a forgery) and says when a message carries no signature', async () => {
    const twoFrom = join(work, 'two-from.eml');
    writeFileSync(twoFrom, 'From: 张三 <zhangsan@example.test>\r\nFrom: boss@bank.example\r\nTo: lisi@example.test\r\nSubject: test\r\nDate: Tue, 5 Mar 2024 09:15:00 +0800\r\n\r\nhello\r\n');
    const r = await runGuzheng(['import', twoFrom, '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json[0].checks.find((c: any) => c.id === 'header.from-repeated')).toMatchObject({ result: 'flag' });
    expect(r.json[0].checks.map((c: any) => c.id)).toContain('dkim.none');
    expect(r.json[0].summary.date.utc).toBe('2024-03-05T01:15:00.000Z');
  });

  it('an mbox: each message cut out at its postmark line, ">From " unescaped, each checked on its own (SYNTHETIC mbox of a real message and a made-up one)', async () => {
    const real = readFileSync(sample('dkim_003'));
    const made = Buffer.from('From: 李四 <lisi@example.test>\r\nTo: zhangsan@example.test\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\nDate: Tue, 5 Mar 2024 09:15:00 +0800\r\n\r\n第一行\r\n>From the start it was false.\r\n');
    const mbox = join(work, 'mail.mbox');
    writeFileSync(mbox, Buffer.concat([Buffer.from('From emailcore-bounces@ietf.org Fri Nov  4 13:02:25 2022\n'), real, Buffer.from('\nFrom lisi@example.test Tue Mar  5 09:15:00 2024\n'), made, Buffer.from('\n')]));
    const r = await runGuzheng(['import', mbox, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = r.json[0];
    expect(o).toMatchObject({ kind: 'email', format: 'mbox', summary: { messages: 2, unescape: 'mboxrd' } });
    expect(o.summary.list[0].signatures.map((x: any) => x.result)).toEqual(['pass', 'pass']);
    expect(o.summary.list[1]).toMatchObject({ subject: '你好', signatures: [] });
    expect(readFileSync(join(o.dir, 'messages/0001/message.eml')).equals(real)).toBe(true);
    expect(readFileSync(join(o.dir, 'messages/0002/message.eml'), 'utf8')).toContain('\r\nFrom the start it was false.');
  });

  it('an Outlook .msg that cannot be read whole is kept as it is, PARTIAL, saying why (SYNTHETIC: an OLE2 header and a property name only)', async () => {
    const msg = join(work, 'broken.msg');
    writeFileSync(msg, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from('__substg1.0_0037001F', 'utf16le'), Buffer.alloc(1024)]));
    const r = await runGuzheng(['import', msg, '--json'], env);
    expect(r.code).toBe(3);
    expect(r.json[0]).toMatchObject({ kind: 'email', format: 'msg', status: 'PARTIAL' });
    expect(r.json[0].reasons.map((x: any) => x.code)).toContain('E_MIME');
    expect(r.json[0].checks.find((c: any) => c.id === 'dkim.msg').en).toContain('DKIM cannot be checked from an Outlook .msg');
  });

  it('verify repeats the DKIM check offline from the recorded DNS answers, with the DNS server gone', async () => {
    dns.close();
    closed = true;
    const pkg = join(work, 'mail.wacz');
    expect((await runGuzheng(['export', ietf.item, '--out', pkg], env)).code).toBe(0);
    const v = await runGuzheng(['verify', pkg, '--json'], { ...env, GUZHENG_DNS: '127.0.0.1:9' });
    expect(v.code, v.stdout).toBe(0);
    const line = v.json[0].checks.find((c: any) => /dkim/i.test(c.name));
    expect(line).toMatchObject({ ok: true });
    expect(line.detail).toMatch(/2 .*pass/);
  });
});
