/**
 * Whether this process is an organisation server's worker, whose every outside connection must pass the egress
 * rules (addresses.ts): the browser's through a SOCKS gate (socks-gate.ts), Node's own (the light checks of watched
 * posts) through a lookup that refuses what the gate refuses and hands the socket the address it checked. The local
 * app and the CLI never set it: a person's own computer may capture their own network.
 */
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { allowed, forbiddenReason, type AllowList } from './addresses.js';

let serverAllow: AllowList | null = null;

export function useEgressRules(allow: AllowList): void {
  serverAllow = allow;
}

export function egressRules(): AllowList | null {
  return serverAllow;
}

/** Why a connection to this host and address is refused, or null. */
export function refusal(allow: AllowList, host: string, port: number, address: string): string | null {
  const why = forbiddenReason(address);
  return why && !allowed(allow, host, port, address) ? why : null;
}

export class EgressRefused extends Error {
  readonly code = 'E_SSRF';
  constructor(host: string, port: number, why: string) {
    super(`refused: ${host}:${port} is an internal or reserved address (${why})`);
  }
}

/** A lookup for sockets to `port` that fails for a refused address: the socket then connects to the address checked. */
export function guardedLookup(allow: AllowList, port: number): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { all: true, verbatim: true, ...(options.family ? { family: options.family } : {}) }, (err, addresses) => {
      if (err) return callback(err);
      const ok = addresses.filter((a) => !refusal(allow, hostname, port, a.address));
      if (!ok.length) {
        const first = addresses[0]?.address ?? '?';
        return callback(new EgressRefused(hostname, port, forbiddenReason(first) ?? 'no address'));
      }
      if (options.all) callback(null, ok);
      else callback(null, ok[0]!.address, ok[0]!.family);
    });
  }) as LookupFunction;
}

/** For a connection to a literal address (no lookup happens): throws when it is refused. */
export function checkLiteral(allow: AllowList, host: string, port: number): void {
  const h = host.replace(/^\[|\]$/g, '');
  if (!isIP(h)) return;
  const why = refusal(allow, h, port, h);
  if (why) throw new EgressRefused(h, port, why);
}
