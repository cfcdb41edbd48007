/** How the CLI speaks: Chinese first, English beside it; one JSON object per line with --json. */
import type { CaptureOutcome } from '../capture/session.js';
import { parseArgs } from 'node:util';
import { GuzhengError } from '../errors.js';
import { allOk } from '../seal/check.js';
import type { ReportCheck } from '../seal/verify-item.js';

export function captureJson(o: CaptureOutcome) {
  const m = o.manifest;
  return {
    status: m.status, url: m.url, finalUrl: m.finalUrl, dir: o.dir, startedAt: m.startedAt.utc, endedAt: m.endedAt.utc,
    files: m.files.map(({ role, path, mediaType, size, sha256, sm3 }) => ({ role, path, mediaType, size, sha256, sm3 })),
    reasons: m.reasons, warnings: m.warnings, error: m.error,
    seal: o.seal?.state ?? null,
    item: o.item,
    case: o.case,
  };
}

const STATUS_ZH = { COMPLETE: '完成', PARTIAL: '部分完成', FAILED: '失败' } as const;

export function captureHuman(o: CaptureOutcome): string {
  const m = o.manifest;
  const lines = [`${m.status === 'COMPLETE' ? '✔' : m.status === 'PARTIAL' ? '◐' : '✘'} ${STATUS_ZH[m.status]} / ${m.status}  ${m.url}`];
  if (m.finalUrl && m.finalUrl !== m.url) lines.push(`  最终网址 / final URL: ${m.finalUrl}`);
  lines.push(`  文件夹 / folder: ${o.dir}`);
  if (o.item) lines.push(`  证据编号 / item: ${o.item}（案件 / case ${o.case}）`);
  if (m.files.length) lines.push(`  文件 / files: ${m.files.length}（${m.files.map((f) => f.role).filter((r, i, a) => a.indexOf(r) === i).join(', ')}）`);
  if (o.seal?.state === 'timestamped') lines.push(`  封存 / seal: 已签名并加盖 ${o.seal.timestamps.length} 个可信时间戳 / signed, ${o.seal.timestamps.length} trusted timestamp(s)`);
  else if (o.seal?.state === 'awaiting-timestamp') lines.push('  封存 / seal: 已签名，等待可信时间戳（没有连上时间戳服务）/ signed, AWAITING a trusted timestamp (no TSA reachable)');
  else if (o.seal?.state === 'unsealed') lines.push(`  封存失败 / NOT sealed: ${o.seal.error}`);
  if (m.error) lines.push(`  错误 / error [${m.error.code}]: ${m.error.zh}`, `    ${m.error.en}${m.error.detail ? ` (${m.error.detail})` : ''}`);
  for (const r of m.reasons) lines.push(`  原因 / reason [${r.code}]: ${r.zh}`, `    ${r.en}${r.detail ? ` (${r.detail})` : ''}`);
  for (const w of m.warnings) lines.push(`  注意 / note [${w.code}]: ${w.zh}`, `    ${w.en}`);
  return lines.join('\n');
}

export function printError(err: GuzhengError, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify({ error: err.toJSON() }) + '\n');
  process.stderr.write(`${err.bilingual()}\n`);
}

/** 0 every capture COMPLETE, 3 any PARTIAL, 1 any FAILED. */
export function exitCodeFor(outcomes: CaptureOutcome[]): number {
  if (outcomes.some((o) => o.manifest.status === 'FAILED')) return 1;
  if (outcomes.some((o) => o.manifest.status === 'PARTIAL')) return 3;
  return 0;
}

/** Colour when writing to a terminal, or when FORCE_COLOR asks for it; never when NO_COLOR is set. */
export function colourOn(): boolean {
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(process.stdout.isTTY);
}

export const GREEN = '\x1b[32m';
export const AMBER = '\x1b[33m';
export const RED = '\x1b[31m';
export const BOLD = '\x1b[1m';
export const RESET = '\x1b[0m';

/**
 * A verification report: {"valid","checks":[{name,ok,detail,zh,warning?}]} with --json, else one line per check:
 * ✔ passed, ✘ failed, ⚠ (amber on a terminal) a warning — something to look at that does not fail the check.
 */
export function printChecks(checks: ReportCheck[], json: boolean, title: { zh: string; en: string }, extra: Record<string, unknown> = {}): boolean {
  const valid = allOk(checks);
  if (json) {
    process.stdout.write(JSON.stringify({ valid, checks: checks.map(({ name, ok, detail, zh, warning }) => ({ name, ok, detail, zh, ...(warning ? { warning } : {}) })), ...extra }) + '\n');
  } else {
    const amber = colourOn() ? (s: string) => `${AMBER}${s}${RESET}` : (s: string) => s;
    process.stdout.write(`${valid ? '✔' : '✘'} ${title.zh}${valid ? '：全部通过' : '：未通过'} / ${title.en}: ${valid ? 'VALID' : 'NOT VALID'}\n`);
    for (const c of checks) {
      const paint = c.warning ? amber : (s: string) => s;
      process.stdout.write(`  ${paint(`${c.warning ? '⚠' : c.ok ? '✔' : '✘'} ${c.name}: ${c.zh}`)}\n      ${paint(c.detail)}\n`);
    }
  }
  return valid;
}

type OptionsConfig = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** Parses a command's options, turning parse errors into a usage error with the command's help. */
export function parseCommandArgs<O extends OptionsConfig>(args: string[], options: O, help: string) {
  try {
    return parseArgs<{ args: string[]; allowPositionals: true; options: O }>({ args, allowPositionals: true, options });
  } catch (err) {
    throw new GuzhengError('E_USAGE', `参数错误：${(err as Error).message}`, `Bad arguments: ${(err as Error).message}`, help);
  }
}

/** Opens the vault in the data folder for a command, and closes it after. */
export async function withVault<T>(fn: (vault: import('../vault/vault.js').Vault) => Promise<T>): Promise<T> {
  const [{ Vault }, { dataHome, vaultOptions }] = await Promise.all([import('../vault/vault.js'), import('../vault/home.js')]);
  const vault = await Vault.open(dataHome(), vaultOptions());
  try {
    return await fn(vault);
  } finally {
    await vault.close();
  }
}
