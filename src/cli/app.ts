/** guzheng app [--port N] [--no-open]: the local web app on 127.0.0.1; its address (with the launch token) on the first line. */
import { spawn } from 'node:child_process';
import { GuzhengError } from '../errors.js';
import { dataHome } from '../vault/home.js';
import { parseCommandArgs } from './output.js';

export const APP_HELP = `用法 / usage: guzheng app [--port N] [--no-open]
  在本机启动固证应用（只监听 127.0.0.1），第一行输出其网址（含一次性令牌），有图形界面时自动打开浏览器。按 Ctrl+C 结束。
  Starts the guzheng app on this machine (127.0.0.1 only), prints its address (with the launch token) on the first
  line and opens your browser when there is a display. Ctrl+C stops it.
  --port N     使用端口 N（默认：任一空闲端口）/ listen on port N (default: any free port)
  --no-open    不自动打开浏览器 / do not open the browser`;

/** Opens the user's browser on the address, where there is a display; never fails the app. */
function openBrowser(url: string): void {
  const linuxDisplay = process.platform === 'linux' && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : linuxDisplay ? ['xdg-open', [url]] : [null, []];
  if (!cmd) return;
  try {
    spawn(cmd, args as string[], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // No browser opener: the printed address is enough.
  }
}

export async function runApp(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, APP_HELP);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GuzhengError('E_USAGE', `--port 应为 0 到 65535 的整数：${values.port}`, `--port must be a whole number from 0 to 65535: ${values.port}`, APP_HELP);
  const { startApp } = await import('../app/server.js');
  const app = await startApp({ home: dataHome(), port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new GuzhengError('E_USAGE', `端口 ${port} 已被占用，请换一个端口或不加 --port`, `Port ${port} is in use: pick another or leave out --port`);
    throw err;
  });
  process.stdout.write(`${app.openUrl}\n`);
  process.stderr.write(`固证已启动，请在浏览器中打开上面的网址（只有这台电脑能访问）。按 Ctrl+C 结束。\n` +
    `guzheng is running: open the address above in your browser (only this computer can reach it). Press Ctrl+C to stop.\n`);
  for (const r of app.interrupted) {
    process.stderr.write(`注意：${r.started_at} 开始的取证（${r.url}）被中断，没有完成，已标为“被中断”。/ Note: the capture of ${r.url} started ${r.started_at} was interrupted and is marked so.\n`);
  }
  if (!values['no-open']) openBrowser(app.openUrl);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('正在关闭… / stopping…\n');
  // A capture still running is left as it is: on the next start it is marked interrupted, never shown as complete.
  await Promise.race([app.app.close(), new Promise((r) => setTimeout(r, 2000))]);
  return 0;
}
