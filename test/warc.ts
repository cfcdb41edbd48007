/** Reads a WARC with warcio, as any archive tool would. */
import { createReadStream } from 'node:fs';
import { WARCParser } from 'warcio';

export interface ParsedRecord {
  type: string;
  url: string | null;
  header(name: string): string | null;
  httpStatus: number | null;
  payload: Buffer;
}

export async function readWarc(path: string): Promise<ParsedRecord[]> {
  const parser = new WARCParser(createReadStream(path));
  const out: ParsedRecord[] = [];
  for await (const record of parser) {
    const payload = Buffer.from(await record.readFully(true));
    out.push({
      type: record.warcType ?? '',
      url: record.warcTargetURI ?? null,
      header: (name: string) => record.warcHeaders.headers.get(name) ?? null,
      httpStatus: record.httpHeaders?.statusCode ? Number(record.httpHeaders.statusCode) : null,
      payload,
    });
  }
  return out;
}
