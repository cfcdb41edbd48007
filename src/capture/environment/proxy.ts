/** Proxy settings that could stand between the browser and the site: environment, browser flags, the system's. */
import { execFile } from 'node:child_process';
import { measured, type CheckResult } from './check.js';

const ENV_KEYS = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'];

function run(cmd: string, args: string[]): Promise<{ cmd: string; stdout?: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 3000 }, (err, stdout) =>
      resolve(err ? { cmd: [cmd, ...args].join(' '), error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : err.message.split('\n')[0] } : { cmd: [cmd, ...args].join(' '), stdout }));
  });
}

export async function proxySettings(flags: string[], env: NodeJS.ProcessEnv = process.env): Promise<CheckResult<{ environment: Record<string, string>; browserFlags: string[]; system: string; anyProxy: boolean }>> {
  const environment: Record<string, string> = {};
  for (const k of ENV_KEYS) if (env[k]) environment[k] = env[k]!;
  const browserFlags = flags.filter((f) => /^--(proxy-server|proxy-pac-url|proxy-bypass-list|no-proxy-server)/.test(f));
  let raw: { cmd: string; stdout?: string; error?: string }[] = [];
  let system = 'unknown';
  if (process.platform === 'linux') {
    raw = [await run('gsettings', ['get', 'org.gnome.system.proxy', 'mode'])];
    system = raw[0]!.stdout ? `GNOME proxy mode ${raw[0]!.stdout.trim()}` : `no desktop proxy setting readable (gsettings: ${raw[0]!.error})`;
  } else if (process.platform === 'darwin') {
    raw = [await run('scutil', ['--proxy'])];
    system = raw[0]!.stdout ? (/Enable : 1/.test(raw[0]!.stdout) ? 'a system proxy is enabled' : 'no system proxy enabled') : `unreadable: ${raw[0]!.error}`;
  } else if (process.platform === 'win32') {
    raw = [await run('reg', ['query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'])];
    system = raw[0]!.stdout ? (/ProxyEnable\s+REG_DWORD\s+0x1/.test(raw[0]!.stdout) ? 'a system proxy is enabled' : 'no system proxy enabled') : `unreadable: ${raw[0]!.error}`;
  }
  const anyProxy = Object.keys(environment).some((k) => !/no_proxy/i.test(k)) || browserFlags.some((f) => !f.startsWith('--no-proxy')) || /enabled|'manual'|'auto'/.test(system) && !/no system proxy/.test(system);
  return measured('proxy', { environment, browserFlags, system, anyProxy }, raw);
}
