/** A minimal DNS server on 127.0.0.1 (UDP): A 127.0.0.1 for *.guzheng.test, NXDOMAIN for everything else. */
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

export async function startDnsServer(): Promise<{ address: string; close(): void }> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const q = questionName(msg);
    const ours = q.name.endsWith('.guzheng.test');
    const answer = ours && q.type === 1;
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | (ours ? 0 : 3), 2); // response, recursion available, NOERROR or NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer ? 1 : 0, 6);
    const parts = [header, msg.subarray(12, q.end)];
    if (answer) parts.push(Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]));
    socket.send(Buffer.concat(parts), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { address: `127.0.0.1:${socket.address().port}`, close: () => socket.close() };
}
