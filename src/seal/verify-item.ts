/**
 * Verifying one sealed item wherever it is kept — in the vault, in an exported package, in a capture folder —
 * through a small source interface. Free of Node APIs (hashing and token checks are passed in), so the verifier
 * page runs the same code. The checks:
 *   1. every file the manifest lists is there, with its size and SHA-256 (SM3 too when asked and available);
 *   2. the signature: it is over this manifest's SHA-256 and verifies with the public key beside it;
 *   3. every timestamp token: about the signature's bytes, signed, chained to a trusted root at its genTime;
 *   4. the custody log of the item, when there is one: an unbroken chain that agrees with the manifest, the
 *      signature and the tokens.
 * The outcome has three states, not two: valid with its time fixed by a trusted timestamp; intact but with its time
 * NOT fixed by a third party (signed, no valid token yet: shown in amber, never as a tick); invalid.
 */
import type { Manifest } from '../capture/manifest.js';
import { allOk, check, type Check } from './check.js';
import { verifyChains, type CustodyEvent, type Sha256Text } from './custody-chain.js';
import type { SignatureFile } from './seal.js';
import type { AnonymousSignedData } from './signature.js';

export interface SealedItemSource {
  /** How the item is named in the report. */
  label: string;
  read(path: string): Promise<Uint8Array | null>;
  /** SHA-256 (and SM3 when asked) of the bytes at `path` as they are now; null when missing. */
  digest(path: string, withSm3: boolean): Promise<{ sha256: string; size: number; sm3?: string } | null>;
  /** Paths of the timestamp tokens kept with the item. */
  timestampPaths: string[];
  /** The item's custody events in order; null when the item has no custody log (a plain capture folder). */
  events: CustodyEvent[] | null;
}

export interface ItemCryptography {
  sha256Hex(bytes: Uint8Array): Promise<string> | string;
  sha256Text: Sha256Text;
  verifySignedData(s: AnonymousSignedData): Promise<boolean> | boolean;
  verifyToken(token: Uint8Array, data: Uint8Array): Promise<{ valid: boolean; genTime: string | null; problems: string[]; tsa: string | null }>;
}

/**
 * A check line. `warning` marks a line that passed but leaves something to do (the time not fixed by a third party):
 * it is shown in amber, not as a tick, and it does not make the result invalid.
 */
export interface ReportCheck extends Check {
  warning?: true;
}

export interface ItemVerification {
  checks: ReportCheck[];
  manifest: Manifest | null;
  signature: SignatureFile | null;
  genTimes: string[];
  /** At least one valid trusted timestamp: the time of existence is fixed by a third party. */
  timeFixed: boolean;
}

/** 'valid': intact, time fixed by a trusted timestamp · 'intact-time-not-fixed': intact, time NOT fixed by a third party · 'invalid'. */
export type VerificationState = 'valid' | 'intact-time-not-fixed' | 'invalid';

export function verificationState(checks: Check[], timeFixed: boolean): VerificationState {
  if (!allOk(checks)) return 'invalid';
  return timeFixed ? 'valid' : 'intact-time-not-fixed';
}

/** The headline of a report, for the CLI and the verifier page. `what` names what was checked. */
export function stateHeadline(state: VerificationState, what: { zh: string; en: string }): { zh: string; en: string; mark: string } {
  if (state === 'valid') return { mark: '✔', zh: `${what.zh}：全部通过，存在时间已由可信时间戳固定`, en: `${what.en}: VALID, time fixed by a trusted timestamp` };
  if (state === 'intact-time-not-fixed') return { mark: '⚠', zh: `${what.zh}：文件完整，但存在时间未经第三方固定`, en: `${what.en}: INTACT, but the time is NOT fixed by a third party` };
  return { mark: '✘', zh: `${what.zh}：未通过`, en: `${what.en}: NOT VALID` };
}

/** What the amber state means and what to do about it. */
export const TIME_NOT_FIXED_ADVICE = {
  zh: '没有有效的可信时间戳：文件自签名以来没有被改动，但“何时存在”只有本机签名为凭，而本机时钟可以被任意调整。取证人联网后运行 guzheng seal --pending（--out 写出的文件夹用 guzheng seal <文件夹>）补上时间戳；证据包需在补上后重新导出。',
  en: 'No valid trusted timestamp: the files have not changed since they were signed, but when they existed rests only on the local signature, and a local clock can be set to anything. When online, whoever captured it runs guzheng seal --pending (guzheng seal <folder> for a folder written with --out) to add timestamps; a package must then be exported again.',
};

const text = new TextDecoder();

