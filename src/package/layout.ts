/**
 * Where things are in an evidence package: the WACZ 1.1.1 layout for the web-archive world, and a guzheng/ folder
 * for everything else. Kept free of Node APIs: the verifier page uses it too.
 *
 *   archive/<item>.warc.gz            each item's WARC (its manifest's archive.warc.gz)
 *   indexes/index.cdx                 CDXJ index of every WARC record
 *   pages/pages.jsonl                 one line per captured page
 *   datapackage.json                  every other file with its SHA-256 and size
 *   datapackage-digest.json           the SHA-256 of datapackage.json, signed (WACZ anonymous signedData)
 *   guzheng/items/<item>/…            the item's other artifacts: manifest.json, screenshots, video, seal/…
 *   guzheng/custody.jsonl             the custody log of the case and the exported items
 *   guzheng/case.json                 what was exported
 *   guzheng/tsa-roots/*.pem           the roots the timestamp tokens chain to
 *   guzheng/certificate.pdf           the bilingual certificate
 *   guzheng/verify.html               the standalone verifier page
 */
export const DATAPACKAGE = 'datapackage.json';
export const DATAPACKAGE_DIGEST = 'datapackage-digest.json';
export const PAGES = 'pages/pages.jsonl';
export const INDEX = 'indexes/index.cdx';
export const CUSTODY = 'guzheng/custody.jsonl';
export const CASE = 'guzheng/case.json';
export const CERTIFICATE = 'guzheng/certificate.pdf';
export const VERIFIER = 'guzheng/verify.html';
export const TSA_ROOTS = 'guzheng/tsa-roots/';
export const ITEMS = 'guzheng/items/';
export const WACZ_VERSION = '1.1.1';

/** Where an item's file (a path of its manifest) is in the package. */
export function packagePath(itemId: string, path: string): string {
  return path === 'archive.warc.gz' ? `archive/${itemId}.warc.gz` : `${ITEMS}${itemId}/${path}`;
}

/** Item ids in a package, from the manifests it holds. */
export function itemIdsIn(names: string[]): string[] {
  const ids = new Set<string>();
  for (const n of names) {
    const m = /^guzheng\/items\/([^/]+)\/manifest\.json$/.exec(n);
    if (m) ids.add(m[1]!);
  }
  return [...ids].sort();
}

/** A name that must never be trusted as a path: absolute, with "..", backslashes, a drive letter or a NUL. */
export function unsafeName(name: string): string | null {
  if (name.startsWith('/')) return 'absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'drive letter';
  if (name.includes('\\')) return 'backslash';
  if (name.includes('\0')) return 'NUL byte';
  if (name.split('/').some((s) => s === '..')) return '".." component';
  return null;
}

export interface DataPackageResource {
  name: string;
  path: string;
  hash: string;
  bytes: number;
}

export interface DataPackage {
  profile: string;
  wacz_version: string;
  title?: string;
  created?: string;
  software?: string;
  mainPageUrl?: string;
  mainPageDate?: string;
  resources: DataPackageResource[];
}

/** A watched post's record in a package: each check's WARC records and each timestamp token over its log's head. */
export const WATCHES = 'guzheng/watches/';
export const watchWarcPath = (watch: string, sha256: string) => `${WATCHES}${watch}/checks/${sha256}.warc.gz`;
export const watchTokenPath = (watch: string, sha256: string) => `${WATCHES}${watch}/timestamps/${sha256}.tsr`;
export const watchSeriesPath = (watch: string) => `${WATCHES}${watch}/series.json`;
