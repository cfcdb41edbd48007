/** guzheng demo: serve the bundled demo post on 127.0.0.1 and capture it into the data folder. */
import { startDemoServer } from '../demo/server.js';
import { runCapture } from './capture.js';

export async function runDemo(args: string[]): Promise<number> {
  const server = await startDemoServer();
  process.stderr.write(`演示页面 / demo page: ${server.url}\n（这是一个模仿微博诽谤帖的虚构页面 / a fictional imitation of a defamatory Weibo-style post）\n`);
  try {
    return await runCapture([server.url, ...args]);
  } finally {
    await server.close();
  }
}
