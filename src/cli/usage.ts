// --help text for every command.
export const USAGE: Record<string, string> = {
  main: `errtrack: group the errors in your logs into issues.

Usage: errtrack <command> [options]

Commands:
  scan PATH...         list issues found in log files, directories or globs
  fingerprint          read JSON Lines on stdin, add issue.id to error events, write them to stdout
  watch PATH...        follow log files and print each new and regressed issue as it appears
  stats PATH...        count lines, records, errors and malformed lines per file
  lsp --stdio          run the language server (CodeLens and hovers in any LSP editor)

Run "errtrack <command> --help" for the options of a command.
Exit status: 0 ok, 1 unreadable input, 2 bad usage, 3 new issue (scan --fail-on-new).
`,
  scan: `Usage: errtrack scan PATH... [options]

Reads JSON Lines (.jsonl, .ndjson, .log, and .gz forms) and plain-text logs, groups their error
events into issues and prints them sorted by count.

Options:
  --format table|json   output format (default table). json prints one object:
                        {"issues":[...],"stats":{"files","lines","events","errors","malformed"}}
  --since DURATION      only events newer than this, e.g. 30m, 24h, 7d
  --now TIME            evaluate --since against this ISO 8601 time (default: now)
  --service NAME        only events of this service
  --workspace DIR       map each issue's top frame to a file of DIR
  --map FROM=TO         path prefix mapping for --workspace (repeatable), e.g. --map /app/=./
  --state FILE          keep issue states and known issues in FILE across runs
  --fail-on-new         exit with status 3 when an issue not in the state file appears
  --field MAP=PATH      read a standard attribute from another path (repeatable),
                        e.g. --field error.stack=exception.trace
  -h, --help            show this help
`,
  fingerprint: `Usage: errtrack fingerprint [options] < in.jsonl > out.jsonl

Reads JSON Lines on stdin and writes the same lines, in the same order, to stdout. Each error
event gains "issue":{"id":"…"} (the id "errtrack scan" gives); every other line is unchanged.

Options:
  --field MAP=PATH      read a standard attribute from another path (repeatable)
  --state FILE          read known message templates from FILE (never written)
  -h, --help            show this help
`,
  watch: `Usage: errtrack watch PATH... [options]

Reads the files, then follows them (appended lines, rotation, truncation) and prints each new
and regressed issue as it appears. Stop with Ctrl-C.

Options:
  --format text|json    one line of text (default) or one JSON object per issue event
  --state FILE          known issues and states (issues in it are not new)
  --workspace DIR       map top frames to files of DIR
  --map FROM=TO         path prefix mapping for --workspace (repeatable)
  --field MAP=PATH      read a standard attribute from another path (repeatable)
  -h, --help            show this help
`,
  stats: `Usage: errtrack stats PATH... [options]

Counts, per file: lines, log records, error events and malformed lines, with the last problem
(bad JSON, binary data, over-long lines, unreadable files).

Options:
  --format table|json   output format (default table)
  --field MAP=PATH      read a standard attribute from another path (repeatable)
  -h, --help            show this help
`,
  lsp: `Usage: errtrack lsp --stdio

Runs the Error Tracking language server over stdin/stdout for any LSP editor (Neovim, Helix,
Zed, ...). It reads the workspace's logs and answers CodeLens, hover and errorTracking/* requests.

Options:
  --stdio               talk LSP over stdin/stdout (required)
  -h, --help            show this help
`,
};
