/**
 * Facts a page states about itself, read from the recorded DOM snapshot (never from a second request):
 * title, language, and where given the author, site and publish time, from JSON-LD, OpenGraph, meta tags and
 * Readability. Each fact keeps the source it came from, so a reader can find it in the snapshot.
 */
import type { parseHTML as ParseHTML } from 'linkedom';

/** Loaded on first use (they are only needed once a visit has ended). */
export const loadFactsLibraries = () => Promise.all([import('linkedom'), import('@mozilla/readability')]);

export interface SourcedFact {
  value: string;
  source: string;
}

export interface PageStatedFacts {
  title: string | null;
  language: string | null;
  canonicalUrl: string | null;
  description: string | null;
  author: SourcedFact | null;
  site: SourcedFact | null;
  publishedTime: SourcedFact | null;
  modifiedTime: SourcedFact | null;
  jsonLd: unknown[];
  openGraph: Record<string, string>;
  meta: Record<string, string>;
  readability: { title: string | null; byline: string | null; siteName: string | null; publishedTime: string | null; excerpt: string | null; length: number } | null;
  /** The main text (Readability), or the whole visible text when Readability finds no article. */
  mainText: string;
  mainTextSource: 'readability' | 'body';
}

type Doc = ReturnType<typeof ParseHTML>['document'];

function first<T>(...xs: (T | null | undefined)[]): T | null {
  for (const x of xs) if (x !== null && x !== undefined && x !== '') return x;
  return null;
}

function jsonLdBlocks(doc: Doc): unknown[] {
  const out: unknown[] = [];
  for (const el of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const parsed = JSON.parse(el.textContent ?? '');
      const items = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' && '@graph' in parsed ? (parsed as { '@graph': unknown[] })['@graph'] : [parsed];
      out.push(...items);
    } catch {
      out.push({ '@guzheng-error': 'invalid JSON-LD', text: (el.textContent ?? '').slice(0, 500) });
    }
  }
  return out;
}

function nameOf(v: unknown): string | null {
  if (!v) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join(', ') || null;
  if (typeof v === 'object' && 'name' in v) return nameOf((v as { name: unknown }).name);
  return null;
}

function fromJsonLd(items: unknown[], key: 'author' | 'publisher' | 'datePublished' | 'dateModified'): SourcedFact | null {
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const rec = item as Record<string, unknown>;
    const v = key === 'author' || key === 'publisher' ? nameOf(rec[key]) : typeof rec[key] === 'string' ? (rec[key] as string) : null;
    if (v) return { value: v, source: `JSON-LD ${String(rec['@type'] ?? '')}.${key}` };
  }
  return null;
}

function metaTags(doc: Doc): { og: Record<string, string>; meta: Record<string, string> } {
  const og: Record<string, string> = {};
  const meta: Record<string, string> = {};
  for (const el of doc.querySelectorAll('meta')) {
    const key = el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop');
    const content = el.getAttribute('content');
    if (!key || content === null) continue;
    const k = key.toLowerCase();
    if (k.startsWith('og:') || k.startsWith('article:')) og[k] ??= content;
    else meta[k] ??= content;
  }
  return { og, meta };
}

function sourced(map: Record<string, string>, keys: string[], label: string): SourcedFact | null {
  for (const k of keys) if (map[k]) return { value: map[k]!, source: `${label} ${k}` };
  return null;
}

export async function extractPageFacts(html: string, url: string): Promise<PageStatedFacts> {
  const [{ parseHTML }, { Readability }] = await loadFactsLibraries();
  const { document } = parseHTML(html);
  const jsonLd = jsonLdBlocks(document);
  const { og, meta } = metaTags(document);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;

  let readability: PageStatedFacts['readability'] = null;
  let article: ReturnType<InstanceType<typeof Readability>['parse']> = null;
  try {
    const copy = parseHTML(html).document;
    article = new Readability(copy as unknown as Document, { charThreshold: 100 }).parse();
  } catch {
    article = null;
  }
  if (article) {
    readability = { title: article.title ?? null, byline: article.byline ?? null, siteName: article.siteName ?? null,
      publishedTime: article.publishedTime ?? null, excerpt: article.excerpt ?? null, length: article.length ?? 0 };
  }
  const bodyText = (document.body?.textContent ?? '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const mainText = article?.textContent?.trim() ? article.textContent.replace(/\n{3,}/g, '\n\n').trim() : bodyText;

  const readabilityFact = (v: string | null | undefined, what: string) => (v ? { value: v, source: `Readability ${what}` } : null);
  return {
    title: first(document.querySelector('title')?.textContent?.trim(), og['og:title'], readability?.title),
    language: first(document.documentElement?.getAttribute('lang'), meta['language'], og['og:locale']),
    canonicalUrl: canonical ? new URL(canonical, url).href : null,
    description: first(meta['description'], og['og:description']),
    author: first(fromJsonLd(jsonLd, 'author'), sourced(og, ['article:author', 'og:article:author'], 'OpenGraph'),
      sourced(meta, ['author', 'byl', 'dc.creator'], 'meta'), readabilityFact(readability?.byline, 'byline')),
    site: first(sourced(og, ['og:site_name'], 'OpenGraph'), fromJsonLd(jsonLd, 'publisher'),
      sourced(meta, ['application-name', 'publisher'], 'meta'), readabilityFact(readability?.siteName, 'siteName')),
    publishedTime: first(fromJsonLd(jsonLd, 'datePublished'), sourced(og, ['article:published_time', 'og:article:published_time'], 'OpenGraph'),
      sourced(meta, ['pubdate', 'publishdate', 'date', 'dc.date', 'datepublished'], 'meta'), readabilityFact(readability?.publishedTime, 'publishedTime')),
    modifiedTime: first(fromJsonLd(jsonLd, 'dateModified'), sourced(og, ['article:modified_time'], 'OpenGraph')),
    jsonLd,
    openGraph: og,
    meta,
    readability,
    mainText,
    mainTextSource: article?.textContent?.trim() ? 'readability' : 'body',
  };
}
