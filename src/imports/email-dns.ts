/**
 * DNS answers as evidence. An e-mail's DKIM and ARC signatures are checked against public keys published in DNS,
 * and keys are rotated and deleted: the answers are recorded at import time (each TXT record as answered, the
 * resolver, the time), and the same check can later be repeated offline from the record (`guzheng verify`).
 * GUZHENG_DNS (ip:port) names the resolver; otherwise the system's.
 */
import { promises as dns } from 'node:dns';

export interface DnsRecord {
  name: string;
  rrtype: string;
  at: string;
  resolver: string;
  /** TXT: one array per record, one string per ≤255-byte part, as the server answered. */
  answer?: unknown;
  /** ENOTFOUND (no such name), ENODATA (no such record), ETIMEOUT… */
  error?: string;
}

export type Resolve = (name: string, rrtype: string) => Promise<unknown>;

export function systemResolver(env: NodeJS.ProcessEnv = process.env): { resolve: Resolve; servers: string[] } {
  const r = new dns.Resolver({ timeout: 3000, tries: 2 });
  if (env.GUZHENG_DNS) r.setServers(env.GUZHENG_DNS.split(',').map((s) => s.trim()).filter(Boolean));
  return { resolve: (name, rrtype) => r.resolve(name, rrtype as 'TXT'), servers: r.getServers() };
}

/** A resolver that asks `real` and keeps every answer and every error, once per name and type. */
export function recordingResolver(log: DnsRecord[], real: Resolve, resolverName: string): Resolve {
  const asked = new Map<string, Promise<unknown>>();
  return (name, rrtype) => {
    const key = `${name.toLowerCase()}|${rrtype}`;
    if (!asked.has(key)) {
      asked.set(key, (async () => {
        const at = new Date().toISOString();
        try {
          const answer = await real(name, rrtype);
          log.push({ name, rrtype, at, resolver: resolverName, answer });
          return answer;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
          log.push({ name, rrtype, at, resolver: resolverName, error: code });
          throw Object.assign(new Error(`${code} ${name}`), { code });
        }
      })());
    }
    return asked.get(key)!.then((a) => structuredClone(a));
  };
}

/** Answers only from a record: a question never recorded is EREPLAYMISS, told apart from a recorded "no such name". */
export function replayResolver(log: DnsRecord[]): Resolve {
  const byKey = new Map(log.map((r) => [`${r.name.toLowerCase()}|${r.rrtype}`, r]));
  return async (name, rrtype) => {
    const r = byKey.get(`${name.toLowerCase()}|${rrtype}`);
    if (!r) throw Object.assign(new Error(`no recorded answer for ${name} ${rrtype}`), { code: 'EREPLAYMISS' });
    if (r.error) throw Object.assign(new Error(r.error), { code: r.error });
    return structuredClone(r.answer);
  };
}
