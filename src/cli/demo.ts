/**
 * guzheng demo [capture options]: serve the bundled demo post on 127.0.0.1 and capture it into the data folder.
 * guzheng demo --serve: only serve it (to look at it in a browser), until interrupted.
 */
import { startDemoServer } from '../demo/server.js';
import { runCapture } from './capture.js';

export const DEMO_HELP = `用法 / usage: guzheng demo [取证选项 capture options]
       guzheng demo --serve
  在本机启动内置的演示页面（一个模仿微博诽谤帖的虚构页面），并像 guzheng capture 一样对它取证、存入证据库。
  Serves the bundled demo page (a fictional imitation of a defamatory Weibo-style post) on 127.0.0.1 and captures it
  into the vault, as guzheng capture would. Takes the options of guzheng capture (--case, --out, --no-video, --json…).
  --serve   只启动演示页面并打印其网址，用浏览器查看；按 Ctrl+C 结束 / only serve the page and print its URL; Ctrl+C stops it`;

export async function runDemo(args: string[]): Promise<number> {
  const server = await startDemoServer();
  if (args.includes('--serve')) {
    process.stdout.write(`${server.url}\n`);
    process.stderr.write('演示页面已启动，按 Ctrl+C 结束 / the demo page is being served; press Ctrl+C to stop\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  }
  process.stderr.write(`演示页面 / demo page: ${server.url}\n（这是一个模仿微博诽谤帖的虚构页面 / a fictional imitation of a defamatory Weibo-style post）\n`);
  try {
    const code = await runCapture([server.url, ...args]);
    if (!args.includes('--json') && !args.includes('--out')) {
      process.stderr.write('\n下一步 / next:\n  guzheng case list                                  查看案件 / list cases\n' +
        '  guzheng export <证据或案件 item|case> --out demo.wacz   导出证据包 / export a package\n  guzheng verify demo.wacz                           离线核对 / verify it offline\n' +
        '  guzheng assess <案件 case>                          可走的法律途径和期限 / the routes open and their deadlines\n' +
        '  guzheng doc evidence-list <案件 case> --out 证据目录.docx   生成证据目录等文书 / write the evidence list and other documents\n');
    }
    return code;
  } finally {
    await server.close();
  }
}
