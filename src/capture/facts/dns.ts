/**
 * DNS answers for the hosts visited, asked at the end of the visit. 'system' asks the machine's resolver
 * (which also reads the hosts file) and its DNS servers; GUZHENG_DNS=ip:port asks that server only.
 */
import { Resolver, promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';
import { withTimeout } from '../environment/check.js';

export interface DnsAnswer {
  host: string;
  server: string;
  lookup?: { address: string; family: number }[] | { error: string };
  a?: string[] | { error: string };
  aaaa?: string[] | { error: string };
}

async function attempt<T>(p: Promise<T>, ms: number, what: string): Promise<T | { error: string }> {
  try {
    return await withTimeout(p, ms, what);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { error: e.code ? `${e.code}` : e.message };
  }
}

export async function dnsAnswers(hosts: string[], server: string, timeoutMs: number): Promise<DnsAnswer[]> {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (server !== 'system') resolver.setServers([server]);
  const names = hosts.filter((h) => !isIP(h.replace(/^\[|\]$/g, '')));
  return Promise.all(names.map(async (host) => {
    const answer: DnsAnswer = { host, server: server === 'system' ? `system (${resolver.getServers().join(', ') || 'none'})` : server };
    const jobs: Promise<unknown>[] = [
      attempt(new Promise<string[]>((res, rej) => resolver.resolve4(host, (e, a) => (e ? rej(e) : res(a)))), timeoutMs, 'A').then((v) => (answer.a = v)),
      attempt(new Promise<string[]>((res, rej) => resolver.resolve6(host, (e, a) => (e ? rej(e) : res(a)))), timeoutMs, 'AAAA').then((v) => (answer.aaaa = v)),
    ];
    if (server === 'system') jobs.push(attempt(dnsPromises.lookup(host, { all: true }), timeoutMs, 'lookup').then((v) => (answer.lookup = v)));
    await Promise.all(jobs);
    return answer;
  }));
}
