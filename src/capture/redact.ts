/**
 * Secrets out of a logged-in capture: the values of cookies, authorization and token headers, and of the query
 * parameters that carry a login (access_token, token, ticket, sign, sid, auth…), are replaced by a marker holding
 * their SHA-256, so the package can be handed to others without handing over the account — and anyone holding the
 * secret can still show it was the one used. Names are kept (which cookies and parameters were sent is evidence).
 *
 * In a URL the marker is percent-encoded — `?access_token=%5Bredacted%20sha256%3A<hex>%5D`, which decodes to the
 * same `[redacted sha256:<hex>]` — so a redacted URL is still a URL: WARC-Target-URI, the request line, Referer and
 * Location stay valid, and replay tools (CDXJ, pages.jsonl) index and find them as they are written.
 */
import { createHash } from 'node:crypto';

type StorageState = { cookies: { value: string }[]; origins: { localStorage: { value: string }[] }[] };

export const REDACTION_NOTE = 'Logged-in capture: values of Cookie, Set-Cookie, Authorization, Proxy-Authorization and token headers, and of URL parameters that carry a login (access_token, token, ticket, sign, sid, auth and the like), are replaced by "[redacted sha256:<hex>]" (the SHA-256 of the value; percent-encoded inside URLs, "%5Bredacted%20sha256%3A<hex>%5D"); names and everything else are as received.';

const SECRET_HEADERS = /^(authorization|proxy-authorization|x-csrf-token|x-xsrf-token|x-csrftoken|x-auth-token|x-access-token|x-api-key|x-token|token|x-guest-token)$/i;

export function marker(value: string): string {
  return `[redacted sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}]`;
}

/** The marker as it stands inside a URL: percent-encoded, so the URL stays a URL. */
export function urlMarker(value: string): string {
  return encodeURIComponent(marker(value));
}

const IS_MARKER = /^(\[|%5B)redacted(\s|%20)sha256(:|%3A)[0-9a-f]{64}(\]|%5D)$/i;

/** Secret values shorter than this are not searched for elsewhere (too likely to match ordinary text). */
const MIN_SECRET = 8;

/** The values found secret during a capture, to be scrubbed from every file at the end. */
export class Secrets {
  readonly values = new Set<string>();

  add(v: string | null | undefined): string {
    if (v && v.length >= MIN_SECRET && !IS_MARKER.test(v)) this.values.add(v);
    return marker(v ?? '');
  }

  /** A URL parameter's value (percent-encoded as found): kept decoded as the secret; the URL-safe marker returned. */
  addUrlValue(encoded: string): string {
    let v = encoded;
    try {
      v = decodeURIComponent(encoded);
    } catch { /* not valid percent-encoding: the value as found is the secret */ }
    this.add(v);
    if (v !== encoded) this.add(encoded);
    return urlMarker(v);
  }

  addStorageState(state: StorageState): void {
    for (const c of state.cookies) this.add(c.value);
    for (const o of state.origins) for (const e of o.localStorage) this.add(e.value);
  }
}

/** "a=1; b=2" → "a=[redacted …]; b=[redacted …]" */
function redactCookiePairs(v: string, s: Secrets): string {
  return v.split(/;\s*/).map((pair) => {
    const i = pair.indexOf('=');
    return i < 0 ? s.add(pair) : `${pair.slice(0, i)}=${s.add(pair.slice(i + 1))}`;
  }).join('; ');
}

/** Set-Cookie: the first pair's value is the secret; the attributes (Path, Domain, Expires…) stay. */
function redactSetCookie(v: string, s: Secrets): string {
  return v.split('\n').map((line) => {
    const [first, ...attrs] = line.split(';');
    const i = first!.indexOf('=');
    const pair = i < 0 ? s.add(first!.trim()) : `${first!.slice(0, i).trim()}=${s.add(first!.slice(i + 1).trim())}`;
    return [pair, ...attrs].join(';');
  }).join('\n');
}

/**
 * Query and fragment parameters whose value is a login or a credential: access_token, token, ticket, sign, sid,
 * auth, session, key, password… and any name ending in token, ticket, secret or signature (oauth_token,
 * pass_ticket, X-Amz-Signature). Ids (uid, mid, id) and article signatures such as WeChat's sn are not secrets.
 */
