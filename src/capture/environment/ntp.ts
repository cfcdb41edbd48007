/** Clock offset of this machine against NTP servers (SNTP, RFC 4330), raw packets kept. */
import { createSocket } from 'node:dgram';
import { measured, notMeasured, withTimeout, type CheckResult } from './check.js';

const NTP_EPOCH_OFFSET = 2208988800; // seconds from 1900-01-01 to 1970-01-01

function readTimestamp(buf: Buffer, offset: number): number {
  return (buf.readUInt32BE(offset) - NTP_EPOCH_OFFSET) * 1000 + (buf.readUInt32BE(offset + 4) / 2 ** 32) * 1000;
}

async function queryOne(server: string, timeoutMs: number) {
  const [host, portText] = server.includes(':') ? server.split(':') : [server, '123'];
  const socket = createSocket('udp4');
  try {
    const packet = Buffer.alloc(48);
    packet[0] = 0x23; // LI 0, version 4, mode 3 (client)
    const t0 = Date.now();
    const sec = Math.floor(t0 / 1000) + NTP_EPOCH_OFFSET;
    packet.writeUInt32BE(sec, 40);
    packet.writeUInt32BE(Math.floor(((t0 % 1000) / 1000) * 2 ** 32), 44);
    const reply = await withTimeout(new Promise<Buffer>((resolve, reject) => {
      socket.once('message', (msg) => resolve(msg));
      socket.once('error', reject);
      socket.send(packet, Number(portText), host!, (err) => err && reject(err));
    }), timeoutMs, `NTP ${server}`);
    const t3 = Date.now();
    if (reply.length < 48) throw new Error(`short NTP reply (${reply.length} bytes)`);
    const t1 = readTimestamp(reply, 32);
    const t2 = readTimestamp(reply, 40);
    const offsetMs = ((t1 - t0) + (t2 - t3)) / 2;
    const roundTripMs = (t3 - t0) - (t2 - t1);
    return { server, offsetMs, roundTripMs, stratum: reply[1], t0, t1, t2, t3, replyHex: reply.toString('hex') };
  } finally {
    socket.close();
  }
}

export async function clockOffset(servers: string[], timeoutMs: number): Promise<CheckResult<{ server: string; offsetMs: number; roundTripMs: number }>> {
  if (servers.length === 0) return notMeasured('clock-offset', 'no NTP server configured (GUZHENG_NTP=off)');
  const attempts: unknown[] = [];
  for (const server of servers) {
    try {
      const r = await queryOne(server, timeoutMs);
      attempts.push(r);
      return measured('clock-offset', { server, offsetMs: Math.round(r.offsetMs), roundTripMs: Math.round(r.roundTripMs) }, attempts);
    } catch (err) {
      attempts.push({ server, error: (err as Error).message });
    }
  }
  return notMeasured('clock-offset', `no NTP server answered (${attempts.map((a) => (a as { error: string }).error).join('; ')})`, attempts);
}
