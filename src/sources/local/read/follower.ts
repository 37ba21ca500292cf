// Follows files that grow: appended lines, rotation (the path now names another file: the old
// one is drained through its still-open handle first) and truncation (the size shrank: read
// again from 0). fs.watch gives quick notice; a poll catches what watch misses (network disks,
// editors replacing files, platforms without inotify).
import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { FileCursor } from '../scan-file';

const CHUNK = 1024 * 1024;

export interface FollowerOptions {
  pollMs?: number;
  /** After this long without new bytes, an open plain-text record is complete. */
  idleFlushMs?: number;
  /** New lines were read from this file. */
  onData?: (file: string) => void;
  /** The path now names the file with inode `ino` (rotated), or the same file shrank (truncated). */
  onRotate?: (file: string, how: 'rotated' | 'truncated', ino: number) => void;
  onProblem?: (file: string, message: string) => void;
}

interface Followed {
  cursor: FileCursor;
  handle?: FileHandle;
  watcher?: FSWatcher;
  lastDataAt: number;
  flushed: boolean;
}

export class Follower {
  private readonly files = new Map<string, Followed>();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: FollowerOptions = {}) {
    this.timer = setInterval(() => void this.checkAll(), options.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Starts following; the file is opened now so a rotation right after is drained from the old file. */
  async follow(cursor: FileCursor): Promise<void> {
    if (cursor.gzip || this.files.has(cursor.file)) return;
    const entry: Followed = { cursor, lastDataAt: Date.now(), flushed: false };
    this.files.set(cursor.file, entry);
    try {
      const handle = await open(cursor.file, 'r');
      if (this.disposed || this.files.get(cursor.file) !== entry) {
        // Disposed (or unfollowed) while the open was in flight: nobody else will close it.
        await handle.close().catch(() => undefined);
        return;
      }
      entry.handle = handle;
      const { ino } = await entry.handle.stat();
      if (ino !== cursor.ino) this.restart(entry, ino, 'rotated'); // replaced between scan and open
    } catch (err) {
      this.options.onProblem?.(cursor.file, (err as Error).message);
    }
    this.watchFile(entry);
  }

  unfollow(file: string): void {
    const entry = this.files.get(file);
    if (!entry) return;
    this.files.delete(file);
    entry.watcher?.close();
    void entry.handle?.close().catch(() => undefined);
  }

  get followed(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Checks every file now; resolves when done (checks never overlap). A check not yet begun
   * covers every event that arrives before it begins: a burst of watch events queues one check,
   * not a chain as long as the burst.
   */
  checkAll(): Promise<void> {
    if (this.queued) return this.queued;
    this.queued = this.running = this.running.then(async () => {
      this.queued = undefined;
      for (const entry of [...this.files.values()]) {
        if (this.disposed) return;
        await this.check(entry).catch((err: Error) => this.options.onProblem?.(entry.cursor.file, err.message));
      }
    });
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    for (const file of [...this.files.keys()]) this.unfollow(file);
  }

  private watchFile(entry: Followed): void {
    try {
      entry.watcher = watch(entry.cursor.file, { persistent: false }, (eventType) => {
        if (eventType === 'rename') {
          // The watched inode went away (rotation): watch the path again once it exists.
          entry.watcher?.close();
          entry.watcher = undefined;
        }
        void this.checkAll();
      });
      entry.watcher.on('error', () => {
        entry.watcher?.close();
        entry.watcher = undefined;
      });
    } catch {
      entry.watcher = undefined; // the poll still covers this file
    }
  }

  private async check(entry: Followed): Promise<void> {
    const { cursor } = entry;
    entry.handle ??= await open(cursor.file, 'r');
    await this.drain(entry);
    const info = await stat(cursor.file).catch(() => undefined);
    if (!info) return; // between rename and re-creation: keep the old handle until the path is back
    if (info.ino !== cursor.ino) {
      await this.drain(entry);
      await entry.handle.close().catch(() => undefined);
      entry.handle = await open(cursor.file, 'r');
      this.restart(entry, info.ino, 'rotated');
      await this.drain(entry);
    } else if (info.size < cursor.offset) {
      this.restart(entry, info.ino, 'truncated');
      await this.drain(entry);
    }
    if (!entry.watcher && this.files.has(cursor.file)) this.watchFile(entry);
    if (!entry.flushed && Date.now() - entry.lastDataAt >= (this.options.idleFlushMs ?? 2000)) {
      entry.flushed = true;
      cursor.parser.flush();
    }
  }

  private restart(entry: Followed, ino: number, how: 'rotated' | 'truncated'): void {
    const { cursor } = entry;
    cursor.parser.flush();
    cursor.splitter.reset();
    cursor.decoder = new StringDecoder('utf8');
    cursor.offset = 0;
    cursor.ino = ino;
    this.options.onRotate?.(cursor.file, how, ino);
  }

  /** Reads from the cursor's offset to the end of the open handle's file. */
  private async drain(entry: Followed): Promise<void> {
    const { cursor } = entry;
    const handle = entry.handle!;
    const { size } = await handle.stat();
    if (size <= cursor.offset) return;
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size - cursor.offset));
    while (cursor.offset < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - cursor.offset), cursor.offset);
      if (bytesRead === 0) break;
      cursor.offset += bytesRead;
      cursor.splitter.push(cursor.decoder.write(buffer.subarray(0, bytesRead)));
    }
    entry.lastDataAt = Date.now();
    entry.flushed = false;
    this.options.onData?.(cursor.file);
  }
}
