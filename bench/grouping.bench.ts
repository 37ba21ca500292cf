// Grouping accuracy on Loghub-2k (https://github.com/logpai/loghub; research-use licence, so the
// data is read from a folder the user provides and never shipped): each dataset's Content column
// goes in as stack-less error events of one service, through the path `errtrack fingerprint`
// takes (EventIngestor + IssueStore), and the issue ids are scored against the EventId labels.
// Drain's figures are those published with the benchmark (logpai/logparser, Drain/README.md, as
// in Zhu et al. ICSE-SEIP 2019), obtained with a regex list and a threshold tuned per dataset;
// ours use one general configuration for all.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IssueStore } from '../src/core/issues/store';
import type { ErrorEvent } from '../src/core/model';
import { EventIngestor } from '../src/sources/local/ingest';
import { groupingAccuracy, type GroupingScore } from './grouping-accuracy';
import { labelledMessages, type LabelledMessage } from './loghub-csv';

export const LOGHUB_ENV = 'ERRTRACK_LOGHUB_DIR';

/** Drain's published GA per Loghub-2k dataset (logpai/logparser Drain/README.md; average 0.865). */
export const DRAIN_GA: Readonly<Record<string, number>> = {
  HDFS: 0.9975,
  Hadoop: 0.9475,
  Spark: 0.92,
  Zookeeper: 0.9665,
  BGL: 0.9625,
  HPC: 0.887,
  Thunderbird: 0.955,
  Windows: 0.997,
  Linux: 0.69,
  Android: 0.911,
  HealthApp: 0.78,
  Apache: 1,
  Proxifier: 0.5265,
  OpenSSH: 0.7875,
  OpenStack: 0.7325,
  Mac: 0.7865,
};

export interface DatasetResult extends GroupingScore {
  dataset: string;
  /** GA of the ids as emitted line by line (before later merges renamed some issues). */
  emittedGa: number;
  /** Messages whose issue id differs when the same lines are read in a shuffled order (0 expected). */
  renamedWhenShuffled: number;
  drain: number;
  eventsPerSec: number;
}

export type GroupingBenchResult = { dir: string; datasets: DatasetResult[]; average: number; emittedAverage: number; drainAverage: number } | { skipped: string };

/** `<dir>/<Name>_2k.log_structured.csv`, or Loghub's own layout `<dir>/<Name>/<Name>_2k…`. */
function datasetFile(dir: string, name: string): string | undefined {
  for (const f of [path.join(dir, `${name}_2k.log_structured.csv`), path.join(dir, name, `${name}_2k.log_structured.csv`)]) if (existsSync(f)) return f;
  return undefined;
}

/**
 * The issue of each message once all are read, as a fresh store holds them after the same path
 * `errtrack fingerprint` takes (an id emitted early resolves to the issue it was merged into),
 * and the id emitted for each line as it was read.
 */
export function groupMessages(service: string, messages: readonly string[]): { final: string[]; emitted: string[] } {
  const store = new IssueStore({ source: 'local' });
  const ingestor = new EventIngestor(store);
  const start = Date.UTC(2026, 0, 1);
  const emitted = messages.map((message, i) => {
    const event: ErrorEvent = { timestamp: start + i * 1000, service, status: 'error', message, error: { message }, attributes: {} };
    return ingestor.ingest(event);
  });
  return { final: emitted.map((id) => store.resolve(id)), emitted };
}

/** A seeded shuffle of 0..n-1 (the same order on every run). */
function shuffledOrder(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let x = seed || 1;
  for (let i = n - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export function scoreDataset(dataset: string, rows: readonly LabelledMessage[]): DatasetResult {
  const contents = rows.map((r) => r.content);
  const truth = rows.map((r) => r.eventId);
  const cpu = process.cpuUsage();
  const { final, emitted } = groupMessages(dataset, contents);
  const used = process.cpuUsage(cpu);
  const seconds = Math.max(1e-6, (used.user + used.system) / 1e6);
  const score = groupingAccuracy(final, truth);
  // A second fresh machine reading the same lines in another order must name every issue alike.
  const order = shuffledOrder(contents.length, 0x5eed);
  const shuffled = groupMessages(dataset, order.map((i) => contents[i])).final;
  let renamedWhenShuffled = 0;
  order.forEach((i, at) => (renamedWhenShuffled += shuffled[at] === final[i] ? 0 : 1));
  return { dataset, ...score, emittedGa: groupingAccuracy(emitted, truth).ga, renamedWhenShuffled, drain: DRAIN_GA[dataset], eventsPerSec: Math.round(rows.length / seconds) };
}

export function benchGrouping(dir: string | undefined): GroupingBenchResult {
  if (!dir) return { skipped: `no Loghub-2k folder: set ${LOGHUB_ENV} or pass --loghub DIR (files <Name>_2k.log_structured.csv from github.com/logpai/loghub)` };
  if (!existsSync(dir)) return { skipped: `Loghub-2k folder ${dir} does not exist` };
  const datasets: DatasetResult[] = [];
  const missing: string[] = [];
  for (const name of Object.keys(DRAIN_GA)) {
    const file = datasetFile(dir, name);
    if (!file) {
      missing.push(name);
      continue;
    }
    datasets.push(scoreDataset(name, labelledMessages(readFileSync(file, 'utf8'), file)));
  }
  if (datasets.length === 0) return { skipped: `no <Name>_2k.log_structured.csv in ${dir}` };
  if (missing.length) return { skipped: `${dir} lacks ${missing.length} of the 16 datasets (${missing.join(', ')}): an average over fewer would not compare` };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { dir, datasets, average: mean(datasets.map((d) => d.ga)), emittedAverage: mean(datasets.map((d) => d.emittedGa)), drainAverage: mean(datasets.map((d) => d.drain)) };
}
