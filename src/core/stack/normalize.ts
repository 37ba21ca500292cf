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
      if (n.includes('class@anonymous')) n = n.replace(/class@anonymous[^\s:]*(?::\d+\$[0-9a-f]+)?/g, 'class@anonymous');
      break;
    case 'python':
    case 'elixir':
    case 'dart':
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
  // Every replacement below involves a `<`: most names have none.
  if (!n.includes('<')) return n;
  n = n.replace(/(?:\/<)+$/, '').replace(/<$/, '');
  n = n.replace(/\/<\//g, '/');
  return n === '' ? '<anonymous>' : n;
}

// Each replacement runs only when the literal text it needs is there: most names need none, and
// an `includes` is far cheaper than a regex scan that finds nothing.
function normalizeGo(n: string): string {
  // Pointer receivers: pkg.(*T).M -> pkg.T.M
  if (n.includes('(*')) n = n.replace(/\(\*([^()]+)\)/g, '$1');
  // Type parameters: pkg.F[...] -> pkg.F
  if (n.includes('[...]')) n = n.replace(/\[\.\.\.\]/g, '');
  // Numbered closures: main.f.func1.2 -> main.f.func ; old Go: func·001
  if (n.includes('.func')) n = n.replace(/\.func\d+(?:\.\d+)*/g, '.func');
  if (n.includes('func·')) n = n.replace(/func·\d+/g, 'func');
  // Go 1.21+: created by pkg.f in goroutine 7
  if (n.includes(' in goroutine ')) n = n.replace(/ in goroutine \d+$/, '');
  return n;
}

function normalizeJava(n: string): string {
  if (!n.includes('$')) {
    // Only the Generated*Accessor rule can apply without a `$`, and it adds none.
    return n.includes('Generated') ? n.replace(/\bGenerated(Method|ConstructorAccessor|SerializationConstructorAccessor|MethodAccessor)(\d+)/g, 'Generated$1') : n;
  }
  if (n.includes('$$')) {
    n = n
      .replace(/\$\$Lambda\$?\d*(?:\/0x[0-9a-fA-F]+|\/\d+)?/g, '$$$$Lambda')
      .replace(/\$\$(EnhancerBySpringCGLIB|FastClassBySpringCGLIB|EnhancerByCGLIB|FastClassByCGLIB|SpringCGLIB)\$\$[0-9a-zA-Z_]+/g, '$$$$$1');
  }
  if (n.includes('$HibernateProxy$')) n = n.replace(/\$HibernateProxy\$[0-9A-Za-z]+/g, '$$HibernateProxy');
  if (n.includes('$ByteBuddy$')) n = n.replace(/\$ByteBuddy\$[0-9A-Za-z$]+/g, '$$ByteBuddy');
  if (n.includes('$Proxy')) n = n.replace(/(^|\.)\$Proxy\d+/g, '$1$$Proxy');
  if (n.includes('Generated')) n = n.replace(/\bGenerated(Method|ConstructorAccessor|SerializationConstructorAccessor|MethodAccessor)(\d+)/g, 'Generated$1');
  if (n.includes('lambda')) {
    n = n
      .replace(/\blambda\$(\w+)\$\d+/g, 'lambda$$$1')
      .replace(/\$lambda[-$]\d+/g, '$$lambda');
  }
  if (n.includes('$anonfun$')) n = n.replace(/\$anonfun\$(\w+)\$\d+(?:\$adapted)?/g, '$$anonfun$$$1');
  if (n.includes('access$')) n = n.replace(/\baccess\$\d+/g, 'access$$');
  return n;
}

function normalizeDotnet(n: string): string {
  // Async state machine: Ns.C+<DoWork>d__4`1.MoveNext -> Ns.C.DoWork
  if (n.includes('>d__')) {
    const sm = /^(.*?)[+.]<([^<>]+)>d__\d*(?:`\d+)?\.MoveNext$/.exec(n);
    if (sm) return sm[1] + '.' + sm[2];
  }
  if (n.includes('>g__')) {
    n = n.replace(/<<([^<>]+)>g__(\w+?)\|\d+_\d+>d\.MoveNext$/, '<$1>g__$2');
  }
  if (n.includes('c__DisplayClass')) n = n.replace(/c__DisplayClass\d+(?:_\d+)?/g, 'c__DisplayClass');
  if (n.includes('>b__')) n = n.replace(/>b__\d+(?:_\d+)?/g, '>b');
  if (n.includes('>g__')) n = n.replace(/>g__(\w+?)\|\d+_\d+/g, '>g__$1');
  if (n.includes('lambda_method')) n = n.replace(/\blambda_method\d*~?/g, 'lambda_method');
  return n;
}

function normalizeRust(n: string): string {
  return n.includes('::h') ? n.replace(/::h[0-9a-f]{16}$/, '') : n;
}

function normalizeRuby(n: string): string {
  if (n.includes('block (')) n = n.replace(/^block \(\d+ levels\) in /, 'block in ');
  if (n.includes('__')) n = n.replace(/__\d+_\d+$/, '');
  if (n.includes('rescue in block (')) n = n.replace(/^rescue in block \(\d+ levels\) in /, 'rescue in block in ');
  return n;
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
  const n = name.length > MAX_NAME ? name.slice(0, MAX_NAME) : name;
  let anonymous = ANONYMOUS_EXACT.has(n) || n.endsWith('.<anonymous>') || n.endsWith('{closure}') || n.includes('{{closure}}') ||
      n.includes('$anonfun$') || n.includes('lambda$') || n.startsWith('block in ') || n.startsWith('anonymous fn') ||
      n.includes('<lambda>') || (n.includes('.func') && /\.func\d+(?:\.\d+)*$/.test(n)) || n.includes('func·') || n.includes('>b__');
  const isEval = language === 'javascript' && (n === 'eval' || n === 'eval code');
  if (language === 'php' && n === '{main}') anonymous = false;
  if (language === 'dart' && n.includes('<anonymous closure>')) anonymous = true;
  if (language === 'javascript' && n.endsWith('/<')) anonymous = true;
  // Built in one go rather than with `delete`, which would leave the object in slow dictionary mode.
  if (anonymous) return isEval ? { anonymous: true, eval: true } : { anonymous: true };
  return isEval ? { eval: true } : {};
}
