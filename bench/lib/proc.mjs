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

/** A process and all its live descendants. */
function tree(rootPid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const out = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The PSS (kB) of a process and all its descendants. */
export function treePss(rootPid) {
  let total = 0;
  for (const pid of tree(rootPid)) {
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += m ? Number(m[1]) : 0;
    } catch { /* gone */ }
  }
  return total;
}

/**
 * CPU seconds used so far by a process and its descendants: the live ones' own time and the time of those that
 * ended and were waited for (a browser's renderers, counted in the browser's children time). Take the difference of
 * two readings.
 */
export function treeCpu(rootPid) {
  let ticks = 0;
  for (const pid of tree(rootPid)) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch { /* gone */ }
  }
  return ticks / 100;
}

/** System-wide CPU counters from /proc/stat. */
export function cpuStat() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

/** The share of all cores that was busy since `a`. */
export const cpuSince = (a) => `${(100 * busyShare(a)).toFixed(0)}% of all cores busy`;

/** The share (0–1) of all cores that was busy since `a`. */
export const busyShare = (a) => { const b = cpuStat(); return 1 - (b.idle - a.idle) / (b.total - a.total); };

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
