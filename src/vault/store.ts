/**
 * Where captures go. One small interface: a store hands out a temporary folder for a capture and, when the capture
 * is finished and sealed, commits it in one step (so a crash never leaves something that looks complete).
 * `FolderStore` writes into a folder the user names (--out); `VaultStore` puts it in the vault (the default).
 */
import type { CaptureResult } from '../capture/visit.js';
import type { SealConfig } from '../seal/seal.js';

export interface CaptureSlot {
  id: string;
  tmpDir: string;
}

export interface Committed {
  /** The folder to open: the capture folder, or the vault item's working copy. */
  dir: string;
  item: string | null;
  case: string | null;
}

export interface Interrupted {
  id: string;
  url: string;
  started_at: string;
  tmpDir: string;
}

export interface CaptureStore {
  /** A fresh temporary folder on the same file system as the capture's final place. */
  begin(id: string, url: URL): Promise<CaptureSlot>;
  /** Put the finished, sealed capture in place (files, index and custody event: all or nothing). */
  commit(slot: CaptureSlot, result: Pick<CaptureResult, 'manifest' | 'seal'>): Promise<Committed>;
  close(): Promise<void>;
  /** Captures found interrupted by an earlier crash (reported to the user once). */
  markInterrupted?(): Promise<Interrupted[]>;
  /** Timestamps earlier captures that are awaiting one (called once a TSA has been seen to answer). */
  completePendingSeals?(config: SealConfig): Promise<PendingSealResult[]>;
}

export interface PendingSealResult {
  item: string;
  dir: string | null;
  state: 'timestamped' | 'awaiting-timestamp';
  timestamps: number;
  attempts: { url: string; ok: boolean; error?: string }[];
}
