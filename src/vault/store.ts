/**
 * Where captures go. One small interface: a store hands out a temporary folder for a capture and, when the capture
 * is finished, moves it into place in one rename (so a crash never leaves a folder that looks complete) and
 * indexes it. `FolderStore` writes into a folder the user names (--out); `LocalStore` is the embedded default.
 */
import type { Manifest } from '../capture/manifest.js';

export interface CaptureSlot {
  id: string;
  tmpDir: string;
}

export interface CaptureStore {
  /** A fresh temporary folder on the same file system as the capture's final place. */
  begin(id: string, url: URL): Promise<CaptureSlot>;
  /** Move the finished capture into place and index it; returns its final folder. */
  commit(slot: CaptureSlot, manifest: Manifest, sealState?: string): Promise<string>;
  close(): Promise<void>;
  /** Captures found interrupted by an earlier crash (reported to the user once). */
  markInterrupted?(): Promise<{ id: string; url: string; started_at: string; tmpDir: string }[]>;
}
