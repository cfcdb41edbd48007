/** Captures written into a folder the user chose (--out DIR): one sub-folder per capture, no index. */
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { compactShanghai } from '../capture/time.js';
import type { Manifest } from '../capture/manifest.js';
import type { CaptureSlot, CaptureStore, Committed } from './store.js';
import type { CaptureResult } from '../capture/visit.js';

/** "20261121-203000_weibo.com_1a2b3c4d" for a capture; "20261121-203000_import_1a2b3c4d" for an import. */
export function captureFolderName(manifest: Pick<Manifest, 'id' | 'url'>, at: Date): string {
  const host = manifest.url ? new URL(manifest.url).hostname.replace(/[^a-zA-Z0-9.-]/g, '_') : 'import';
  return `${compactShanghai(at)}_${host}_${manifest.id.slice(-8)}`;
}

export class FolderStore implements CaptureStore {
  constructor(private readonly root: string) {}

  async begin(id: string): Promise<CaptureSlot> {
    await mkdir(this.root, { recursive: true });
    return { id, tmpDir: join(this.root, `.partial-${id}`) };
  }

  async commit(slot: CaptureSlot, { manifest }: Pick<CaptureResult, 'manifest'>): Promise<Committed> {
    const final = join(this.root, captureFolderName(manifest, new Date(manifest.startedAt.utc)));
    await rename(slot.tmpDir, final);
    return { dir: final, item: null, case: null };
  }

  async close(): Promise<void> {}
}