const SECRET_PARAM = /^(access_?token|refresh_?token|id_?token|auth_?token|tokens?|auth|authorization|ticket|st|sign|sig|ssig|upsig|signature|sid|ssid|session|session_?id|sess|sessid|skey|p_skey|key|exportkey|api_?key|app_?key|app_?secret|client_?secret|secret|password|passwd|pwd|csrf|_?csrf_?token|_?xsrf|xsrf_?token|jsessionid|phpsessid|x-amz-credential)$|(token|ticket|secret|signature)$/i;

export function isSecretParam(name: string): boolean {
  let n = name;
  try {
    n = decodeURIComponent(name);
  } catch { /* as found */ }
  return SECRET_PARAM.test(n.trim());
}

/** "a=1&token=x" → "a=1&token=%5Bredacted…%5D"; every other byte as it was. */
function redactParams(params: string, s: Secrets): string {
  return params.split('&').map((pair) => {
    const i = pair.indexOf('=');
    if (i <= 0) return pair;
    const value = pair.slice(i + 1);
    return value && isSecretParam(pair.slice(0, i)) && !IS_MARKER.test(value) ? `${pair.slice(0, i + 1)}${s.addUrlValue(value)}` : pair;
  }).join('&');
}

/**
 * A URL (absolute, or a request target "/path?query") with the values of its secret parameters replaced by the
 * URL-safe marker; path and parameter names untouched. A `;jsessionid=` in the path and `#access_token=` in the
 * fragment (OAuth) are secrets too.
 */
