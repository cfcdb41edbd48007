/** The capture log (log.jsonl): one JSON object per line, appended as things happen, each with its UTC time. */
import { appendFileSync } from 'node:fs';

export type LogEntry =
  | { type: 'capture'; event: 'start' | 'end'; url: string; status?: string }
  | { type: 'step'; name: string; startedAt: string; endedAt: string; outcome: 'ok' | 'failed' | 'skipped'; detail?: string; code?: string }
  | { type: 'note'; message: string; detail?: unknown };

export class CaptureLog {
  constructor(private readonly path: string) {}

  write(entry: LogEntry): void {
    appendFileSync(this.path, JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n');
  }
}
