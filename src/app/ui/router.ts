/**
 * A tiny hash router: "#/cases/ID/facts?field=fact-goals" → path segments and query. Links are plain
 * <a href="#/…">, so they work with the keyboard, open in a new tab, and need no history code.
 */
import { useEffect, useState } from 'react';

export interface Location { path: string; segments: string[]; query: URLSearchParams }

function parse(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return { path: `/${segments.map(encodeURIComponent).join('/')}`, segments, query: new URLSearchParams(search) };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(() => parse(typeof window === 'undefined' ? '' : window.location.hash)); // no window: the build's prerender
  useEffect(() => {
    const on = () => setLoc(parse(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return loc;
}

/** "#/cases/ID/capture" from ('cases', id, 'capture'); empty parts are left out. */
export const href = (...parts: (string | undefined | null)[]) => `#/${parts.filter(Boolean).map((p) => encodeURIComponent(p!)).join('/')}`;

export function navigate(hash: string): void {
  window.location.hash = hash.replace(/^#/, '');
}
