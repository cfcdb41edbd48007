/**
 * Every error a user can meet carries a stable code and a message in Simplified Chinese and English.
 * The CLI prints both; `--json` output carries the code so scripts can react to it.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_URL_INVALID'
  | 'E_URL_SCHEME'
  | 'E_BROWSER_NOT_FOUND'
  | 'E_BROWSER_LAUNCH'
  | 'E_BROWSER_CRASHED'
  | 'E_DNS'
  | 'E_CONNECTION_REFUSED'
  | 'E_TLS'
  | 'E_REDIRECT_LOOP'
  | 'E_TIMEOUT'
  | 'E_NETWORK'
  | 'E_NAVIGATION'
  | 'E_SIZE_CAP'
  | 'E_FFMPEG_NOT_FOUND'
  | 'E_STORE'
  | 'E_DB'
  | 'E_STORAGE_UNAVAILABLE'
  | 'E_UNREADABLE'
  | 'E_KEY'
  | 'E_NOT_FOUND'
  | 'E_EXISTS'
  | 'E_FACTS'
  | 'E_NOT_SEALED'
  | 'E_NOT_PACKAGE'
  | 'E_AUTH'
  | 'E_FORBIDDEN'
  | 'E_QUOTA'
  | 'E_RATE_LIMIT'
  | 'E_SSRF'
  | 'E_HOST'
  | 'E_ORIGIN'
  | 'E_TOO_LARGE'
  | 'E_FORMAT'
  | 'E_INTERNAL';

export class GuzhengError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly detail?: string;

  constructor(code: ErrorCode, zh: string, en: string, detail?: string) {
    super(`${code}: ${en}${detail ? ` (${detail})` : ''}`);
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.detail = detail;
  }

  /** One line each language, as the CLI prints it. */
  bilingual(): string {
    const d = this.detail ? `\n  ${this.detail}` : '';
    return `[${this.code}] ${this.zh}\n[${this.code}] ${this.en}${d}`;
  }

  toJSON() {
    return { code: this.code, zh: this.zh, en: this.en, detail: this.detail };
  }
}

/** Wrap anything thrown into a GuzhengError without losing its original message. */
export function asGuzhengError(err: unknown): GuzhengError {
  if (err instanceof GuzhengError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new GuzhengError('E_INTERNAL', '内部错误', 'Internal error', message.split('\n')[0]);
}
