/**
 * manifest.json: every file of the capture with its role, media type, size, SHA-256 and SM3, and the capture's
 * status. It is written last; a capture folder without it is not a finished capture.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { digestFile } from '../seal/digests.js';
import type { DualTime } from './time.js';
import type { OpenRequest } from './recorders/open-requests.js';

export type CaptureStatus = 'COMPLETE' | 'PARTIAL' | 'FAILED';

export interface Reason {
  code: string;
  zh: string;
  en: string;
  detail?: string;
}

export interface ManifestFile {
  role: string;
  path: string;
  mediaType: string;
  size: number;
  sha256: string;
  sm3: string;
}

export interface Manifest {
  /** A capture of a web page, or an import of a file (src/imports/): the same seal, storage and verification. */
  format: 'guzheng-capture/1' | 'guzheng-import/1';
  id: string;
  status: CaptureStatus;
  /** The page captured; null for an import (its source file is named in `source`). */
  url: string | null;
  /** An import's source file as it was named where it came from. */
  source?: { name: string; kind: string; format: string };
  finalUrl: string | null;
  startedAt: DualTime;
  endedAt: DualTime;
  reasons: Reason[];
  warnings: Reason[];
  error: Reason | null;
  tool: { name: string; version: string };
  /** Requests still open when the visit ended, each named, with whether that is normal (recorders/open-requests.ts). */
  openRequests?: OpenRequest[];
  files: ManifestFile[];
}

/** Roles and media types of the files a capture writes, by path. */
const KNOWN: [RegExp, string, string][] = [
  [/^archive\.warc\.gz$/, 'warc', 'application/warc'],
  [/^screenshot-full\.png$/, 'screenshot.full', 'image/png'],
  [/^screenshot-full-framed\.png$/, 'screenshot.full.framed', 'image/png'],
  [/^screenshot-viewport-framed\.png$/, 'screenshot.viewport.framed', 'image/png'],
  [/^screenshot-viewport\.png$/, 'screenshot.viewport', 'image/png'],
  [/^video\.mp4$/, 'video', 'video/mp4'],
  [/^page\.mhtml$/, 'mhtml', 'multipart/related'],
  [/^dom\.html$/, 'dom', 'text/html'],
  [/^page\.pdf$/, 'pdf', 'application/pdf'],
  [/^text\.txt$/, 'text', 'text/plain'],
  [/^page\.json$/, 'page', 'application/json'],
  [/^post\.json$/, 'post', 'application/json'],
  [/^media\/.*\.jpg$/, 'media.image', 'image/jpeg'],
  [/^media\/.*\.png$/, 'media.image', 'image/png'],
  [/^media\/.*\.gif$/, 'media.image', 'image/gif'],
  [/^media\/.*\.webp$/, 'media.image', 'image/webp'],
  [/^media\/.*\.mp4$/, 'media.video', 'video/mp4'],
  [/^media\/.*\.webm$/, 'media.video', 'video/webm'],
  [/^media\//, 'media', 'application/octet-stream'],
  [/^network\.json$/, 'network', 'application/json'],
  [/^environment\.json$/, 'environment', 'application/json'],
  [/^log\.jsonl$/, 'log', 'application/x-ndjson'],
  [/^certs\/presented_.*\.pem$/, 'certificate.presented', 'application/x-pem-file'],
  [/^certs\/.*\.pem$/, 'certificate', 'application/x-pem-file'],
  [/^target\./, 'target', 'application/octet-stream'],
];

export function roleOf(path: string, targetMediaType?: string): { role: string; mediaType: string } {
  for (const [re, role, mediaType] of KNOWN) {
    if (re.test(path)) return { role, mediaType: role === 'target' && targetMediaType ? targetMediaType : mediaType };
  }
  return { role: 'other', mediaType: 'application/octet-stream' };
}

/** Every file under `dir`, as sorted paths relative to it with forward slashes. */
export async function walk(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, root)));
    else if (e.isFile()) out.push(relative(root, p).split(sep).join('/'));
  }
  return out.sort();
}

export async function listFiles(dir: string, targetMediaType?: string): Promise<ManifestFile[]> {
  const paths = (await walk(dir)).filter((p) => p !== 'manifest.json');
  return Promise.all(paths.map(async (path) => ({ ...roleOf(path, targetMediaType), path, ...(await digestFile(join(dir, path))) })));
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
