/**
 * Which addresses a capture made by an organisation's server may reach: the public internet only. Refused:
 * loopback, private networks (RFC 1918, IPv6 ULA), link-local (with the cloud metadata services of AWS, Tencent
 * Cloud and others at 169.254.x.x), CGNAT 100.64/10 (with Aliyun's metadata service 100.100.100.200), multicast,
 * and the unspecified, broadcast, documentation and reserved ranges. GUZHENG_SSRF_ALLOW lets an operator open
 * some (tests, internal sites): a comma-separated list of host[:port] or CIDR ranges.
 */
import { BlockList, isIP } from 'node:net';

const FORBIDDEN: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'], ['10.0.0.0', 8, 'ipv4', 'private'], ['100.64.0.0', 10, 'ipv4', 'CGNAT / cloud metadata'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'], ['169.254.0.0', 16, 'ipv4', 'link-local / cloud metadata'], ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'], ['192.0.2.0', 24, 'ipv4', 'documentation'], ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'], ['198.51.100.0', 24, 'ipv4', 'documentation'], ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'], ['240.0.0.0', 4, 'ipv4', 'reserved / broadcast'],
  ['::', 128, 'ipv6', 'unspecified'], ['::1', 128, 'ipv6', 'loopback'], ['fc00::', 7, 'ipv6', 'private (ULA) / cloud metadata'],
  ['fe80::', 10, 'ipv6', 'link-local'], ['ff00::', 8, 'ipv6', 'multicast'], ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['64:ff9b:1::', 48, 'ipv6', 'local NAT64'],
];

const lists = FORBIDDEN.map(([net, bits, type, why]) => {
  const b = new BlockList();
  b.addSubnet(net, bits, type);
  return { b, why };
});

/** Why an address may not be reached, or null when it is public. IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as IPv4. */
export function forbiddenReason(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const type = isIP(ip) === 4 ? 'ipv4' : isIP(ip) === 6 ? 'ipv6' : null;
  if (!type) return 'not an IP address';
  for (const { b, why } of lists) if (b.check(ip, type)) return why;
  return null;
}

export interface AllowList {
  hosts: { host: string; port: number | null }[];
  ranges: BlockList;
  /** As given, for the record. */
  text: string;
}

export function parseAllowList(text: string | undefined): AllowList {
  const ranges = new BlockList();
  const hosts: AllowList['hosts'] = [];
  for (const raw of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const cidr = /^(.+)\/(\d{1,3})$/.exec(raw);
    if (cidr && isIP(cidr[1]!)) {
      ranges.addSubnet(cidr[1]!, Number(cidr[2]), isIP(cidr[1]!) === 4 ? 'ipv4' : 'ipv6');
      continue;
    }
    if (isIP(raw)) {
      ranges.addAddress(raw, isIP(raw) === 4 ? 'ipv4' : 'ipv6');
      continue;
    }
    const m = /^\[?([^\]]+?)\]?(?::(\d{1,5}))?$/.exec(raw);
    if (m) hosts.push({ host: m[1]!.toLowerCase(), port: m[2] ? Number(m[2]) : null });
  }
  return { hosts, ranges, text: text ?? '' };
}

/** True when the operator allowed this host (as asked, with its port) or this address. */
export function allowed(list: AllowList, host: string, port: number, address: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (list.hosts.some((a) => a.host === h && (a.port === null || a.port === port))) return true;
  const ip = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  const type = isIP(ip) === 4 ? 'ipv4' : isIP(ip) === 6 ? 'ipv6' : null;
  return type !== null && list.ranges.check(ip, type);
}
