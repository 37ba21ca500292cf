// Reads one whole file (plain or .gz) through a FileEventParser. Returns the byte offset reached
// and the splitter/decoder so a follower can continue from there.
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { ErrorEvent } from '../../core/model';
import { defaultServiceFor } from './default-service';
import { FileEventParser, type FileEventOptions } from './file-events';
import { DEFAULT_MAX_LINE_LENGTH, LineSplitter } from './read/line-splitter';
import { isGzipPath, readInto } from './read/read-file';

export interface FileCursor {
  file: string;
  parser: FileEventParser;
  splitter: LineSplitter;
  decoder: StringDecoder;
  /** Bytes consumed so far (the file's size when the read ended). */
  offset: number;
  ino: number;
  gzip: boolean;
}

export interface ScanFileOptions extends Omit<FileEventOptions, 'fallbackTime'> {
  onBytes?: (bytes: number) => void;
  /** Hand out a last line without newline at the end (true for one-shot scans). */
  flushPartial: boolean;
}

export async function scanFile(file: string, options: ScanFileOptions, onEvent: (event: ErrorEvent) => void): Promise<FileCursor> {
  const info = await stat(file);
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const defaultService = options.defaultService ?? defaultServiceFor(file);
  const parser = new FileEventParser(file, { ...options, maxLineLength, defaultService, fallbackTime: info.mtimeMs }, onEvent);
  const splitter = new LineSplitter(parser, { maxLineLength });
  const decoder = new StringDecoder('utf8');
  const { bytes } = await readInto(file, splitter, { decoder, onBytes: options.onBytes });
  if (options.flushPartial) {
    splitter.push(decoder.end());
    splitter.flush();
    parser.flush();
  }
  return { file, parser, splitter, decoder, offset: bytes, ino: info.ino, gzip: isGzipPath(file) };
}
