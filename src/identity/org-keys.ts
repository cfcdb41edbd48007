/**
 * Each organisation signs its captures and packages with its own key, whichever worker made them: a package then
 * names the organisation as the witness (one key, one fingerprint), not a machine. The key is made on first use and
 * kept in the database with its private half encrypted (AES-256-GCM, key from scrypt of GUZHENG_KEY_SECRET), so
 * that every worker can use it and a copy of the database alone cannot. A worker writes it, owner-only, into its
 * own data folder as it would an installation key, and signs from there.
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';
import type { Vault } from '../vault/vault.js';

export const MIN_SECRET = 16;

export function keySecret(env: NodeJS.ProcessEnv = process.env): string {
  const s = env.GUZHENG_KEY_SECRET ?? '';
  if (s.length < MIN_SECRET) {
    throw new GuzhengError('E_KEY', `请用环境变量 GUZHENG_KEY_SECRET 给出组织签名密钥的保护口令（至少 ${MIN_SECRET} 个字符，serve 和所有工作进程相同）`,
      `Set GUZHENG_KEY_SECRET, the passphrase that protects the organisations' signing keys (at least ${MIN_SECRET} characters, the same for serve and every worker)`);
  }
  return s;
}

function encrypt(pem: string, secret: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(secret, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(pem, 'utf8'), c.final()]);
  return Buffer.concat([salt, iv, c.getAuthTag(), body]).toString('base64');
}

function decrypt(blob: string, secret: string): string {
  const b = Buffer.from(blob, 'base64');
  const key = scryptSync(secret, b.subarray(0, 16), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const d = createDecipheriv('aes-256-gcm', key, b.subarray(16, 28));
  d.setAuthTag(b.subarray(28, 44));
  try {
    return Buffer.concat([d.update(b.subarray(44)), d.final()]).toString('utf8');
  } catch {
    throw new GuzhengError('E_KEY', 'GUZHENG_KEY_SECRET 与创建组织密钥时的不同，无法解开组织签名密钥', 'GUZHENG_KEY_SECRET is not the one the organisation key was made with: the key cannot be opened');
  }
}

/** Keys opened by this process (opening one costs a scrypt): an organisation's key never changes once made. */
const opened = new Map<string, { pem: string; fingerprint: string }>();

/** The organisation's key as PKCS#8 PEM, made (once, whoever asks first) when it has none. */
export async function orgKeyPem(vault: Vault, orgId: string, secret: string): Promise<{ pem: string; fingerprint: string }> {
  const memo = `${orgId} ${createHash('sha256').update(secret).digest('hex')}`;
  const known = opened.get(memo);
  if (known) return known;
  let row = await vault.db.selectFrom('org_keys').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    await vault.db.insertInto('org_keys').values({ org_id: orgId, public_pem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string,
      fingerprint: createHash('sha256').update(spki).digest('hex'), private_enc: encrypt(pem, secret), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('org_id').doNothing()).execute();
    row = await vault.db.selectFrom('org_keys').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
  }
  const key = { pem: decrypt(row.private_enc, secret), fingerprint: row.fingerprint };
  opened.set(memo, key);
  return key;
}

/**
 * A folder whose keys/installation-key.pem is the organisation's key (what the seal and the export sign with):
 * <home>/orgs/<org id>, written owner-only when it is missing or differs.
 */
export async function orgKeyHome(vault: Vault, home: string, orgId: string, secret: string): Promise<string> {
  if (!/^[0-9a-f-]{36}$/.test(orgId)) throw new GuzhengError('E_INTERNAL', '组织编号无效', 'Not an organisation id');
  const { pem } = await orgKeyPem(vault, orgId, secret);
  const dir = join(home, 'orgs', orgId);
  const keys = join(dir, 'keys');
  const path = join(keys, 'installation-key.pem');
  let current: string | null = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    /* first use on this machine */
  }
  if (current !== pem) {
    mkdirSync(keys, { recursive: true, mode: 0o700 });
    chmodSync(keys, 0o700);
    writeFileSync(path, pem, { mode: 0o600 });
    writeFileSync(join(keys, 'installation-key.pub.pem'), createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }));
  }
  return dir;
}