export function redactUrl(url: string, s: Secrets): string {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? null : url.slice(hash + 1);
  const q = beforeHash.indexOf('?');
  let path = q < 0 ? beforeHash : beforeHash.slice(0, q);
  path = path.replace(/;(jsessionid|phpsessid|sid)=([^;/?#]+)/gi, (all, name: string, value: string) => (IS_MARKER.test(value) ? all : `;${name}=${s.addUrlValue(value)}`));
  const query = q < 0 ? null : redactParams(beforeHash.slice(q + 1), s);
  const frag = fragment === null ? null : fragment.includes('=') ? redactParams(fragment, s) : fragment;
  return `${path}${query === null ? '' : `?${query}`}${frag === null ? '' : `#${frag}`}`;
}

/**
 * Every "?name=value" / "&name=value" / "&amp;name=value" / "#name=value" in a text (HTML, JSON, JavaScript, a log,
 * a header) whose name is a secret parameter gets the URL-safe marker as its value. With `form`, the text is itself
 * a query string (an application/x-www-form-urlencoded body): its first parameter counts too.
 */
export function redactUrlsInText(text: string, s: Secrets, form = false): string {
  return replaceSecretParams(text, s, form).text;
}

/** A parameter in a text: its value ends where a URL would (quotes, brackets, spaces, any non-ASCII character). */
const PARAM_IN_TEXT = /(&amp;|\\u0026|[?&#])([A-Za-z_][\w.\-%]{0,60})=([^&#\s"'<>\\`(){}$[\],;\u0080-\uffff]+)/g;
const PARAM_IN_FORM = /(^|&amp;|\\u0026|[?&#])([A-Za-z_][\w.\-%]{0,60})=([^&#\s"'<>\\`(){}$[\],;\u0080-\uffff]+)/g;

function replaceSecretParams(text: string, s: Secrets, form: boolean): { text: string; count: number } {
  let count = 0;
  const out = text.replace(form ? PARAM_IN_FORM : PARAM_IN_TEXT, (all, sep: string, name: string, value: string) => {
    if (!isSecretParam(name) || IS_MARKER.test(value)) return all;
    count++;
    return `${sep}${name}=${s.addUrlValue(value)}`;
  });
  return { text: out, count };
}

/** Headers whose value is a URL or holds URLs: secrets in them get the URL-safe marker. */
const URL_HEADERS = /^(referer|location|content-location|link|refresh)$/i;

export function redactHeaders(headers: [string, string][], s: Secrets = new Secrets()): [string, string][] {
  return headers.map(([name, value]) => {
    const n = name.toLowerCase();
    if (n === 'cookie') return [name, redactCookiePairs(value, s)];
    if (n === 'set-cookie') return [name, redactSetCookie(value, s)];
    if (SECRET_HEADERS.test(n)) {
      const m = /^(Bearer|Basic|Digest|OAuth|Token)\s+(.+)$/i.exec(value);
      return [name, m ? `${m[1]} ${s.add(m[2]!)}` : s.add(value)];
    }
    if (URL_HEADERS.test(n) && /^(https?:)?\/|^[\w.-]*[?#]/.test(value.trim())) return [name, redactUrl(value, s)];
    return [name, redactUrlsInText(value, s)];
  });
}

/** A request line "GET /a?token=x HTTP/1.1" with its target redacted. */
export function redactRequestLine(line: string, s: Secrets): string {
  const m = /^(\S+) (\S+)( .*)?$/.exec(line);
  return m ? `${m[1]} ${redactUrl(m[2]!, s)}${m[3] ?? ''}` : line;
}

/**
 * Every occurrence of every secret (as is, URL-encoded, JSON-escaped) replaced by its marker; with `urlSafe` (a URL,
 * a request line, a Referer), by the percent-encoded marker.
 */
export function scrub(buf: Buffer, secrets: Iterable<string>, urlSafe = false): { buf: Buffer; count: number } {
  let out = buf;
  let count = 0;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      const needle = Buffer.from(form, 'utf8');
      if (out.indexOf(needle) < 0) continue;
      const repl = Buffer.from(urlSafe ? urlMarker(secret) : marker(secret), 'utf8');
      const parts: Buffer[] = [];
      let from = 0;
      for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, from)) {
        parts.push(out.subarray(from, at), repl);
        from = at + needle.length;
        count++;
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
    }
  }
  return { buf: out, count };
}

/** A string (a header value, a URL) scrubbed both ways: secret URL parameters by name, then every known secret value. */
export function scrubText(text: string, s: Secrets, urlSafe = false): { text: string; count: number } {
  const named = replaceSecretParams(text, s, false);
  const r = scrub(Buffer.from(named.text, 'utf8'), sortedValues(s), urlSafe);
  return { text: r.count ? r.buf.toString('utf8') : named.text, count: named.count + r.count };
}

/**
 * Bytes (a body, a file) scrubbed both ways: with `named`, the secret parameters of the URLs in them (URL-safe
 * marker); then every known secret value. Read as bytes, so a page in GBK or any other ASCII-compatible charset
 * keeps every other byte as it was.
 */
export function scrubBytes(buf: Buffer, s: Secrets, named: boolean, urlSafe = false): { buf: Buffer; count: number } {
  let out = buf;
  let count = 0;
  if (named) {
    const r = replaceSecretParams(buf.toString('latin1'), s, false);
    if (r.count) {
      out = Buffer.from(r.text, 'latin1');
      count = r.count;
    }
  }
  const v = scrub(out, sortedValues(s), urlSafe);
  return { buf: v.buf, count: count + v.count };
}

/**
 * A PDF (the print of the page, or a PDF that was the target) can not take a longer marker: its cross-reference
 * table gives each object's byte offset. So secrets in it — link targets (/URI) with secret parameters, known
 * values — are blanked in place with "*" of the same length. Text drawn on its pages is, like the screenshots, an
 * image of what was shown.
 */
export function blankSecrets(buf: Buffer, s: Secrets): { buf: Buffer; count: number } {
  let count = 0;
  const blank = (v: string) => {
    count++;
    return '*'.repeat(v.length);
  };
  let text = buf.toString('latin1').replace(PARAM_IN_TEXT, (all, sep: string, name: string, value: string) => (isSecretParam(name) && !IS_MARKER.test(value) ? `${sep}${name}=${blank(value)}` : all));
  for (const secret of sortedValues(s)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      const needle = Buffer.from(form, 'utf8').toString('latin1');
      if (text.includes(needle)) text = text.split(needle).map((part, i) => (i ? blank(needle) + part : part)).join('');
    }
  }
  return { buf: count ? Buffer.from(text, 'latin1') : buf, count };
}

/** Longest first, so a secret that contains another is replaced whole. */
export function sortedValues(s: Secrets): string[] {
  return [...s.values].sort((a, b) => b.length - a.length);
}


/** A browser storage state with every cookie and local-storage value replaced by its marker. */
export function redactStorageState<T extends StorageState>(state: T): T {
  return {
    ...state,
    cookies: state.cookies.map((c) => ({ ...c, value: marker(c.value) })),
    origins: state.origins.map((o) => ({ ...o, localStorage: o.localStorage.map((e) => ({ ...e, value: marker(e.value) })) })),
  };
}
