// The free-text `query` of IssueQuery for the local store: space-separated terms, all must match.
// "key:value" terms filter on service, env, state, kind or file; "-term" excludes; any other term
// is a case-insensitive substring of the service, kind, message template or top frame.

import type { IssueSummary } from '../model';

type Term = { negate: boolean; key?: string; value: string };

export function parseQuery(query: string | undefined): Term[] {
  if (!query) return [];
  const terms: Term[] = [];
  for (const raw of query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    let t = raw;
    const negate = t.startsWith('-') && t.length > 1;
    if (negate) t = t.slice(1);
    const m = /^(service|env|state|kind|file|status):(.*)$/i.exec(t);
    const unquote = (s: string): string => s.replace(/^"(.*)"$/, '$1').toLowerCase();
    terms.push(m ? { negate, key: m[1].toLowerCase(), value: unquote(m[2]) } : { negate, value: unquote(t) });
  }
  return terms;
}

export function matchesQuery(issue: IssueSummary, terms: Term[]): boolean {
  for (const term of terms) {
    if (matchTerm(issue, term) === term.negate) return false;
  }
  return true;
}

function matchTerm(issue: IssueSummary, term: Term): boolean {
  const v = term.value;
  switch (term.key) {
    case 'service':
      return issue.service.toLowerCase() === v;
    case 'env':
      return (issue.env ?? '').toLowerCase() === v;
    case 'state':
    case 'status':
      return issue.state.toLowerCase() === v;
    case 'kind':
      return issue.errorKind.toLowerCase().includes(v);
    case 'file':
      return (issue.topFrame?.file ?? '').toLowerCase().includes(v);
    default:
      return [issue.service, issue.errorKind, issue.message, issue.topFrame?.file ?? '', issue.topFrame?.function ?? '']
        .some((s) => s.toLowerCase().includes(v));
  }
}
