/**
 * Verifying an evidence package, offline, through a PackageReader (Node or the verifier page):
 *   - every member name is safe, and the file list (datapackage.json) matches the members exactly: each listed file
 *     is there with its size and SHA-256, and nothing is there that is not listed;
 *   - the file list's signature (datapackage-digest.json, WACZ anonymous signedData);
 *   - each item (guzheng/items/<id>/): files against its manifest, the manifest's signature, its timestamp tokens,
 *     its custody chain; and the case's custody chain.
 * A third-party WACZ gets the same file-list checks and is reported "not signed" when it carries no signature.
 * `valid` means every check passed (as before); `state` adds whether the time is fixed: a package whose items are
 * intact but not all timestamped is 'intact-time-not-fixed' (amber), with those items in `timeNotFixed`.
 */
import { check } from '../seal/check.js';
import { verifyChains, type CustodyEvent } from '../seal/custody-chain.js';
import { verificationState, verifySealedItem, type ItemCryptography, type ReportCheck, type VerificationState } from '../seal/verify-item.js';
import type { AnonymousSignedData } from '../seal/signature.js';
import { CASE, CUSTODY, DATAPACKAGE, DATAPACKAGE_DIGEST, ITEMS, TSA_ROOTS, itemIdsIn, packagePath, unsafeName, type DataPackage } from './layout.js';
import { memoizeDigests, type PackageReader } from './reader.js';
import { verifyWatch, watchStreams } from './verify-watch.js';

const MAX_JSON = 64 * 1024 * 1024;
const text = new TextDecoder();

export interface PackageVerification {
  /** Every check passed: the package is intact (its time may still not be fixed; see `state`). */
  valid: boolean;
  state: VerificationState;
  /** Every item carries at least one valid trusted timestamp. */
  timeFixed: boolean;
  /** The items whose time is not fixed by a third party. */
  timeNotFixed: string[];
  checks: ReportCheck[];
  signedBy: string | null;
  items: string[];
}

export interface VerifyOptions {
  sm3?: boolean;
  /** Builds the cryptography once the package's own TSA roots are known. */
  cryptography(packageRoots: Uint8Array[]): Promise<ItemCryptography>;
  /**
   * More checks of one item that need more than this module may use (the CLI repeats an e-mail's DKIM check from the
   * DNS answers recorded at import); `read` gives the item's files by the names its manifest lists.
   */
  itemChecks?(id: string, read: (path: string) => Promise<Uint8Array | null>): Promise<ReportCheck[]>;
}

async function readJson<T>(reader: PackageReader, name: string): Promise<T> {
  return JSON.parse(text.decode(await reader.read(name, MAX_JSON))) as T;
}

