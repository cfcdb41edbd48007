/** The CDXJ index of a package's WARCs (indexes/index.cdx), made by warcio's indexer and sorted. */
import { createReadStream } from 'node:fs';

export async function cdxjIndex(warcs: { file: string; name: string }[]): Promise<string> {
  const { CDXIndexer } = await import('warcio');
  const indexer = new CDXIndexer({ format: 'cdxj' });
  const lines: string[] = [];
  for await (const cdx of indexer.iterIndex(warcs.map((w) => ({ filename: w.name, reader: createReadStream(w.file) })))) {
    lines.push(indexer.serializeCDXJ(cdx).trimEnd());
  }
  return lines.sort().map((l) => `${l}\n`).join('');
}
