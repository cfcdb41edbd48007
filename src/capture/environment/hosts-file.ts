/** Lines of the hosts file that touch the visited hosts (a hosts entry can send a name to another server). */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { measured, notMeasured, type CheckResult } from './check.js';

export function hostsFilePath(): string {
  return process.platform === 'win32' ? `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\drivers\\etc\\hosts` : '/etc/hosts';
}

export async function hostsFileLines(hosts: string[], path = hostsFilePath()): Promise<CheckResult<{ path: string; sha256: string; matchingLines: string[] }>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return notMeasured('hosts-file', `cannot read ${path}: ${(err as Error).message}`);
  }
  const wanted = new Set(hosts.map((h) => h.toLowerCase()));
  const matchingLines = text.split(/\r?\n/).filter((line) => {
    const content = line.replace(/#.*/, '').trim();
    if (!content) return false;
    const [, ...names] = content.split(/\s+/);
    return names.some((n) => wanted.has(n.toLowerCase()));
  });
  return measured('hosts-file', { path, sha256: createHash('sha256').update(text).digest('hex'), matchingLines }, text);
}
