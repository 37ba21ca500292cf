// --help text for every command.

/** The options --source datadog adds to scan and watch. */
const DATADOG_HELP = `
With --source datadog (no PATH; keys from the environment, never from flags):
  DD_API_KEY, DD_APP_KEY  Datadog API and application keys (required; exit 2 when missing)
  DD_SITE                 Datadog site, e.g. datadoghq.eu (default datadoghq.com)
  ERRTRACK_DATADOG_URL    replaces the API base URL (a proxy, a test server)
  --site SITE           Datadog site (wins over DD_SITE): datadoghq.com, us3.datadoghq.com,
                        us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com,
                        ddog-gov.com
  --datadog-url URL     API base URL (wins over ERRTRACK_DATADOG_URL), e.g. http://127.0.0.1:8126
  --query QUERY         scope the issues with a Datadog search, e.g. 'service:batch-* env:prod'
  --states LIST         the states searched, comma-separated (default OPEN,ACKNOWLEDGED): OPEN
                        (For Review), ACKNOWLEDGED (Reviewed), RESOLVED, IGNORED, EXCLUDED
  --track logs|trace|rum  Error Tracking's product the issues come from (default logs)
  --timeout DURATION    for all of the command's Datadog requests together (default 60s; with
                        watch, for each poll); 5xx, timeouts and network errors are retried while
                        time is left, then the command fails with exit status 1 (as do 403, 429).
                        While waiting, a line on stderr every 5 s says so.`;

