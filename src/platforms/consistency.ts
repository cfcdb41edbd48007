/**
 * Comparing the facts read from API responses with what a person sees on the page. A count or a name that does not
 * appear in the visible text is flagged (the page may show it rounded, elsewhere, or not at all — the user is told,
 * and nothing is hidden or corrected).
 */
import type { PostFacts } from './types.js';

/** The ways a platform may show a count: 39034, 39,034, 3.9万, 3.90万, 39k, 39.0K… */
export function countForms(n: number): string[] {
  const forms = new Set([String(n), n.toLocaleString('en-US')]);
  if (n >= 10_000) {
    const w = n / 10_000;
    for (const d of [0, 1, 2]) {
      forms.add(`${w.toFixed(d)}万`);
      forms.add(`${(Math.floor(w * 10 ** d) / 10 ** d).toFixed(d)}万`);
    }
    for (const d of [0, 1]) forms.add(`${w.toFixed(d)}w`);
  }
  if (n >= 1e8) for (const d of [1, 2]) forms.add(`${(n / 1e8).toFixed(d)}亿`);
  if (n >= 1000) {
    for (const d of [0, 1]) {
      forms.add(`${(n / 1000).toFixed(d)}K`);
      forms.add(`${(n / 1000).toFixed(d)}k`);
    }
  }
  if (n >= 1e6) for (const d of [0, 1]) forms.add(`${(n / 1e6).toFixed(d)}M`);
  return [...forms].map((f) => f.replace(/\.0+(?=[万亿KkMw])/, ''));
}

export function checkAgainstVisibleText(f: PostFacts, visible: string): void {
  if (!visible) {
    f.notes.push('no DOM snapshot: the facts could not be compared with the visible page / 没有页面快照，无法与页面上可见的内容比对');
    return;
  }
  const text = visible.replace(/\s+/g, ' ');
  const seen = (s: string) => text.includes(s);
  for (const [name, c] of Object.entries(f.counts)) {
    if (!c) continue;
    const forms = countForms(c.value);
    // The string the count was read from (e.g. "10万+" shown on the page) is itself a form of it.
    const hit = forms.find(seen) ?? (c.raw && seen(c.raw.replace(/\s+/g, ' ')) ? c.raw : undefined);
    f.checks.push(hit
      ? { field: `counts.${name}`, ok: true, detail: `shown on the page as "${hit}"` }
      : { field: `counts.${name}`, ok: false, detail: `${c.value} (from ${c.source}) does not appear on the page in any usual form (${forms.slice(0, 4).join(', ')}…)` });
  }
  if (f.author.name) {
    const ok = seen(f.author.name.value);
    f.checks.push({ field: 'author.name', ok, detail: ok ? 'shown on the page' : `"${f.author.name.value}" does not appear on the page` });
  }
}
