/**
 * A tiny hash router: "#/cases/ID/facts?field=fact-goals" → path segments and query. Links are plain
 * <a href="#/…">, so they work with the keyboard, open in a new tab, and need no history code.
 */
import { useMemo, useSyncExternalStore } from 'react';

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

const subscribe = (on: () => void) => {
  window.addEventListener('hashchange', on);
  return () => window.removeEventListener('hashchange', on);
};

/**
 * The current route. While React hydrates the start screen rendered at build time it reads the start route (the
 * server snapshot), whatever the address has become meanwhile, and then renders the real one: a link followed while
 * the scripts loaded never makes the page differ from what was rendered.
 */
export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return useMemo(() => parse(hash), [hash]);
}

/** "#/cases/ID/capture" from ('cases', id, 'capture'); empty parts are left out. */
export const href = (...parts: (string | undefined | null)[]) => `#/${parts.filter(Boolean).map((p) => encodeURIComponent(p!)).join('/')}`;

export function navigate(hash: string): void {
  window.location.hash = hash.replace(/^#/, '');
}
