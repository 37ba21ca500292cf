// What a command may touch, so tests can run commands in-process as well as through the binary.
import type { DatadogSourceOptions } from '../../sources/datadog/source';

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when stdout can take more (backpressure for streaming commands). */
  drain(): Promise<void>;
  stdin: NodeJS.ReadableStream;
  stderrStream: NodeJS.WriteStream;
  /** Prints the command's --help and returns exit status 0. */
  help(command: string): number;
  /** The environment (DD_API_KEY...); process.env when absent. */
  env?: Record<string, string | undefined>;
  /** Tests only: timers and sleep for the Datadog source, so polls run without waiting minutes. */
  datadogTesting?: Pick<DatadogSourceOptions, 'timers' | 'sleep'>;
}
