// Function names made stable for grouping: the parts that change between builds, deploys or
// runs (lambda counters, proxy numbers, hash suffixes, pointer receivers) are dropped.
import type { Language } from '../model';

const MAX_NAME = 2048;

export function normalizeFunctionName(name: string, language: Language): string {
  let n = (name.length > MAX_NAME ? name.slice(0, MAX_NAME) : name).trim();
  switch (language) {
    case 'javascript':
      n = normalizeJs(n);
      break;
    case 'go':
      n = normalizeGo(n);
      break;
    case 'java':
      n = normalizeJava(n);
      break;
    case 'dotnet':
      n = normalizeDotnet(n);
      break;
    case 'rust':
      n = normalizeRust(n);
      break;
    case 'ruby':
      n = normalizeRuby(n);
      break;
    case 'php':
      n = n.replace(/class@anonymous[^\s:]*(?::\d+\$[0-9a-f]+)?/g, 'class@anonymous');
      break;
    case 'python':
    case 'elixir':
    case 'unknown':
      break;
  }
  return n;
}

function normalizeJs(n: string): string {
  if (n.startsWith('async ')) n = n.slice(6);
  if (n.startsWith('new ')) n = n.slice(4);
  const alias = n.indexOf(' [as ');
  if (alias > 0 && n.endsWith(']')) n = n.slice(0, alias);
  if (n === '' || n === 'Anonymous function' || n === '(anonymous function)' || n === 'Object.<anonymous>' ||
      n === 'Module.<anonymous>' || n === '<anonymous>') {
    return '<anonymous>';
  }
  // Firefox marks nested anonymous functions with /< suffixes: `foo/</<` is inside foo.
  n = n.replace(/(?:\/<)+$/, '').replace(/<$/, '');
  n = n.replace(/\/<\//g, '/');
  return n === '' ? '<anonymous>' : n;
}

function normalizeGo(n: string): string {
  // Pointer receivers: pkg.(*T).M -> pkg.T.M
  n = n.replace(/\(\*([^()]+)\)/g, '$1');
  // Type parameters: pkg.F[...] -> pkg.F
  n = n.replace(/\[\.\.\.\]/g, '');
  // Numbered closures: main.f.func1.2 -> main.f.func ; old Go: func·001
  n = n.replace(/\.func\d+(?:\.\d+)*/g, '.func').replace(/func·\d+/g, 'func');
  // Go 1.21+: created by pkg.f in goroutine 7
  n = n.replace(/ in goroutine \d+$/, '');
  return n;
}

function normalizeJava(n: string): string {
  return n
    .replace(/\$\$Lambda\$?\d*(?:\/0x[0-9a-fA-F]+|\/\d+)?/g, '$$$$Lambda')
    .replace(/\$\$(EnhancerBySpringCGLIB|FastClassBySpringCGLIB|EnhancerByCGLIB|FastClassByCGLIB|SpringCGLIB)\$\$[0-9a-zA-Z_]+/g, '$$$$$1')
    .replace(/\$HibernateProxy\$[0-9A-Za-z]+/g, '$$HibernateProxy')
    .replace(/\$ByteBuddy\$[0-9A-Za-z$]+/g, '$$ByteBuddy')
    .replace(/(^|\.)\$Proxy\d+/g, '$1$$Proxy')
    .replace(/\bGenerated(Method|ConstructorAccessor|SerializationConstructorAccessor|MethodAccessor)(\d+)/g, 'Generated$1')
    .replace(/\blambda\$(\w+)\$\d+/g, 'lambda$$$1')
    .replace(/\$lambda[-$]\d+/g, '$$lambda')
    .replace(/\$anonfun\$(\w+)\$\d+(?:\$adapted)?/g, '$$anonfun$$$1')
    .replace(/\baccess\$\d+/g, 'access$$');
}

function normalizeDotnet(n: string): string {
  // Async state machine: Ns.C+<DoWork>d__4`1.MoveNext -> Ns.C.DoWork
  const sm = /^(.*?)[+.]<([^<>]+)>d__\d*(?:`\d+)?\.MoveNext$/.exec(n);
  if (sm) return sm[1] + '.' + sm[2];
  return n
    .replace(/<<([^<>]+)>g__(\w+?)\|\d+_\d+>d\.MoveNext$/, '<$1>g__$2')
    .replace(/c__DisplayClass\d+(?:_\d+)?/g, 'c__DisplayClass')
    .replace(/>b__\d+(?:_\d+)?/g, '>b')
    .replace(/>g__(\w+?)\|\d+_\d+/g, '>g__$1')
    .replace(/\blambda_method\d*~?/g, 'lambda_method');
}

function normalizeRust(n: string): string {
  return n.replace(/::h[0-9a-f]{16}$/, '');
}

function normalizeRuby(n: string): string {
  return n
    .replace(/^block \(\d+ levels\) in /, 'block in ')
    .replace(/__\d+_\d+$/, '')
    .replace(/^rescue in block \(\d+ levels\) in /, 'rescue in block in ');
}

export interface FunctionFlags {
  anonymous?: boolean;
  native?: boolean;
  eval?: boolean;
}

const ANONYMOUS_EXACT = new Set([
  '', '<anonymous>', 'Anonymous function', '(anonymous function)', 'Object.<anonymous>', 'Module.<anonymous>',
  '<lambda>', '{closure}', 'eval', 'eval code', 'Global code', 'global code',
]);

export function functionFlags(name: string, language: Language): FunctionFlags {
  const flags: FunctionFlags = {};
  const n = name.length > MAX_NAME ? name.slice(0, MAX_NAME) : name;
  if (ANONYMOUS_EXACT.has(n) || n.endsWith('.<anonymous>') || n.endsWith('{closure}') || n.includes('{{closure}}') ||
      n.includes('$anonfun$') || n.includes('lambda$') || n.startsWith('block in ') || n.startsWith('anonymous fn') ||
      n.includes('<lambda>') || /\.func\d+(?:\.\d+)*$/.test(n) || n.includes('func·') || n.includes('>b__')) {
    flags.anonymous = true;
  }
  if (language === 'javascript' && (n === 'eval' || n === 'eval code')) flags.eval = true;
  if (language === 'php' && n === '{main}') flags.anonymous = false;
  if (language === 'javascript' && n.endsWith('/<')) flags.anonymous = true;
  if (!flags.anonymous) delete flags.anonymous;
  return flags;
}
