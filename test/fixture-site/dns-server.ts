/**
 * A minimal DNS server on 127.0.0.1 (UDP): A 127.0.0.1 for *.guzheng.test; TXT records from `txt` (name → values,
 * each value cut into ≤255-byte strings inside one record, as real zones hold long DKIM keys); NOERROR with no
 * answer for another type at a name it knows; NXDOMAIN for everything else. `queries` lists what was asked.
 */
import { createSocket } from 'node:dgram';

function questionName(msg: Buffer): { name: string; end: number; type: number } {
  const labels: string[] = [];
  let i = 12;
  while (msg[i]) {
    labels.push(msg.subarray(i + 1, i + 1 + msg[i]!).toString('latin1'));
    i += msg[i]! + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 5, type: msg.readUInt16BE(i + 1) };
}

function txtRecord(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const strings: Buffer[] = [];
  for (let o = 0; o < bytes.length || o === 0; o += 255) {
    const chunk = bytes.subarray(o, o + 255);
    strings.push(Buffer.concat([Buffer.from([chunk.length]), chunk]));
    if (bytes.length === 0) break;
  }
  const rdata = Buffer.concat(strings);
  const head = Buffer.from([0xc0, 0x0c, 0, 16, 0, 1, 0, 0, 0, 60, 0, 0]);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

export async function startDnsServer(txt: Map<string, string[]> = new Map()): Promise<{ address: string; queries: { name: string; type: number }[]; close(): void }> {
  const socket = createSocket('udp4');
  const zone = new Map([...txt].map(([k, v]) => [k.toLowerCase().replace(/\.$/, ''), v]));
  const queries: { name: string; type: number }[] = [];
  socket.on('message', (msg, rinfo) => {
    const q = questionName(msg);
    queries.push({ name: q.name, type: q.type });
    const ours = q.name.endsWith('.guzheng.test');
    const known = ours || zone.has(q.name);
    const answers: Buffer[] = [];
    if (ours && q.type === 1) answers.push(Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]));
    if (q.type === 16) for (const v of zone.get(q.name) ?? []) answers.push(txtRecord(v));
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | (known ? 0 : 3), 2); // response, recursion available, NOERROR or NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, msg.subarray(12, q.end), ...answers]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { address: `127.0.0.1:${socket.address().port}`, queries, close: () => socket.close() };
}