export const USAGE: Record<string, string> = {
  main: `errtrack: group the errors in your logs into issues.

Usage: errtrack <command> [options]

Commands:
  scan PATH...         list issues found in log files, directories or globs
                       (or in Datadog: scan --source datadog)
  fingerprint          read JSON Lines on stdin, add issue.id to error events, write them to stdout
  watch PATH...        follow log files and print each new and regressed issue as it appears
                       (or poll Datadog: watch --source datadog)
  stats PATH...        count lines, records, errors and malformed lines per file
  lsp --stdio          run the language server (CodeLens and hovers in any LSP editor)
  assign ISSUE_ID      assign a Datadog issue to yourself (or --user USER_ID)
  unassign ISSUE_ID    remove a Datadog issue's assignee

Run "errtrack <command> --help" for the options of a command.
Exit status: 0 ok, 1 unreadable input, 2 bad usage, 3 new issue (scan --fail-on-new);
with --source datadog, 1 when Datadog cannot be reached or refuses (403, 429, 5xx, timeout).
`,
  scan: `Usage: errtrack scan PATH... [options]
       errtrack scan --source datadog [options]

Reads JSON Lines (.jsonl, .ndjson, .log, and .gz forms) and plain-text logs, groups their error
events into issues and prints them sorted by count. With --source datadog, lists the issues of
Datadog's Error Tracking for Logs instead, in the same table and JSON shapes.

Options:
  --source local|datadog  where the issues come from (default local)
  --format table|json   output format (default table). json prints one object:
                        {"issues":[...],"stats":{"files","lines","records","joined","blank",
                        "errors","malformed","skipped":{reason:count},"problems"}}
  --since DURATION      only events newer than this, e.g. 30m, 24h, 7d
  --now TIME            evaluate --since against this ISO 8601 time (default: now)
  --service NAME        only events of this service
  --workspace DIR       map each issue's top frame to a file of DIR
  --map FROM=TO         path prefix mapping for --workspace (repeatable), e.g. --map /app/=./
  --state FILE          keep issue states and known issues in FILE across runs
  --fail-on-new         exit with status 3 when an issue not in the state file appears
  --field MAP=PATH      read a standard attribute from another path (repeatable),
                        e.g. --field error.stack=exception.trace
  --error-events all|withErrorAttributes
                        which error-level records are error events: all (default), or only
                        those with a stack or error type (Datadog's rule)
  -h, --help            show this help
${DATADOG_HELP}

  With datadog, --since is the exact window searched (default 24h). Every issue is listed, although
  Datadog answers at most 100 per search: full answers are split by state, service and time; when
  that still cannot reach them all, "Not complete: ..." says so (and JSON "datadog.complete" is
  false). --service adds service:NAME to the query. STATE shows Datadog's names (For Review,
  Reviewed, Resolved, Ignored, Excluded) and NEW for a new issue. New means first seen after the
  last run recorded in --state (the file keeps the ids seen and when the run looked; states stay
  in Datadog), or inside the window without one; a search ordered by FIRST_SEEN finds them however
  few their events, and --fail-on-new exits 3 and prints each with its Datadog link. JSON issues
  carry "url" and "assignee"; stats have files 0, lines 0 and malformed 0, records and errors the
  sum of the counts. The busiest issues' top frames get their line from a recent log's
  error.stack (one logs query each, up to 10, 4 at a time). --field does not apply.
`,
  fingerprint: `Usage: errtrack fingerprint [options] < in.log > out.log

Reads log lines on stdin (JSON Lines, plain text, container logs: what "errtrack scan" reads, the
same way) and writes the same lines, in the same order, to stdout. The first line of each error
record gains its issue id (the id "errtrack scan" gives): a JSON object gets "issue":{"id":"…"}
before its closing brace, a text line gets " issue.id=…" at its end; every other line is
unchanged. A line is written once its record is complete (the next record began, input paused
for a second, or input ended).

Options:
  --field MAP=PATH      read a standard attribute from another path (repeatable)
  --error-events all|withErrorAttributes
                        which error-level records are error events: all (default), or only
                        those with a stack or error type (Datadog's rule)
  --service NAME        service of records that name none (default unknown; "errtrack scan"
                        names them after the file: pass the same name to get its ids)
  --state FILE          read known message templates from FILE (never written)
  -h, --help            show this help
`,
  watch: `Usage: errtrack watch PATH... [options]
       errtrack watch --source datadog [options]

Reads the files, then follows them (appended lines, rotation, truncation) and prints each new
and regressed issue as it appears. Stop with Ctrl-C. With --source datadog, polls Datadog's
Error Tracking for Logs instead and prints its new and regressed issues the same way.

Options:
  --source local|datadog  where the issues come from (default local)
  --format text|json    one line of text (default) or one JSON object per issue event
  --state FILE          known issues and states (issues in it are not new)
  --workspace DIR       map top frames to files of DIR
  --map FROM=TO         path prefix mapping for --workspace (repeatable)
  --field MAP=PATH      read a standard attribute from another path (repeatable)
  --error-events all|withErrorAttributes
                        which error-level records are error events: all (default), or only
                        those with a stack or error type (Datadog's rule)
  -h, --help            show this help
${DATADOG_HELP}
  --poll-minutes N      how often to ask Datadog (default 5, at least 1)
  --service NAME        adds service:NAME to the query

  With datadog, the first poll is the baseline: issues already there are not printed, unless
  --state is given, which prints (and records) those first seen since the last run the file
  recorded. Afterwards an issue is new when first seen since the baseline (a FIRST_SEEN search
  finds it when the list is past Datadog's 100-per-search cap), regressed when its regressed_at
  is newer.
  A failing first poll exits 1; later failures are reported and retried (with back-off, and
  after X-RateLimit-Reset on 429).
`,
  stats: `Usage: errtrack stats PATH... [options]

Accounts for every line of each file: the log records it starts (JSON objects, text records,
crash reports; the formats found), the lines joined into them (traces, continued messages),
blank lines, and lines skipped with the reason (bad JSON, binary data, over-long lines), plus
the error events found and unreadable files.

Options:
  --format table|json   output format (default table)
  --field MAP=PATH      read a standard attribute from another path (repeatable)
  --error-events all|withErrorAttributes
                        which error-level records are error events: all (default), or only
                        those with a stack or error type (Datadog's rule)
  -h, --help            show this help
`,
  assign: `Usage: errtrack assign ISSUE_ID [--user USER_ID]

Assigns a Datadog Error Tracking issue to the user the application key belongs to, or to
USER_ID. Keys from DD_API_KEY / DD_APP_KEY; the application key needs error_tracking_write.

Options:
  --user USER_ID        assign to this Datadog user id instead
  --site SITE, --datadog-url URL, --timeout DURATION   as for scan --source datadog
  -h, --help            show this help
`,
  unassign: `Usage: errtrack unassign ISSUE_ID

Removes a Datadog Error Tracking issue's assignee. Keys and options as for assign.
`,
  lsp: `Usage: errtrack lsp --stdio

Runs the Error Tracking language server over stdin/stdout for any LSP editor (Neovim, Helix,
Zed, ...). It reads the workspace's logs and answers CodeLens, hover and errorTracking/* requests.

Options:
  --stdio               talk LSP over stdin/stdout (required)
  -h, --help            show this help
`,
};
