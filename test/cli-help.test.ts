/**
 * `guzheng <command> --help` (and -h) for every command, `guzheng --version`, and the error for an unknown command:
 * run through the real bin/guzheng.js, as a user would. Help never opens the data folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runGuzheng, tempHome, type RunResult } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** A data folder that must never be created: help and version read nothing and write nothing. */
const HOME = join(tempHome('guzheng-help-'), 'never-created');
const run = (args: string[]) => runGuzheng(args, { GUZHENG_HOME: HOME });

/** Runs several at once (each is a short node process), in batches to spare the shared cores. */
async function runAll(argvs: string[][]): Promise<RunResult[]> {
  const out: RunResult[] = [];
  for (let i = 0; i < argvs.length; i += 4) out.push(...(await Promise.all(argvs.slice(i, i + 4).map(run))));
  return out;
}

/** The commands the overview (`guzheng` alone) lists: "  guzheng <command> …". */
async function listedCommands(): Promise<string[]> {
  const r = await run([]);
  expect(r.code).toBe(2);
  const names = [...r.stdout.matchAll(/^ {2}guzheng ([a-z]+)\b/gm)].map((m) => m[1]!);
  return [...new Set(names)];
}

describe('help for every command', () => {
  it('the overview lists every command, Chinese first, with English', async () => {
    const commands = await listedCommands();
    for (const c of ['capture', 'demo', 'login', 'case', 'show', 'log', 'note', 'check', 'export', 'verify', 'verifier', 'backup', 'scrub', 'seal', 'assess', 'doc', 'law']) {
      expect(commands).toContain(c);
    }
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^固证 guzheng /);
    expect(r.stdout).toContain('用法 / usage');
    expect(r.stdout).toContain('guzheng <命令 command> --help');
  });

  it('guzheng <command> --help (and -h): exit 0, on stdout, naming the command, for every command listed', async () => {
    const commands = await listedCommands();
    // -h on a few only: each run is a node process, and the cores are shared.
    const argvs = [...commands.map((c) => [c, '--help']), ['doc', '-h'], ['case', '-h'], ['scrub', '-h']];
    const results = await runAll(argvs);
    results.forEach((r, i) => {
      const [command, flag] = argvs[i]!;
      const context = `guzheng ${command} ${flag}\n${r.stdout}${r.stderr}`;
      expect(r.code, context).toBe(0);
      expect(r.stderr, context).toBe('');
      expect(r.stdout, context).toMatch(new RegExp(`^固证 guzheng ${command} — `));
      expect(r.stdout, context).toContain(`guzheng ${command}`);
      expect(r.stdout, context).toContain('用法 / usage');
      expect(r.stdout, context).toMatch(/[\u4e00-\u9fff]/);
      expect(r.stdout, context).toMatch(/[a-z]{3,} [a-z]{3,}/);
    });
    expect(existsSync(HOME)).toBe(false);
  });

  it('help after a subcommand or arguments, and guzheng help <command>', async () => {
    const cases: [string[], string][] = [
      [['case', 'new', '--help'], 'guzheng case new'],
      [['case', 'facts', 'x', '-h'], 'guzheng case facts'],
      [['backup', 'add', '--help'], 'guzheng backup add'],
      [['backup', 'run', '-h'], 'guzheng backup run'],
      [['law', 'list', '--help'], 'guzheng law list'],
      [['verify', '--timestamp', 't.tsr', '--help'], 'guzheng verify --timestamp'],
      [['doc', 'civil-complaint', '--help'], 'guzheng doc'],
      [['capture', 'https://example.com/', '--no-video', '--help'], 'guzheng capture'],
      [['help', 'doc'], 'guzheng doc'],
      [['help', 'scrub'], 'guzheng scrub'],
      [['version', '--help'], 'guzheng --version'],
    ];
    const results = await runAll(cases.map(([argv]) => argv));
    results.forEach((r, i) => {
      const context = `guzheng ${cases[i]![0].join(' ')}\n${r.stdout}${r.stderr}`;
      expect(r.code, context).toBe(0);
      expect(r.stderr, context).toBe('');
      expect(r.stdout, context).toContain(cases[i]![1]);
    });
    expect(existsSync(HOME)).toBe(false);
  });
});

describe('version', () => {
  it('guzheng --version, -v and version print the version in package.json', async () => {
    for (const r of await runAll([['--version'], ['-v'], ['version']])) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
      expect(r.stderr).toBe('');
    }
  });
});

describe('unknown commands', () => {
  it('exit 2 with a bilingual error naming the command, and a suggestion for a near miss', async () => {
    const [unknown, typo, help] = await runAll([['frobnicate'], ['captur', 'https://example.com/'], ['help', 'frobnicate']]);
    for (const r of [unknown!, help!]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('[E_USAGE] 未知命令“frobnicate”');
      expect(r.stderr).toContain('[E_USAGE] Unknown command "frobnicate"');
      expect(r.stderr).toContain('guzheng --help');
    }
    expect(typo!.code).toBe(2);
    expect(typo!.stderr).toContain('您是不是要用 guzheng capture');
    expect(typo!.stderr).toContain('did you mean guzheng capture');
  });
});
