// Streams a log file (plain or gzip) into a LineSplitter chunk by chunk; never loads it whole.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { LineSplitter } from './line-splitter';

const CHUNK = 1024 * 1024;

export function isGzipPath(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

export interface ReadResult {
  /** Bytes of the file read (compressed bytes for .gz). */
  bytes: number;
}

/**
 * Reads `path` from byte `start` to its current end, pushing decoded text into the splitter.
 * The decoder is passed in so a follower can keep a multi-byte character split across reads.
 */
export async function readInto(
  path: string,
  splitter: LineSplitter,
  options: { start?: number; decoder?: StringDecoder; onBytes?: (bytes: number) => void } = {},
): Promise<ReadResult> {
  const gzip = isGzipPath(path);
  const decoder = options.decoder ?? new StringDecoder('utf8');
  const raw = createReadStream(path, { start: gzip ? 0 : options.start ?? 0, highWaterMark: CHUNK });
  let bytes = 0;
  raw.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(chunk.length);
  });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (err) => stream.destroy(err));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    splitter.push(decoder.write(chunk));
  }
  return { bytes };
}
