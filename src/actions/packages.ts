/**
 * Evidence packages: export an item or a case (WACZ with its signed file list, certificate and offline verifier
 * page), and verify any package or capture folder offline, with the same checks everywhere.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';
import type { ExportResult } from '../package/export.js';
import type { PackageVerification } from '../package/verify-package.js';
import type { FolderVerification } from '../package/verify-folder.js';
import type { Vault } from '../vault/vault.js';
import { check } from '../seal/check.js';
import type { ReportCheck } from '../seal/verify-item.js';

/** `keyHome`: the folder whose key signs the package (an organisation's, on the server); the data folder's by default. */
export async function exportEvidence(vault: Vault, ref: string, out: string, keyHome?: string): Promise<ExportResult> {
  const [{ exportPackage }, { renderPdf }] = await Promise.all([import('../package/export.js'), import('../package/pdf.js')]);
  return exportPackage(vault, ref, out, renderPdf, keyHome);
}

export type Verification = ({ kind: 'package' } & PackageVerification) | ({ kind: 'folder' } & FolderVerification);

/** An imported e-mail's signatures, checked again offline from the DNS answers recorded at import. */
async function importChecks(id: string, read: (path: string) => Promise<Uint8Array | null>): Promise<ReportCheck[]> {
  const { recheckEmail } = await import('../imports/email-auth.js');
  const r = await recheckEmail(read).catch((err: Error) => ({ ok: false, zh: `签名无法离线复核：${err.message}`, en: `The signatures cannot be re-checked offline: ${err.message}` }));
  return r ? [check(`item ${id}: dkim (offline)`, r.ok, r.zh, r.en)] : [];
}

/** Verifies a WACZ package or a capture folder. Anything else is E_UNREADABLE, in words. */
export async function verifyEvidence(path: string, options: { sm3?: boolean } = {}): Promise<Verification> {
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new GuzhengError('E_UNREADABLE', `无法读取：${path}`, `Cannot read: ${path}`, err.code);
  });
  if (st.isDirectory()) {
    if (!(await stat(join(path, 'manifest.json')).catch(() => null))) throw new GuzhengError('E_UNREADABLE', `不是取证文件夹（没有 manifest.json）：${path}`, `Not a capture folder (no manifest.json): ${path}`);
    const { verifyFolder } = await import('../package/verify-folder.js');
    return { kind: 'folder', ...(await verifyFolder(path, options)) };
  }
  const [{ openZipPackage }, { verifyPackage }, { nodeItemCryptography }] = await Promise.all([
    import('../package/zip-reader.js'), import('../package/verify-package.js'), import('../seal/node-crypto.js')]);
  const reader = await openZipPackage(path);
  try {
    return { kind: 'package', ...(await verifyPackage(reader, { sm3: options.sm3, cryptography: (pems) => nodeItemCryptography(pems), itemChecks: importChecks })) };
  } finally {
    reader.close();
  }
}
