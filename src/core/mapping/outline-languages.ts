// Per-language masking and function header rules for the outline scanner.
import type { OutlineLanguage } from './outline';
import type { BraceLanguage } from './outline-brace';
import type { MaskProfile } from './outline-mask';

const ID = '[A-Za-z_$][\\w$]*';

const JS_MASK: MaskProfile = { lineComments: ['//'], blockComment: ['/*', '*/'], quotes: ['"', "'"], templates: true, regexLiterals: true };
const JS: BraceLanguage = {
  rules: [
    // function name(...) / export default async function* name
    { re: new RegExp(`^\\s*(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:async\\s+)?function\\b\\s*\\*?\\s*(${ID})`) },
    // const name = (async) (...) => / function
    { re: new RegExp(`^\\s*(?:export\\s+)?(?:const|let|var)\\s+(${ID})\\s*(?::[^=]*)?=(?![=>])`), needsFunctionValue: true },
    // class fields: name = async (...) =>
    { re: new RegExp(`^\\s*(?:(?:public|private|protected|static|readonly|override)\\s+)*(#?${ID})\\s*(?::\\s*[^=;]+?)?\\s*=(?![=>])`), needsFunctionValue: true, notInParens: true },
    // exports.name = function / Foo.prototype.name = (...) =>
    { re: new RegExp(`^\\s*(?:${ID}\\.)+(${ID})\\s*=(?![=>])`), needsFunctionValue: true },
    // object literal properties: name: (...) => / name: function
    { re: new RegExp(`^\\s*(?:\\{\\s*)?(${ID})\\s*:(?!:)`), needsFunctionValue: true, inObjectLiteral: true },
    // methods: async name(...) {, get name() {, *gen() {, static name<T>(...): T {
    {
      re: new RegExp(`^\\s*(?:(?:public|private|protected|static|async|override|abstract|readonly|get|set|accessor|declare)\\s+)*\\*?\\s*(#?${ID})\\s*(?:<[^>]*>)?\\s*(?=\\()`),
      methodLike: true,
    },
  ],
};

const GO: BraceLanguage = { rules: [{ re: /^\s*func\s*(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*(?=[[(])/ }] };
const RUST: BraceLanguage = {
  rules: [{ re: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:default\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+(?:"[^"]*"\s+)?)?fn\s+([A-Za-z_]\w*)/ }],
};
const PHP: BraceLanguage = {
  rules: [{ re: /^\s*(?:(?:public|private|protected|static|abstract|final|readonly)\s+)*function\s+&?\s*([A-Za-z_]\w*)/ }],
};
const KOTLIN: BraceLanguage = {
  equalsBody: true,
  rules: [
    {
      re: /^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:public|private|protected|internal|override|open|abstract|final|suspend|inline|operator|infix|tailrec|external|actual|expect)\s+)*fun\s+(?:<[^>]*>\s*)?(?:[\w.]+(?:<[^>]*>)?\??\.)?([A-Za-z_]\w*|`[^`]+`)/,
    },
  ],
};
// Type parameters and generic types with up to two levels of nesting: <K, V extends Map<K, List<V>>>.
const GENERIC = '<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>';
const JAVA_LIKE: BraceLanguage = {
  rules: [
    {
      re: new RegExp(
        '^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*(?:\\[[^\\]]*\\]\\s*)*' +
          '(?:(?:public|private|protected|internal|static|final|abstract|synchronized|native|default|strictfp|virtual|override|sealed|async|extern|unsafe|new|partial|readonly)\\b\\s*)*' +
          `(?:${GENERIC}\\s*)?` +
          `(?:(?<type>[\\w.$]+(?:\\s*${GENERIC})?(?:\\[\\])*\\??)\\s+)?` +
          // The parameters may open on the next line: `completeAsync\n    (Supplier<T> s) {`.
          `(?<name>[A-Za-z_$][\\w$]*)\\s*(?:${GENERIC})?\\s*(?=\\(|$)`,
      ),
      methodLike: true,
    },
  ],
};

const C_MASK: MaskProfile = { lineComments: ['//'], blockComment: ['/*', '*/'], quotes: ['"', "'"] };

export const LANGUAGES: Record<string, OutlineLanguage> = {
  ...Object.fromEntries(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts'].map((e) => [e, { kind: 'brace', mask: JS_MASK, brace: JS }])),
  py: { kind: 'python', mask: { lineComments: ['#'], quotes: ['"', "'"], tripleQuotes: true } },
  go: { kind: 'brace', mask: { ...C_MASK, rawBacktick: true }, brace: GO },
  java: { kind: 'brace', mask: { ...C_MASK, tripleQuotes: true }, brace: JAVA_LIKE },
  kt: { kind: 'brace', mask: { ...C_MASK, tripleQuotes: true }, brace: KOTLIN },
  kts: { kind: 'brace', mask: { ...C_MASK, tripleQuotes: true }, brace: KOTLIN },
  cs: { kind: 'brace', mask: { ...C_MASK, tripleQuotes: true, verbatimAt: true }, brace: JAVA_LIKE },
  rb: { kind: 'ruby', mask: { lineComments: ['#'], quotes: ['"', "'"], rubyBlockComments: true } },
  php: { kind: 'brace', mask: { lineComments: ['//', '#'], blockComment: ['/*', '*/'], quotes: ['"', "'"], hashAttributes: true }, brace: PHP },
  rs: { kind: 'brace', mask: { lineComments: ['//'], blockComment: ['/*', '*/'], nestedBlockComments: true, quotes: ['"'], rustChars: true }, brace: RUST },
};
