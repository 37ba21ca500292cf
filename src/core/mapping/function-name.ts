// The bare name a frame's function has in source (`com.acme.Fetcher.fetch` -> `fetch`), so the
// outline of the current file can find it. Undefined for anonymous and module-level code.
import type { Frame } from '../model';

export function sourceFunctionName(frame: Pick<Frame, 'function' | 'normalizedFunction'>): string | undefined {
  let s = (frame.normalizedFunction || frame.function || '').trim();
  if (!s) return undefined;
  s = s.replace(/\s*\[as [^\]]*\]$/, ''); // V8: `Fetcher.get [as fetch]`
  s = s.replace(/^(?:async|new)\s+/, '');
  s = s.replace(/^(?:block(?: \(\d+ levels\))?|rescue|ensure) in /, ''); // Ruby blocks name their method
  const csharpState = /<(\w+)>[a-z]__\w*/.exec(s); // C# async state machines: <FetchAsync>d__5.MoveNext
  if (csharpState) return csharpState[1];
  s = s.replace(/\(.*\)\s*$/, ''); // argument lists
  s = s.replace(/::h[0-9a-f]{16}$/, '').replace(/(::\{\{closure\}\})+$/, ''); // Rust hash, closures
  s = s.replace(/(\.(?:func|deferwrap|gowrap)\d+(?:\.\d+)*)+$/, ''); // Go closures belong to their function
  const parts = s.split(/::|->|\.|#|\//).filter(Boolean);
  let last = parts[parts.length - 1];
  if (last === undefined) return undefined;
  const lambda = /^lambda\$(\w+?)\$\d+$/.exec(last); // Java lambdas: lambda$fetch$0
  if (lambda) last = lambda[1];
  if (last === '<init>' && parts.length > 1) last = parts[parts.length - 2].replace(/^.*\$/, ''); // Outer$Inner -> Inner
  last = last.replace(/<[^>]*>$/, '').replace(/^\*/, '').replace(/\$+$/, '');
  if (!/^[A-Za-z_$][\w$]*[?!=]?$/.test(last) || /^(anonymous|<anonymous>)$/.test(last)) return undefined;
  return last;
}
