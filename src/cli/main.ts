// Entry of dist/cli.js (`errtrack`): dispatches to a command and turns failures into the
// documented exit statuses: 0 ok, 1 unreadable input, 2 bad usage, 3 new issue.
import { EXIT, InputError, UsageError } from './args';
import { assignCommand } from './commands/assign-datadog';
import { fingerprintCommand } from './commands/fingerprint';
import type { CommandIO } from './commands/io';
import { lspCommand } from './commands/lsp';
import { scanCommand } from './commands/scan';
import { statsCommand } from './commands/stats';
import { watchCommand } from './commands/watch';
import { USAGE } from './usage';

function processIO(): CommandIO {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    drain: () =>
      process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve(),
    stdin: process.stdin,
    stderrStream: process.stderr,
    help: (command) => {
      process.stdout.write(USAGE[command] ?? USAGE.main);
      return EXIT.ok;
    },
  };
}

/** Resolves on Ctrl-C / SIGTERM; a referenced timer keeps the process alive until then. */
function untilSignal(): { stopped: Promise<void>; dispose(): void } {
  let keepAlive: NodeJS.Timeout | undefined;
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => {
    keepAlive = setInterval(() => undefined, 1 << 30);
    stop = () => {
      clearInterval(keepAlive);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Also when watch fails before waiting (bad usage, Datadog down), so nothing is left behind.
  const dispose = () => {
    clearInterval(keepAlive);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  return { stopped, dispose };
}

export async function main(argv: string[], io: CommandIO = processIO()): Promise<number | 'running'> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'fingerprint':
        return await fingerprintCommand(rest, io);
      case 'watch': {
        const signal = untilSignal();
        try {
          return await watchCommand(rest, io, signal.stopped);
        } finally {
          signal.dispose();
        }
      }
      case 'stats':
        return await statsCommand(rest, io);
      case 'lsp':
        return await lspCommand(rest, io);
      case 'assign':
      case 'unassign':
        return await assignCommand(rest, io, command);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE.main);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`errtrack: ${err.message}\nRun "errtrack ${command && USAGE[command] ? command + ' ' : ''}--help" for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof InputError || (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EACCES') {
      io.err(`errtrack: ${(err as Error).message}\n`);
      return EXIT.input;
    }
    io.err(`errtrack: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.input;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    if (code === 'running') return; // the language server keeps the process alive
    process.exitCode = code;
    // Let stdout drain before exiting (pipes), then make sure watchers do not keep us alive.
    process.stdout.write('', () => process.exit(code));
  });
}
