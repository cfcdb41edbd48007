/**
 * guzheng export: one item or a whole case as one zip in the WACZ 1.1.1 layout plus a guzheng/ folder (see
 * layout.ts). Every artifact is re-read from the vault and checked against its hash before it goes in; the package's
 * file list (datapackage.json) is signed with the installation key; each exported item and the case get an
 * "exported" custody event with the package's SHA-256.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GuzhengError } from '../errors.js';
import type { Manifest } from '../capture/manifest.js';
import { sha256File, sha256Hex } from '../seal/digests.js';
import { loadOrCreateInstallationKey } from '../seal/keys.js';
import { hashString, signHash } from '../seal/signature.js';
import { TOOL_NAME, TOOL_VERSION, verifierPagePath } from '../tool.js';
import type { ArtifactRow, CaseRow, ItemRow, Vault } from '../vault/vault.js';
import { cdxjIndex } from './cdxj.js';
import { certificateHtml, type CertificateItem } from './certificate.js';
import { CASE, CERTIFICATE, CUSTODY, DATAPACKAGE, DATAPACKAGE_DIGEST, INDEX, PAGES, TSA_ROOTS, VERIFIER, WACZ_VERSION, packagePath, type DataPackage } from './layout.js';
import { writeZip, type ZipMember } from './zip-writer.js';

export interface ExportResult {
  file: string;
  sha256: string;
  size: number;
  items: string[];
  case: string;
  skipped: { item: string; status: string }[];
}

interface Exported {
  item: ItemRow;
  artifacts: ArtifactRow[];
  manifest: Manifest;
}

const EXPORTABLE = new Set(['COMPLETE', 'PARTIAL', 'FAILED']);

export async function exportPackage(vault: Vault, ref: string, out: string, renderPdf: (html: string, file: string) => Promise<void>, keyHome = vault.home): Promise<ExportResult> {
  if (existsSync(out)) throw new GuzhengError('E_EXISTS', `文件已存在，不会覆盖：${out}`, `The file exists and is not overwritten: ${out}`);
  const found = await vault.findItemOrCase(ref);
  const kase: CaseRow = 'case' in found ? found.case : await vault.findCase(found.item.case_id);
  const candidates = 'item' in found ? [found.item] : await vault.itemsOfCase(kase.id);
  const skipped = candidates.filter((i) => !EXPORTABLE.has(i.status) || i.legacy).map((i) => ({ item: i.id, status: i.legacy ? 'legacy' : i.status }));
  const chosen: Exported[] = [];
  for (const item of candidates.filter((i) => EXPORTABLE.has(i.status) && !i.legacy)) {
    const artifacts = await vault.artifacts(item.id);
    const manifestRow = artifacts.find((a) => a.path === 'manifest.json');
    if (!manifestRow) continue;
    chosen.push({ item, artifacts, manifest: JSON.parse(await readFile(await vault.blobs.local(manifestRow.sha256), 'utf8')) as Manifest });
  }
  const watches = 'case' in found ? await (await import('./watch-export.js')).watchExport(vault, kase.id) : null;
  if (!chosen.length && !watches?.streams.length) throw new GuzhengError('E_NOT_FOUND', '没有可导出的证据（取证中、被中断或旧版本的记录不能导出）', 'Nothing to export (captures in progress, interrupted or from an earlier version cannot be exported)');

  const staging = join(vault.home, 'tmp', `export-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  try {
    const exportedAt = new Date();
    const members: ZipMember[] = [];
    const hashes = new Map<string, { sha256: string; bytes: number }>();
    // Each stored file as a local file (from the bucket's cache on a server), checked against its hash as it is now.
    const files = new Map<string, string>();
    const fileOf = (sha256: string) => files.get(sha256)!;
    // A bucket's cache may be trimmed while the package is made: each file is linked into the staging folder first.
    const held = join(staging, 'held');
    if (vault.blobs.trimmed) await mkdir(held);
    const hold = async (sha256: string, file: string) => {
      if (!vault.blobs.trimmed) return file;
      const own = join(held, sha256);
      await link(file, own).catch(() => copyFile(file, own));
      return own;
    };
    const checked = async (sha256: string) => {
      if (files.has(sha256)) return files.get(sha256)!;
      const file = await vault.blobs.local(sha256).then((f) => hold(sha256, f)).catch(() => null);
      const ok = file !== null && (await sha256File(file).catch(() => null)) === sha256;
      if (ok) files.set(sha256, file);
      return ok ? file : null;
    };

    // The artifacts, each checked against its hash as it is now on disk.
    for (const { item, artifacts } of chosen) {
      for (const a of artifacts) {
        const file = await checked(a.sha256);
        if (!file) {
          throw new GuzhengError('E_STORE', `证据库中的文件已损坏或缺失：${item.id} ${a.path}（请运行 guzheng scrub 从副本修复）`,
            `A stored file is damaged or missing: ${item.id} ${a.path} (run guzheng scrub to repair it from a copy)`);
        }
        const name = packagePath(item.id, a.path);
        members.push({ name, file });
        hashes.set(name, { sha256: a.sha256, bytes: a.size });
      }
    }
    // The watched posts' check records and timestamp tokens, checked the same way.
    for (const b of watches?.blobs ?? []) {
      if (hashes.has(b.name)) continue;
      const file = await checked(b.sha256);
      if (!file) {
        throw new GuzhengError('E_STORE', `证据库中的文件已损坏或缺失：${b.name}（请运行 guzheng scrub 从副本修复）`, `A stored file is damaged or missing: ${b.name} (run guzheng scrub to repair it from a copy)`);
      }
      members.push({ name: b.name, file });
      hashes.set(b.name, { sha256: b.sha256, bytes: (await stat(file)).size });
    }
    const addGenerated = (name: string, data: Buffer) => {
      members.push({ name, data });
      hashes.set(name, { sha256: sha256Hex(data), bytes: data.length });
    };

    const warcs = chosen.flatMap(({ item, artifacts }) => artifacts.filter((a) => a.path === 'archive.warc.gz').map((a) => ({ file: fileOf(a.sha256), name: packagePath(item.id, a.path).slice('archive/'.length) })));
    // CDXJ names a WARC by its path inside archive/, as WACZ readers expect.
    addGenerated(INDEX, Buffer.from(await cdxjIndex(warcs)));

    const titles = new Map<string, string | null>();
    for (const { item, artifacts } of chosen) {
      const page = artifacts.find((a) => a.path === 'page.json');
      titles.set(item.id, page ? (JSON.parse(readFileSync(fileOf(page.sha256), 'utf8')) as { title?: string }).title ?? null : null);
    }
    const pages = [{ format: 'json-pages-1.0', id: 'pages', title: kase.title }, ...chosen.filter((c) => c.manifest.url).map(({ item, manifest }) => ({
      id: item.id, url: manifest.finalUrl ?? manifest.url, ts: manifest.startedAt.utc, title: titles.get(item.id) ?? undefined,
    }))];
    addGenerated(PAGES, Buffer.from(pages.map((p) => JSON.stringify(p)).join('\n') + '\n'));

    for (const s of watches?.series ?? []) addGenerated(s.name, s.data);
    const events = await vault.events([kase.id, ...chosen.map((c) => c.item.id), ...(watches?.streams ?? [])]);
    addGenerated(CUSTODY, Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n'));

    const key = loadOrCreateInstallationKey(keyHome);
    addGenerated(CASE, Buffer.from(JSON.stringify({
      format: 'guzheng-package/1', case: { id: kase.id, title: kase.title, createdAt: kase.created_at },
      exportedAt: exportedAt.toISOString(), tool: { name: TOOL_NAME, version: TOOL_VERSION }, signingKeyFingerprint: key.fingerprint,
      items: chosen.map(({ item, manifest }) => ({ id: item.id, url: manifest.url, status: manifest.status, seal: item.seal_state, startedAt: manifest.startedAt.utc })),
      watches: watches?.streams ?? [],
      skipped,
    }, null, 2) + '\n'));

    const { rootsForTokens } = await import('../seal/timestamp/roots.js');
    const tokens = [...chosen.flatMap(({ artifacts }) => artifacts.filter((a) => a.role === 'timestamp').map((a) => readFileSync(fileOf(a.sha256)))),
      ...(watches?.tokens ?? []).map((t) => readFileSync(fileOf(t)))];
    for (const root of await rootsForTokens(tokens)) addGenerated(`${TSA_ROOTS}${root.sha256.slice(0, 16)}.pem`, Buffer.from(root.pem));

    const verifier = verifierPagePath();
    if (!existsSync(verifier)) throw new GuzhengError('E_INTERNAL', '缺少核对页面 dist/verify.html：请先运行 npm run build', 'The verifier page dist/verify.html is missing: run npm run build');
    addGenerated(VERIFIER, readFileSync(verifier));

    const certItems = await Promise.all(chosen.map((c) => certificateItem(vault, c, titles.get(c.item.id) ?? null, fileOf)));
    const pdf = join(staging, 'certificate.pdf');
    await renderPdf(certificateHtml({ caseId: kase.id, caseTitle: kase.title, exportedAt: exportedAt.toISOString(), packageName: basename(out),
      publicKeyFingerprint: key.fingerprint, items: certItems }), pdf);
    addGenerated(CERTIFICATE, await readFile(pdf));

    // The file list and its signature.
    const first = (chosen.find((c) => c.manifest.url) ?? chosen[0])?.manifest;
    const datapackage: DataPackage = {
      profile: 'data-package', wacz_version: WACZ_VERSION, title: kase.title, created: exportedAt.toISOString(), software: `${TOOL_NAME} ${TOOL_VERSION}`,
      mainPageUrl: first ? first.finalUrl ?? first.url ?? undefined : undefined, mainPageDate: first?.startedAt.utc,
      resources: [...hashes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, h]) => ({ name: basename(path), path, hash: `sha256:${h.sha256}`, bytes: h.bytes })),
    };
    const dpBytes = Buffer.from(JSON.stringify(datapackage, null, 2) + '\n');
    const digestHash = hashString(dpBytes);
    members.push({ name: DATAPACKAGE, data: dpBytes });
    members.push({ name: DATAPACKAGE_DIGEST, data: Buffer.from(JSON.stringify({ path: DATAPACKAGE, hash: digestHash, signedData: signHash(digestHash, key, exportedAt) }, null, 2) + '\n') });

    const ordered = [...members].sort((a, b) => (a.name < b.name ? -1 : 1));
    const zip = await writeZip(out, ordered, exportedAt);
    await vault.appendEvents([kase.id, ...chosen.map((c) => c.item.id)].map((stream) => ({ stream, type: 'exported' as const,
      detail: { package: basename(out), sha256: zip.sha256, bytes: zip.size, datapackage: digestHash } })));
    return { file: out, sha256: zip.sha256, size: zip.size, items: chosen.map((c) => c.item.id), case: kase.id, skipped };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function certificateItem(vault: Vault, { item, artifacts, manifest }: Exported, title: string | null, fileOf: (sha256: string) => string): Promise<CertificateItem> {
  const json = (path: string): any => {
    const a = artifacts.find((x) => x.path === path);
    try {
      return a ? JSON.parse(readFileSync(fileOf(a.sha256), 'utf8')) : null;
    } catch {
      return null;
    }
  };
  const env = json('environment.json');
  const network = json('network.json');
  const sig = json('seal/signature.json');
  const events = await vault.events([item.id]);
  // The framed picture (address and time in its band) where the item has one, else the raw first screen.
  const record = json('import.json');
  const original = record ? artifacts.find((a) => a.role === 'original' && /^image\/(png|jpeg)$/.test(a.media_type)) : undefined;
  const shot = original ?? artifacts.find((a) => a.role === 'screenshot.viewport.framed') ?? artifacts.find((a) => a.role === 'screenshot.viewport');
  const manifestRow = artifacts.find((a) => a.path === 'manifest.json')!;
  return {
    id: item.id, url: manifest.url, finalUrl: manifest.finalUrl, title, status: manifest.status,
    startedAt: manifest.startedAt.utc, endedAt: manifest.endedAt.utc,
    reasons: [...manifest.reasons, ...(manifest.error ? [manifest.error] : [])].map((r) => `${r.zh} / ${r.en}`)
      // Requests left open or failed are said even when that is normal (the manifest names each one).
      .concat(manifest.warnings.filter((w) => /^W_(OPEN_REQUESTS|REQUESTS_FAILED)/.test(w.code)).map((w) => `注意：${w.zh} / Note: ${w.en}`)),
    tool: env?.tool ? `${env.tool.name} ${env.tool.version} (Node ${env.tool.node})` : `${manifest.tool.name} ${manifest.tool.version}`,
    codeSha256: env?.tool?.codeBundleSha256 ?? null,
    browser: env?.browser ? `${env.browser.version} ${env.browser.executable}` : null, browserSha256: env?.browser?.executableSha256 ?? null,
    os: env?.os ? `${env.os.type} ${env.os.release} ${env.os.arch}` : null,
    serverIps: (network?.origins ?? []).map((o: { origin: string; ipAddress: string | null }) => `${o.ipAddress ?? '?'} (${o.origin})`),
    manifestSha256: manifestRow.sha256, manifestSm3: manifestRow.sm3, keyFingerprint: sig?.keyFingerprint ?? null,
    timestamps: await describeTokens(artifacts.filter((a) => a.role === 'timestamp').map((a) => ({ path: a.path, bytes: readFileSync(fileOf(a.sha256)) })), sig, events),
    files: artifacts.map((a) => ({ role: a.role, path: a.path, size: a.size, sha256: a.sha256, sm3: a.sm3 })),
    screenshot: shot && shot.size < 4_000_000 ? `data:${shot.media_type};base64,${readFileSync(fileOf(shot.sha256)).toString('base64')}` : null,
    ...(record ? { imported: {
      name: record.source?.name ?? '', kind: record.kind, format: record.fileFormat, carrier: record.carrier ?? null,
      flags: (record.checks ?? []).filter((c: { result: string }) => c.result === 'flag').map((c: { zh: string; en: string }) => ({ zh: c.zh, en: c.en })),
      statement: record.statement,
    } } : {}),
  };
}

/** Each token as the certificate shows it: its genTime and the TSA that signed it, as verified now. */
async function describeTokens(tokens: { path: string; bytes: Buffer }[], sig: { signedData?: { signature: string } } | null, events: { type: string; detail: Record<string, unknown> }[]): Promise<CertificateItem['timestamps']> {
  if (!sig?.signedData || !tokens.length) return [];
  const [{ verifyTimestamp }, { trustedTsaRoots }] = await Promise.all([import('../seal/timestamp/verify.js'), import('../seal/timestamp/tsa-list.js')]);
  const trusted = await trustedTsaRoots();
  const urls = new Map(events.filter((e) => e.type === 'timestamped').map((e) => [String(e.detail.path), String(e.detail.tsa)]));
  const out: CertificateItem['timestamps'] = [];
  for (const token of tokens) {
    const r = await verifyTimestamp({ token: token.bytes, data: Buffer.from(sig.signedData.signature, 'ascii'), certificates: trusted });
    const url = urls.get(token.path);
    out.push({ tsa: `${r.tsaCertificate ?? '?'}${url ? ` · ${url}` : ''}${r.valid ? '' : ' · 核对未通过 / NOT verified'}`, genTime: r.genTime ?? '', verified: r.valid });
  }
  return out;
}
