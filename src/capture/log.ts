/** The capture log (log.jsonl): one JSON object per line, appended as things happen, each with its UTC time. */
import { appendFileSync } from 'node:fs';

export type LogEntry =
  | { type: 'capture'; event: 'start' | 'end'; url: string; status?: string }
  | { type: 'step'; name: string; startedAt: string; endedAt: string; outcome: 'ok' | 'failed' | 'skipped'; detail?: string; code?: string }
  | { type: 'note'; message: string; detail?: unknown };

export type LoggedEntry = LogEntry & { at: string };

export class CaptureLog {
  /** `listener` hears each entry once it is written (a front's progress display); it never changes the log. */
  constructor(private readonly path: string, private readonly listener?: (entry: LoggedEntry) => void) {}

  write(entry: LogEntry): void {
    const logged = { at: new Date().toISOString(), ...entry };
    appendFileSync(this.path, JSON.stringify(logged) + '\n');
    try {
      this.listener?.(logged);
    } catch {
      // A progress display that fails must not stop the capture.
    }
  }
}
