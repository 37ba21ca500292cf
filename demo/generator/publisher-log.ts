// The demo's second log: the report publisher, a Python job that logs plain text with
// logging's "%(asctime)s - %(name)s - %(levelname)s - %(message)s" format. Its errors carry no
// stack (a failed webhook, an SFTP timeout), so they group by message template alone.
import { Random } from './prng';
import { HOUR, MINUTE, type Timeline } from './timeline';

const PARTNERS = ['acme-retail', 'globex', 'initech', 'umbrella', 'hooli', 'stark-ind', 'wayne-ent'];

/** Lines of publisher.log for the nightly runs of the timeline, oldest first. */
export function publisherLog(timeline: Timeline, random: Random): { lines: string[]; errors: number } {
  const lines: string[] = [];
  let errors = 0;
  const log = (at: number, logger: string, level: string, message: string) => {
    lines.push(`${asctime(at)} - ${logger} - ${level} - ${message}`);
    if (level === 'ERROR') errors++;
  };
  for (const run of timeline.runs.filter((r) => r.job === 'nightly')) {
    let t = run.start + 2 * HOUR;
    if (t > timeline.now) continue;
    log(t, 'publisher', 'INFO', `publishing reports for run ${run.runId}`);
    for (const partner of PARTNERS) {
      t += Math.floor(random.next() * MINUTE);
      const roll = random.next();
      if (roll < 0.3) log(t, 'publisher.webhooks', 'ERROR', `webhook delivery to ${partner} failed: HTTP 503 after ${1 + Math.floor(random.next() * 4)} attempts`);
      else if (roll < 0.45) log(t, 'publisher.sftp', 'ERROR', `upload of ${partner}-${run.runId}.csv timed out after ${20 + Math.floor(random.next() * 40)}s`);
      else log(t, 'publisher.webhooks', 'INFO', `delivered report to ${partner}`);
    }
    log(t + MINUTE, 'publisher', 'INFO', 'done');
  }
  return { lines, errors };
}

function asctime(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-11-28T12:00:00.123Z -> 2026-11-28 12:00:00,123
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
}
