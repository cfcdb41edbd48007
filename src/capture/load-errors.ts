/** What a failed navigation means, in words a user understands (Chromium's net::ERR_* codes). */
import { FatalVisitError } from './steps.js';

export function classifyLoadError(err: unknown, url: URL, timeoutMs: number): FatalVisitError {
  const message = (err as Error).message ?? String(err);
  const net = message.match(/net::(ERR_[A-Z0-9_]+)/)?.[1];
  const host = url.host;
  if (net === 'ERR_NAME_NOT_RESOLVED' || net === 'ERR_NAME_RESOLUTION_FAILED') {
    return new FatalVisitError('E_DNS', `无法解析域名 ${host}：该网站不存在或当前网络无法访问。`, `The host name ${host} could not be resolved: the site does not exist or cannot be reached from this network.`, net);
  }
  if (net === 'ERR_CONNECTION_REFUSED') {
    return new FatalVisitError('E_CONNECTION_REFUSED', `${host} 拒绝连接：服务器没有在该端口提供服务。`, `${host} refused the connection: no server is listening on that port.`, net);
  }
  if (net && (/^ERR_CERT_/.test(net) || /^ERR_SSL_/.test(net) || net === 'ERR_BAD_SSL_CLIENT_AUTH_CERT')) {
    return new FatalVisitError('E_TLS', `${host} 的 HTTPS 证书不被信任（${net}）。已保存服务器出示的证书作为证据。如确需继续，请加 --insecure（会被记录）。`,
      `The HTTPS certificate of ${host} is not trusted (${net}). The certificate the server presented is saved as evidence. To proceed anyway, add --insecure (this is recorded).`, net);
  }
  if (net === 'ERR_TOO_MANY_REDIRECTS') {
    return new FatalVisitError('E_REDIRECT_LOOP', `${host} 的页面不断重定向（重定向循环），无法打开。重定向过程已记录。`, `The page at ${host} redirects in a loop and cannot be opened. The redirects are recorded.`, net);
  }
  if (/Timeout .*exceeded/i.test(message) || net === 'ERR_TIMED_OUT' || net === 'ERR_CONNECTION_TIMED_OUT') {
    return new FatalVisitError('E_TIMEOUT', `${host} 在 ${Math.round(timeoutMs / 1000)} 秒内没有响应。`, `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`, net ?? 'timeout');
  }
  if (/Target.*closed|crash|Browser has been closed/i.test(message)) {
    return new FatalVisitError('E_BROWSER_CRASHED', '浏览器在打开页面时崩溃。', 'The browser crashed while opening the page.', message.split('\n')[0]);
  }
  if (net) {
    return new FatalVisitError('E_NETWORK', `打开 ${host} 时出现网络错误（${net}）。`, `A network error occurred while opening ${host} (${net}).`, net);
  }
  return new FatalVisitError('E_NAVIGATION', `无法打开页面 ${url.href}。`, `The page ${url.href} could not be opened.`, message.split('\n')[0]);
}
