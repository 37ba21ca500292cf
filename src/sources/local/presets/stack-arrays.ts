// Some runtimes log a stack as an array of lines or frames instead of text: AWS Lambda's
// `stackTrace` (Node: the printed lines; Python: traceback.format_list entries; Java:
// "Class.method(File.java:N)" frames) and structlog's dict_tracebacks. Turned back into the text
// the runtime prints, so one stack parser serves every shape.
import type { JsonValue } from '../../../core/model';
import { structuredPythonTraceback } from './python-exceptions';

export function stackFromArray(value: JsonValue | undefined, kind?: string, message?: string): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  if (!value.every((v) => typeof v === 'string')) return structuredPythonTraceback(value);
  const lines = value as string[];
  const header = kind ? (message ? `${kind}: ${message}` : kind) : message ?? '';
  if (lines.some((l) => /^\s*File "[^"]*", line \d+/.test(l))) {
    const frames = lines.map((l) => l.replace(/\n$/, '')).join('\n');
    return `Traceback (most recent call last):\n${frames}\n${header}`;
  }
  if (lines.some((l) => /^\s+at \S/.test(l))) return lines.join('\n');
  // Elasticsearch's "stacktrace": the Java lines without their leading tab
  if (lines.some((l) => /^at \S/.test(l))) return lines.map((l) => (/^(?:at |\.\.\. \d+ more)/.test(l) ? `\t${l}` : l)).join('\n');
  if (lines.every((l) => /^[\w$.<>]+\(.*\)$/.test(l.trim()))) return `${header}\n${lines.map((l) => `\tat ${l.trim()}`).join('\n')}`;
  return lines.join('\n');
}
