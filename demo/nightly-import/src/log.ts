// One JSON object per line on stdout, in Datadog's standard attributes, so the log pipeline
// (and Error Tracking) can read status, service, version and error.* without parsing text.

type Context = Record<string, unknown>;

const base = {
  service: 'nightly-import',
  env: process.env.DD_ENV ?? 'dev',
  version: process.env.DD_VERSION ?? '0.0.0-local',
  host: process.env.HOSTNAME ?? 'localhost',
};

function write(status: 'info' | 'warn' | 'error', logger: string, message: string, context: Context, err?: unknown): void {
  const line: Record<string, unknown> = {
    timestamp: new Date().toISOString(),
    status,
    ...base,
    logger: { name: logger },
    message,
    ...context,
  };
  if (err instanceof Error) {
    line.error = { kind: err.name, message: err.message, stack: err.stack };
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}

export function logger(name: string) {
  return {
    info: (message: string, context: Context = {}) => write('info', name, message, context),
    warn: (message: string, context: Context = {}) => write('warn', name, message, context),
    error: (message: string, err: unknown, context: Context = {}) => write('error', name, message, context, err),
  };
}
