/** The fixture site: HTTP and HTTPS (trusted and untrusted certificates) on 127.0.0.1, started inside the test run. */
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handler, type SiteHooks } from './pages.js';
import { makeTestCerts, type TestCert } from './tls.js';

export interface FixtureSite {
  http: string;
  https: string;
  httpsRogue: string;
  httpsPort: number;
  httpsRoguePort: number;
  refusedPort: number;
  trusted: TestCert;
  untrusted: TestCert;
  hooks: SiteHooks;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

export async function startFixtureSite(): Promise<FixtureSite> {
  const hooks: SiteHooks = {};
  const h = handler(hooks);
  const { trusted, untrusted } = makeTestCerts();
  const servers = [createServer(h), createHttpsServer({ key: trusted.key, cert: trusted.cert }, h), createHttpsServer({ key: untrusted.key, cert: untrusted.cert }, h)];
  const [httpPort, httpsPort, roguePort] = await Promise.all(servers.map(listen));
  // A port that was open a moment ago and is closed now: connections to it are refused.
  const closed = createServer();
  const refusedPort = await listen(closed);
  await new Promise((r) => closed.close(r));
  return {
    http: `http://127.0.0.1:${httpPort}`, https: `https://site.guzheng.test:${httpsPort}`, httpsRogue: `https://rogue.guzheng.test:${roguePort}`,
    httpsPort: httpsPort!, httpsRoguePort: roguePort!, refusedPort, trusted, untrusted, hooks,
    close: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

/** Browser flags for the tests: fixture host names go to 127.0.0.1, everything else fails without a DNS query. */
export function fixtureBrowserArgs(site: FixtureSite, extra = ''): string {
  const rules = [`MAP site.guzheng.test 127.0.0.1:${site.httpsPort}`, `MAP rogue.guzheng.test 127.0.0.1:${site.httpsRoguePort}`,
    'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(',');
  return `"--host-resolver-rules=${rules}" --ignore-certificate-errors-spki-list=${site.trusted.spki} ${extra}`.trim();
}