export async function verifySealedItem(src: SealedItemSource, crypto: ItemCryptography, options: { sm3?: boolean } = {}): Promise<ItemVerification> {
  const checks: ReportCheck[] = [];
  const L = src.label;
  const out: ItemVerification = { checks, manifest: null, signature: null, genTimes: [], timeFixed: false };

  const manifestBytes = await src.read('manifest.json');
  if (!manifestBytes) {
    checks.push(check(`${L}: manifest`, false, '缺少清单 manifest.json', 'manifest.json is missing'));
    return out;
  }
  const manifestSha = await crypto.sha256Hex(manifestBytes);
  try {
    out.manifest = JSON.parse(text.decode(manifestBytes)) as Manifest;
    if (!Array.isArray(out.manifest.files)) throw new Error('no files');
  } catch {
    checks.push(check(`${L}: manifest`, false, '清单 manifest.json 无法解析', 'manifest.json cannot be parsed'));
    return out;
  }

  // 1. Files.
  const bad: string[] = [];
  for (const f of out.manifest.files) {
    const d = await src.digest(f.path, Boolean(options.sm3));
    if (!d) bad.push(`${f.path}: missing / 缺失`);
    else if (d.sha256 !== f.sha256 || d.size !== f.size) bad.push(`${f.path}: SHA-256 ${d.sha256} ≠ ${f.sha256}`);
    else if (options.sm3 && d.sm3 && d.sm3 !== f.sm3) bad.push(`${f.path}: SM3 ${d.sm3} ≠ ${f.sm3}`);
  }
  checks.push(bad.length
    ? check(`${L}: files`, false, `${bad.length} 个文件缺失或被改动：${bad.join('；')}`, `${bad.length} file(s) missing or changed: ${bad.join('; ')}`)
    : check(`${L}: files`, true, `清单所列 ${out.manifest.files.length} 个文件都在，哈希一致${options.sm3 ? '（SHA-256 与 SM3）' : '（SHA-256）'}`,
      `all ${out.manifest.files.length} files listed in the manifest are present and match${options.sm3 ? ' (SHA-256 and SM3)' : ' (SHA-256)'}`));

  // 2. Signature.
  const sigBytes = await src.read('seal/signature.json');
  let sig: SignatureFile | null = null;
  try {
    sig = sigBytes ? (JSON.parse(text.decode(sigBytes)) as SignatureFile) : null;
  } catch {
    sig = null;
  }
  out.signature = sig;
  if (!sig?.signedData) {
    checks.push(check(`${L}: signature`, false, sigBytes ? '签名文件无法解析' : '没有签名（未封存）', sigBytes ? 'the signature file cannot be parsed' : 'not signed (no seal/signature.json)'));
  } else if (sig.signedData.hash !== `sha256:${manifestSha}`) {
    checks.push(check(`${L}: signature`, false, '签名针对的不是这份清单：清单在签名后被改动或替换', 'the signature is over another manifest: the manifest was changed or replaced after signing'));
  } else if (!(await crypto.verifySignedData(sig.signedData))) {
    checks.push(check(`${L}: signature`, false, '签名无效', 'the signature does not verify'));
  } else {
    checks.push(check(`${L}: signature`, true, `签名有效（密钥指纹 ${sig.keyFingerprint}）`, `signature valid (key fingerprint ${sig.keyFingerprint})`));
  }

  // 3. Timestamps over the signature.
  if (sig?.signedData) {
    const stamped = new TextEncoder().encode(sig.signedData.signature);
    for (const p of src.timestampPaths) {
      const token = await src.read(p);
      if (!token) {
        checks.push(check(`${L}: ${p}`, false, '时间戳文件缺失', 'the timestamp file is missing'));
        continue;
      }
      const r = await crypto.verifyToken(token, stamped).catch((err: Error) => ({ valid: false, genTime: null, problems: [`cannot parse: ${err.message}`], tsa: null }));
      if (r.valid && r.genTime) out.genTimes.push(r.genTime);
      checks.push(r.valid
        ? check(`${L}: ${p}`, true, `可信时间戳有效：${r.genTime}（${r.tsa ?? '时间戳服务机构'}）`, `trusted timestamp valid: ${r.genTime} (${r.tsa ?? 'TSA'})`)
        : check(`${L}: ${p}`, false, `时间戳无效：${r.problems.join('；')}`, `timestamp not valid: ${r.problems.join('; ')}`));
    }
    if (!src.timestampPaths.length) {
      checks.push({ ...check(`${L}: timestamps`, true, '存在时间未经第三方固定：没有可信时间戳（封存时连不上时间戳服务），只有本机签名。联网后运行 guzheng seal --pending 补上',
        'time NOT fixed by a third party: no trusted timestamp (no TSA could be reached when sealed), only the local signature. When online, run guzheng seal --pending to add one'), warning: true });
    }
  }
  out.timeFixed = out.genTimes.length > 0;

  // 4. Custody.
  if (src.events) {
    const problems = await verifyChains(src.events, crypto.sha256Text);
    const created = src.events.find((e) => e.type === 'created');
    const createdSha = (created?.detail.manifest as { sha256?: string } | undefined)?.sha256;
    if (!created) problems.push({ stream: L, index: -1, zh: '保管记录里没有“创建”记录', en: 'the custody log has no "created" event' });
    else if (createdSha !== manifestSha) problems.push({ stream: L, index: -1, zh: '保管记录中的清单哈希与清单不符', en: 'the manifest hash in the custody log differs from the manifest' });
    const sealed = src.events.find((e) => e.type === 'sealed');
    if (sig && sealed && sealed.detail.keyFingerprint !== sig.keyFingerprint) {
      problems.push({ stream: L, index: -1, zh: '签名密钥与保管记录中的密钥不同：清单被另一把密钥重新签名', en: 'the signing key differs from the one in the custody log: the manifest was re-signed with another key' });
    }
    checks.push(problems.length
      ? check(`${L}: custody`, false, problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '))
      : check(`${L}: custody`, true, `保管记录 ${src.events.length} 条，哈希链完整`, `custody log of ${src.events.length} event(s), hash chain intact`));
  }
  return out;
}
