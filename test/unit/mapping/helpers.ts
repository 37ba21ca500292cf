// Shared helpers for the mapping tests: hand-built frames and real directory trees in temp dirs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame } from '../../../src/core/model';

export function frame(file: string, line: number | undefined, fn: string, extra: Partial<Frame> = {}): Frame {
  return { file, line, function: fn, inApp: true, ...extra };
}

/** Creates files (relative path -> content) under a fresh temp dir; returns its real path. */
export function makeTree(files: Record<string, string>, prefix = 'mapping-'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function readText(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** n lines of filler, so functions sit at known lines. */
export function filler(n: number, comment = '//'): string {
  return Array.from({ length: n }, (_, i) => `${comment} filler ${i + 1}\n`).join('');
}
