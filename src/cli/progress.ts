// A progress bar on stderr, only when stderr is a terminal (never in pipes or CI logs).
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const WIDTH = 30;

export function createProgress(stream: NodeJS.WriteStream = process.stderr, label = 'Scanning'): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.round(ratio * 100)}% ${mb(done)}/${mb(total)} MB`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
