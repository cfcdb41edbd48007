/** One line of a verification report: what was checked, whether it passed, and why, in Chinese and English. */
export interface Check {
  name: string;
  ok: boolean;
  /** English. */
  detail: string;
  zh: string;
}

export function check(name: string, ok: boolean, zh: string, detail: string): Check {
  return { name, ok, zh, detail };
}

export const allOk = (checks: Check[]) => checks.length > 0 && checks.every((c) => c.ok);
