/** One environment check: what was asked, what came back (raw), and the conclusion — or why it was not measured. */
export interface CheckResult<T = unknown> {
  name: string;
  measured: boolean;
  /** The conclusion, when measured. */
  value?: T;
  /** "not measured: <reason>" when not. */
  notMeasured?: string;
  /** Raw output of the check, kept as evidence. */
  raw?: unknown;
  at: string;
}

export function measured<T>(name: string, value: T, raw?: unknown): CheckResult<T> {
  return { name, measured: true, value, raw, at: new Date().toISOString() };
}

export function notMeasured(name: string, reason: string, raw?: unknown): CheckResult<never> {
  return { name, measured: false, notMeasured: `not measured: ${reason}`, raw, at: new Date().toISOString() };
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}
