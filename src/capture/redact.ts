/**
 * Secrets out of a logged-in capture: the values of cookies, authorization and token headers are replaced by a
 * marker holding their SHA-256, so the package can be handed to others without handing over the account — and
 * anyone holding the secret can still show it was the one used. Names are kept (which cookies were sent is evidence).
 */
import { createHash } from 'node:crypto';

type StorageState = { cookies: { value: string }[]; origins: { localStorage: { value: string }[] }[] };

export const REDACTION_NOTE = 'Logged-in capture: values of Cookie, Set-Cookie, Authorization, Proxy-Authorization and token headers are replaced by "[redacted sha256:<hex>]" (the SHA-256 of the value); names and everything else are as received.';

const SECRET_HEADERS = /^(authorization|proxy-authorization|x-csrf-token|x-xsrf-token|x-csrftoken|x-auth-token|x-access-token|x-api-key|x-token|token|x-guest-token)$/i;

export function marker(value: string): string {
  return `[redacted sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}]`;
}

/** Secret values shorter than this are not searched for elsewhere (too likely to match ordinary text). */
const MIN_SECRET = 8;

/** The values found secret during a capture, to be scrubbed from every file at the end. */
export class Secrets {
  readonly values = new Set<string>();

  add(v: string | null | undefined): string {
    if (v && v.length >= MIN_SECRET) this.values.add(v);
    return marker(v ?? '');
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

export function redactHeaders(headers: [string, string][], s: Secrets = new Secrets()): [string, string][] {
  return headers.map(([name, value]) => {
    const n = name.toLowerCase();
    if (n === 'cookie') return [name, redactCookiePairs(value, s)];
    if (n === 'set-cookie') return [name, redactSetCookie(value, s)];
    if (SECRET_HEADERS.test(n)) {
      const m = /^(Bearer|Basic|Digest|OAuth|Token)\s+(.+)$/i.exec(value);
      return [name, m ? `${m[1]} ${s.add(m[2]!)}` : s.add(value)];
    }
    return [name, value];
  });
}

/** Every occurrence of every secret (as is, and URL-encoded) replaced by its marker. */
export function scrub(buf: Buffer, secrets: Iterable<string>): { buf: Buffer; count: number } {
  let out = buf;
  let count = 0;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      const needle = Buffer.from(form, 'utf8');
      if (out.indexOf(needle) < 0) continue;
      const repl = Buffer.from(marker(secret), 'utf8');
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


/** A browser storage state with every cookie and local-storage value replaced by its marker. */
export function redactStorageState<T extends StorageState>(state: T): T {
  return {
    ...state,
    cookies: state.cookies.map((c) => ({ ...c, value: marker(c.value) })),
    origins: state.origins.map((o) => ({ ...o, localStorage: o.localStorage.map((e) => ({ ...e, value: marker(e.value) })) })),
  };
}
