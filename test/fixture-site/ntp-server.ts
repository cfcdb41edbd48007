/** A minimal SNTP server on 127.0.0.1 that answers with a clock set `offsetMs` ahead of this machine's. */
import { createSocket, type Socket } from 'node:dgram';

const NTP_EPOCH_OFFSET = 2208988800;

function writeTs(buf: Buffer, offset: number, ms: number): void {
  buf.writeUInt32BE(Math.floor(ms / 1000) + NTP_EPOCH_OFFSET, offset);
  buf.writeUInt32BE(Math.floor(((ms % 1000) / 1000) * 2 ** 32), offset + 4);
}

export async function startNtpServer(offsetMs: number): Promise<{ address: string; close(): void }> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const now = Date.now() + offsetMs;
    const reply = Buffer.alloc(48);
    reply[0] = 0x24; // LI 0, version 4, mode 4 (server)
    reply[1] = 2; // stratum
    msg.copy(reply, 24, 40, 48); // originate timestamp = client's transmit timestamp
    writeTs(reply, 32, now);
    writeTs(reply, 40, now);
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { address: `127.0.0.1:${socket.address().port}`, close: () => socket.close() };
}
