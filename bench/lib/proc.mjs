/** What every benchmark here needs: run a command and time it, the peak memory of its whole process tree, system-wide CPU. */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Runs a command; returns wall seconds, its exit code and, when sampling, the peak PSS (MB) of its whole process tree. */
export function run(cmd, args, { env = process.env, sampleMemory = false, okCodes = [0, 3] } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const timer = sampleMemory ? setInterval(() => { peak = Math.max(peak, treePss(child.pid)); }, 100) : null;
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (!okCodes.includes(code)) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-500)}`));
      resolve({ seconds, peakMb: peak / 1024, code, stdout });
    });
  });
}

/** The PSS (kB) of a process and all its descendants. */
export function treePss(rootPid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += m ? Number(m[1]) : 0;
    } catch { /* gone */ }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** System-wide CPU counters from /proc/stat. */
export function cpuStat() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

/** The share of all cores that was busy since `a`. */
export const cpuSince = (a) => { const b = cpuStat(); return `${(100 * (1 - (b.idle - a.idle) / (b.total - a.total))).toFixed(0)}% of all cores busy`; };

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
