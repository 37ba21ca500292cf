// A cheap test that lets a JSON line skip JSON.parse when it cannot be an error. It must never
// reject an error line: every way a preset spells an error status contains one of these words
// (error, err, crit, alert, emerg, fatal, panic, severe, exception, "e"), or is a numeric level
// matched below (pino/bunyan ≥ 50, OpenTelemetry severity 17–24, syslog 0–3), or is hidden
// behind a JSON \u escape, which also lets the line through.
const MAYBE_ERROR =
  /err|crit|alert|emerg|fatal|panic|severe|exception|"e"|\\u|level"\s*:\s*[5-9]\d|everity_?number"\s*:\s*"?(?:1[7-9]|2\d)|(?:status|level|severity|@l)"\s*:\s*"?[0-3]"?\s*[,}]/i;

export function mayBeError(line: string): boolean {
  return MAYBE_ERROR.test(line);
}

/** A skipped line is still checked for the shape of a JSON object so broken lines are counted. */
export function looksLikeJsonObject(line: string): boolean {
  let start = 0;
  while (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9) start++;
  let end = line.length - 1;
  while (end > start && (line.charCodeAt(end) === 32 || line.charCodeAt(end) === 9)) end--;
  return line.charCodeAt(start) === 123 && line.charCodeAt(end) === 125;
}
