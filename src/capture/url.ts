/** What a user may ask us to witness: an absolute http(s) URL. Everything else is refused before a browser starts. */
import { GuzhengError } from '../errors.js';

const REFUSED_SCHEMES = new Set(['file:', 'javascript:', 'data:', 'chrome:', 'about:', 'blob:', 'chrome-extension:',
  'view-source:', 'ftp:', 'ws:', 'wss:', 'edge:', 'devtools:']);

export function parseTargetUrl(input: string): URL {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GuzhengError('E_URL_INVALID', `网址无效：“${input}”。请输入以 http:// 或 https:// 开头的完整网址。`,
      `Invalid URL: "${input}". Give a full address starting with http:// or https://.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const known = REFUSED_SCHEMES.has(url.protocol);
    throw new GuzhengError('E_URL_SCHEME',
      `不支持的网址类型“${url.protocol}”${known ? '（本地文件、脚本或浏览器内部页面不能作为网络证据取证）' : ''}。只支持 http 和 https。`,
      `Unsupported URL scheme "${url.protocol}"${known ? ' (local files, scripts and browser pages are not web evidence)' : ''}. Only http and https are supported.`);
  }
  if (!url.hostname) {
    throw new GuzhengError('E_URL_INVALID', `网址缺少主机名：“${input}”。`, `URL has no host name: "${input}".`);
  }
  return url;
}
