// Container runtimes wrap each line an application writes. Unwrapped here, so the reader sees
// the application's own lines (JSON or text, traces joined across them) with the stream they
// came on:
// - Docker json-file: {"log":"text\n","stream":"stderr","time":"…"}; a line over 16 KB is split
//   into entries whose "log" lacks the final "\n", re-joined here.
// - CRI (containerd, CRI-O; what Kubernetes nodes keep in /var/log/pods):
//   "<RFC3339Nano> <stdout|stderr> <F|P> text", P marking a partial line continued by the next.
// Anything else passes through unchanged.
import { toEpochMs } from '../presets/timestamps';

export interface LogicalLine {
  text: string;
  /** The physical line it started on (1-based). */
  lineNo: number;
  /** "stdout"/"stderr" for container logs; "" otherwise. */
  stream: string;
  /** The container runtime's timestamp, when it wrote one. */
  time?: number;
  /** Physical lines after the first that were joined into this one (split entries). */
  extraLines: number;
  wrapper?: 'docker' | 'cri';
}

const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (stdout|stderr) ([FP])(?: (.*))?$/;
const DOCKER_KEYS = new Set(['log', 'stream', 'time', 'attrs']);

interface Partial {
  parts: string[];
  chars: number;
  lineNo: number;
  pieces: number;
  time?: number;
  wrapper: 'docker' | 'cri';
}

export class ContainerUnwrapper {
  private readonly partial = new Map<string, Partial>();
  private dockerSeen = false;

  constructor(
    private readonly out: (line: LogicalLine) => void,
    private readonly skip: (lineNo: number, pieces: number, reason: string, problem: string) => void,
    private readonly maxLength: number,
  ) {}

  line(text: string, lineNo: number): void {
    if (text.startsWith('{"log":')) {
      const docker = readDocker(text);
      if (docker) {
        this.dockerSeen = true;
        return this.piece(docker.stream, docker.text, docker.complete, lineNo, docker.time, 'docker');
      }
    }
    // Among Docker's entries, a damaged one (cut or spliced by a crash or a full disk) is no line of the program's.
    if (this.dockerSeen && text.includes('"log":"') && text.includes('"stream":"')) {
      return this.skip(lineNo, 1, 'invalid JSON', 'damaged Docker json-file entry');
    }
    if (text.length > 30 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 84) {
      const cri = CRI.exec(text);
      if (cri) return this.piece(cri[2], cri[4] ?? '', cri[3] === 'F', lineNo, toEpochMs(cri[1]), 'cri');
    }
    this.out({ text, lineNo, stream: '', extraLines: 0 });
  }

  /** First line of a split line still waiting for its end, if any. */
  get openSince(): number | undefined {
    let first: number | undefined;
    for (const p of this.partial.values()) if (first === undefined || p.lineNo < first) first = p.lineNo;
    return first;
  }

  /** End of input: a partial line still waiting for its end is handed out as it is. */
  flush(): void {
    for (const stream of [...this.partial.keys()]) this.emitPartial(stream);
  }

  private piece(stream: string, text: string, complete: boolean, lineNo: number, time: number | undefined, wrapper: 'docker' | 'cri'): void {
    const open = this.partial.get(stream);
    if (!open && complete) return this.out({ text, lineNo, stream, time, extraLines: 0, wrapper });
    const p = open ?? { parts: [], chars: 0, lineNo, pieces: 0, time, wrapper };
    if (!open) this.partial.set(stream, p);
    p.pieces++;
    if (p.chars <= this.maxLength) p.parts.push(text);
    p.chars += text.length;
    if (complete) this.emitPartial(stream);
  }

  private emitPartial(stream: string): void {
    const p = this.partial.get(stream)!;
    this.partial.delete(stream);
    if (p.chars > this.maxLength) return this.skip(p.lineNo, p.pieces, 'line too long', `split container line longer than ${this.maxLength} characters skipped`);
    this.out({ text: p.parts.join(''), lineNo: p.lineNo, stream, time: p.time, extraLines: p.pieces - 1, wrapper: p.wrapper });
  }
}

function readDocker(line: string): { text: string; stream: string; time?: number; complete: boolean } | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  if (typeof o.log !== 'string' || !Object.keys(o).every((k) => DOCKER_KEYS.has(k))) return undefined;
  let text = o.log;
  const complete = text.endsWith('\n');
  if (complete) text = text.slice(0, text.endsWith('\r\n') ? -2 : -1);
  return { text, stream: typeof o.stream === 'string' ? o.stream : '', time: toEpochMs(o.time), complete };
}