export async function verifyPackage(input: PackageReader, options: VerifyOptions): Promise<PackageVerification> {
  const reader = memoizeDigests(input);
  const checks: ReportCheck[] = [];
  const timeNotFixed: string[] = [];
  const names = reader.entries.map((e) => e.name);
  const has = new Set(names);
  const withSm3 = Boolean(options.sm3 && reader.canSm3);

  const unsafe = names.map((n) => [n, unsafeName(n)] as const).filter(([, why]) => why);
  checks.push(unsafe.length
    ? check('zip: names', false, `有不安全的文件名（可能试图写到别处）：${unsafe.map(([n, w]) => `${n}（${w}）`).join('，')}`, `unsafe member names (they could write elsewhere): ${unsafe.map(([n, w]) => `${n} (${w})`).join(', ')}`)
    : check('zip: names', true, `${names.length} 个文件，文件名都安全`, `${names.length} members, all names safe`));

  // The file list and its signature.
  let dp: DataPackage | null = null;
  if (!has.has(DATAPACKAGE)) {
    checks.push(check('datapackage', false, '缺少文件清单 datapackage.json：这不是 WACZ 证据包', 'datapackage.json is missing: this is not a WACZ package'));
  } else {
    try {
      dp = await readJson<DataPackage>(reader, DATAPACKAGE);
      if (!Array.isArray(dp.resources)) throw new Error('no resources');
      checks.push(check('datapackage', true, `文件清单可读（WACZ ${dp.wacz_version ?? '?'}，${dp.resources.length} 个文件）`, `file list readable (WACZ ${dp.wacz_version ?? '?'}, ${dp.resources.length} files)`));
    } catch (err) {
      dp = null;
      checks.push(check('datapackage', false, `文件清单无法解析：${(err as Error).message}`, `datapackage.json cannot be parsed: ${(err as Error).message}`));
    }
  }

  const crypto = await options.cryptography(await Promise.all(names.filter((n) => n.startsWith(TSA_ROOTS) && n.endsWith('.pem') && !unsafeName(n)).map((n) => reader.read(n, 1 << 20))));
  let signedBy: string | null = null;
  if (!has.has(DATAPACKAGE_DIGEST)) {
    checks.push(check('package signature', false, '没有签名：文件与包内清单一致，但没有人为这份清单作保', 'not signed: the files match the package\'s own list, but nobody vouches for the list'));
  } else if (dp) {
    try {
      const digest = await readJson<DigestFile>(reader, DATAPACKAGE_DIGEST);
      let altered: string | null;
      const actual = `sha256:${(await reader.digest(DATAPACKAGE, false)).sha256}`;
      if (digest.hash !== actual) {
        checks.push(check('package signature', false, '文件清单在签名后被改动', 'datapackage.json was changed after it was signed'));
      } else if (!digest.signedData) {
        checks.push(check('package signature', false, '没有签名：只有清单的哈希，没有签名', 'not signed: the digest file holds a hash but no signature'));
      } else if (digest.signedData.hash !== digest.hash || !(await crypto.verifySignedData(digest.signedData))) {
        checks.push(check('package signature', false, '文件清单的签名无效', 'the signature of the file list does not verify'));
      } else if ((altered = unsignedFieldsAltered(digest, dp, await reader.read(DATAPACKAGE_DIGEST, MAX_JSON)))) {
        checks.push(check('package signature', false, `签名文件中未被签名覆盖的内容被改动：${altered}`, `a part of the signature file that the signature does not cover was altered: ${altered}`));
      } else {
        signedBy = await crypto.sha256Hex(Uint8Array.from(atob(digest.signedData.publicKey), (c) => c.charCodeAt(0)));
        checks.push(check('package signature', true, `文件清单签名有效，签名密钥指纹 ${signedBy}`, `file list signature valid, signing key fingerprint ${signedBy}`));
      }
    } catch (err) {
      checks.push(check('package signature', false, `签名文件无法解析：${(err as Error).message}`, `datapackage-digest.json cannot be parsed: ${(err as Error).message}`));
    }
  }

  // Every listed file present and unchanged; nothing unlisted. Digests are started two at a time (large members
  // hash on their own threads where the reader can), then read back in order.
  if (dp) {
    const queue = dp.resources.filter((r) => has.has(r.path)).sort((a, b) => b.bytes - a.bytes);
    await Promise.all([0, 1].map(async () => {
      for (let r = queue.shift(); r; r = queue.shift()) await reader.digest(r.path, withSm3).catch(() => undefined);
    }));
    const bad: string[] = [];
    const listed = new Set<string>();
    for (const r of dp.resources) {
      listed.add(r.path);
      if (!has.has(r.path)) {
        bad.push(`${r.path}: missing / 缺失`);
        continue;
      }
      try {
        const d = await reader.digest(r.path, withSm3);
        if (`sha256:${d.sha256}` !== r.hash || d.size !== r.bytes) bad.push(`${r.path}: sha256:${d.sha256} ≠ ${r.hash}`);
      } catch (err) {
        bad.push(`${r.path}: ${(err as Error).message}`);
      }
    }
    checks.push(bad.length
      ? check('files', false, `${bad.length} 个文件缺失或被改动：${bad.join('；')}`, `${bad.length} file(s) missing or changed: ${bad.join('; ')}`)
      : check('files', true, `清单中的 ${dp.resources.length} 个文件都在，SHA-256 一致`, `all ${dp.resources.length} listed files present, SHA-256 matches`));
    const extra = names.filter((n) => !listed.has(n) && n !== DATAPACKAGE && n !== DATAPACKAGE_DIGEST);
    checks.push(extra.length
      ? check('nothing added', false, `有清单之外的文件：${extra.join('，')}`, `files not in the list: ${extra.join(', ')}`)
      : check('nothing added', true, '没有清单之外的文件', 'no file outside the list'));
  }

  // Items and custody.
  let events: CustodyEvent[] | null = null;
  let watchCount = 0;
  if (has.has(CUSTODY)) {
    try {
      events = text.decode(await reader.read(CUSTODY, MAX_JSON)).split('\n').filter(Boolean).map((l) => JSON.parse(l) as CustodyEvent);
    } catch (err) {
      checks.push(check('custody', false, `保管记录无法解析：${(err as Error).message}`, `the custody log cannot be parsed: ${(err as Error).message}`));
    }
  }
  const items = itemIdsIn(names.filter((n) => !unsafeName(n)));
  for (const id of items) {
    const prefix = `${ITEMS}${id}/`;
    const read = async (p: string) => (has.has(packagePath(id, p)) ? reader.read(packagePath(id, p), MAX_JSON).catch(() => null) : null);
    const r = await verifySealedItem({
      label: `item ${id}`,
      read,
      digest: async (p) => (has.has(packagePath(id, p)) ? reader.digest(packagePath(id, p), withSm3).catch(() => null) : null),
      timestampPaths: names.filter((n) => n.startsWith(`${prefix}seal/timestamps/`) && n.endsWith('.tsr')).map((n) => n.slice(prefix.length)).sort(),
      events: events ? events.filter((e) => e.stream === id) : null,
    }, crypto, { sm3: withSm3 });
    checks.push(...r.checks);
    if (options.itemChecks && r.checks.every((c) => c.ok)) checks.push(...(await options.itemChecks(id, read)));
    else if (!options.itemChecks && r.manifest?.source?.kind === 'email' && r.manifest.source.format !== 'msg') {
      // The page cannot run the DKIM check; it says where it can be repeated instead of passing over it.
      checks.push({ ...check(`item ${id}: dkim (offline)`, true, '邮件的 DKIM 签名未在本页复核：请用命令 guzheng verify 核对（它会用导入时记录的 DNS 应答离线复核）',
        'the e-mail\'s DKIM signatures are not re-checked on this page: run guzheng verify (it re-checks them offline from the DNS answers recorded at import)'), warning: true });
    }
    if (!r.timeFixed) timeNotFixed.push(id);
    if (r.manifest && r.manifest.id !== id) checks.push(check(`item ${id}: id`, false, `清单中的编号是 ${r.manifest.id}，与所在文件夹不符`, `the manifest's id is ${r.manifest.id}, not the folder's`));
  }
  if (events) {
    const watches = watchStreams(events);
    for (const w of watches) {
      const r = await verifyWatch(w, events, reader, has, crypto);
      checks.push(...r.checks);
      if (!r.timeFixed) timeNotFixed.push(`watch ${w}`);
    }
    // The watches the package says it holds (case.json, under the signature) are the ones its custody log holds.
    const listed = has.has(CASE) ? await readJson<{ watches?: string[] }>(reader, CASE).then((c) => c.watches ?? null, () => null) : null;
    if (listed) {
      const same = listed.length === watches.length && listed.every((w) => watches.includes(w));
      checks.push(same ? check('watches', true, `案件的 ${watches.length} 个关注都有记录`, `all ${watches.length} watch(es) of the case have their records`)
        : check('watches', false, `case.json 列出的关注（${listed.length} 个）与保管记录中的（${watches.length} 个）不符`, `case.json lists ${listed.length} watch(es), the custody log holds ${watches.length}`));
    }
    watchCount = watches.length;
    const itemSet = new Set(items);
    const others = events.filter((e) => !itemSet.has(e.stream));
    const problems = await verifyChains(others, crypto.sha256Text);
    checks.push(problems.length
      ? check('case custody', false, problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '))
      : check('case custody', true, `案件保管记录 ${others.length} 条，哈希链完整`, `case custody log of ${others.length} event(s), intact`));
  } else if (items.length && !has.has(CUSTODY)) {
    checks.push(check('custody', false, '缺少保管记录 guzheng/custody.jsonl', 'the custody log guzheng/custody.jsonl is missing'));
  }
  const valid = checks.length > 0 && checks.every((c) => c.ok);
  const timeFixed = items.length + watchCount > 0 && timeNotFixed.length === 0;
  return { valid, state: verificationState(checks, timeFixed), timeFixed, timeNotFixed, checks, signedBy, items };
}

type DigestFile = { path: string; hash: string; signedData?: AnonymousSignedData };

/**
 * The anonymous WACZ signature covers only the hash. The digest file's other fields (path, created, software,
 * version) must agree with datapackage.json, and a digest file written by guzheng must be byte for byte as guzheng
 * writes it, so that no byte of a package can change unnoticed.
 */
function unsignedFieldsAltered(digest: DigestFile, dp: DataPackage, bytes: Uint8Array): string | null {
  const sd = digest.signedData!;
  if (digest.path !== DATAPACKAGE) return `path "${digest.path}"`;
  if (dp.created && sd.created !== dp.created) return `created ${sd.created} ≠ ${dp.created}`;
  const ours = sd.software === 'guzheng' || (dp.software ?? '').startsWith('guzheng ');
  if (!ours) return null;
  if (`${sd.software} ${sd.version}` !== dp.software) return `software ${sd.software} ${sd.version} ≠ ${dp.software}`;
  const canonical = JSON.stringify({ path: digest.path, hash: digest.hash, signedData: { hash: sd.hash, created: sd.created, software: sd.software, version: sd.version, signature: sd.signature, publicKey: sd.publicKey } }, null, 2) + '\n';
  return text.decode(bytes) === canonical ? null : 'not as guzheng writes it';
}
