/**
 * Where the documents the app writes (PDF and DOCX) are kept for download. The local app keeps them in its data
 * folder (documents/<id>/); the organisation server puts them in the bucket with a row naming their case, so that
 * any of its servers can hand them out, after a restart too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Vault } from '../vault/vault.js';

export type DocumentExt = 'pdf' | 'docx';

export interface DocumentFiles {
  /** Keeps the document written into <home>/documents/<id>/document.{pdf,docx}. */
  keep(id: string, caseId: string, kind: string): Promise<void>;
  /** The local file of a document, or null when there is none. */
  file(id: string, ext: DocumentExt): Promise<string | null>;
  caseOf(id: string): Promise<string | null>;
}

export const documentDir = (home: string, id: string) => join(home, 'documents', id);

export class FolderDocuments implements DocumentFiles {
  private readonly cases = new Map<string, string>();

  constructor(private readonly home: string) {}

  async keep(id: string, caseId: string) {
    this.cases.set(id, caseId);
  }

  async file(id: string, ext: DocumentExt) {
    const f = join(documentDir(this.home, id), `document.${ext}`);
    return existsSync(f) ? f : null;
  }

  async caseOf(id: string) {
    return this.cases.get(id) ?? null;
  }
}

export class StoredDocuments implements DocumentFiles {
  constructor(private readonly vault: Vault, private readonly home: string) {}

  async keep(id: string, caseId: string, kind: string) {
    const dir = documentDir(this.home, id);
    const [pdf, docx] = [await this.vault.blobs.put(join(dir, 'document.pdf')), await this.vault.blobs.put(join(dir, 'document.docx'))];
    await this.vault.db.insertInto('documents').values({ id, case_id: caseId, kind, pdf_sha256: pdf.sha256, docx_sha256: docx.sha256, created_at: new Date().toISOString() }).execute();
  }

  private row(id: string) {
    return this.vault.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async file(id: string, ext: DocumentExt) {
    const r = await this.row(id);
    return r ? this.vault.blobs.local(ext === 'pdf' ? r.pdf_sha256 : r.docx_sha256) : null;
  }

  async caseOf(id: string) {
    return (await this.row(id))?.case_id ?? null;
  }
}
