// structlog's dict_tracebacks renders exceptions as a list of {exc_type, exc_value, frames};
// turned back into the text Python prints so one stack parser serves every shape.
import type { JsonValue } from '../../../core/model';

export function structuredPythonTraceback(value: JsonValue | undefined): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const parts: string[] = [];
  // structlog lists the outermost exception first; Python prints the root cause first.
  for (let i = value.length - 1; i >= 0; i--) {
    const exc = value[i];
    if (!exc || typeof exc !== 'object' || Array.isArray(exc) || typeof exc.exc_type !== 'string') return undefined;
    const lines = ['Traceback (most recent call last):'];
    for (const f of Array.isArray(exc.frames) ? exc.frames : []) {
      if (!f || typeof f !== 'object' || Array.isArray(f)) continue;
      lines.push(`  File "${String(f.filename ?? '')}", line ${String(f.lineno ?? 0)}, in ${String(f.name ?? '?')}`);
      if (typeof f.line === 'string' && f.line) lines.push(`    ${f.line}`);
    }
    lines.push(`${exc.exc_type}: ${String(exc.exc_value ?? '')}`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\nThe above exception was the direct cause of the following exception:\n\n');
}
