/**
 * Passwords, hashed with scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1; about 128 MiB and a few hundred
 * milliseconds each), stored as scrypt$N$r$p$salt$hash. A password is never stored or logged as given.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { GuzhengError } from '../errors.js';

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEYLEN, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export const MIN_PASSWORD = 12;

export function checkPasswordRules(password: string): void {
  if ([...password].length < MIN_PASSWORD) {
    throw new GuzhengError('E_USAGE', `密码至少 ${MIN_PASSWORD} 个字符`, `A password has at least ${MIN_PASSWORD} characters`);
  }
  if ([...password].length > 1024) throw new GuzhengError('E_USAGE', '密码太长', 'The password is too long');
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash of no password: compared against when the e-mail is unknown, so that the answer takes as long. */
let decoy: Promise<string> | null = null;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const hash = stored ?? (await (decoy ??= hashPassword(randomBytes(24).toString('base64'))));
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64');
  const got = await scrypt(password.slice(0, 1024), Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return stored !== null && got.length === want.length && timingSafeEqual(got, want);
}
