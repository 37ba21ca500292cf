// What the innermost open bracket at the start of each line is, so `name: (x) => ...` counts as
// a function only inside an object literal, not in an interface, a type literal, a class body
// (a typed field), a parameter list or a statement block (a label).

export type LineContext = 'value' | 'type' | 'class' | 'block' | 'paren' | 'top';

const VALUE_BEFORE = /(?:[=(,[?]|\breturn|\byield|\bexport default|=>\s*\(|\?\?|\|\||&&)$/;
const TYPE_BEFORE = /(?:\binterface\s+[\w$]+(?:<[^{}]*>)?(?:\s+extends\s+[^{};=]+)?|\btype\s+[\w$]+(?:<[^{}]*>)?\s*=|[|&<])$/;
const CLASS_BEFORE = /\bclass\b(?:\s+[\w$]+)?(?:<[^{}]*>)?(?:\s+(?:extends|implements)\s+[^{};]+)*$/;

/** Context at the start of each line (index 0 is line 1), from masked JS/TS code. */
export function lineContexts(masked: string): LineContext[] {
  const stack: LineContext[] = [];
  const out: LineContext[] = ['top'];
  for (let k = 0; k < masked.length; k++) {
    const c = masked[k];
    if (c === '\n') out.push(stack.length ? stack[stack.length - 1] : 'top');
    else if (c === '(' || c === '[') stack.push('paren');
    else if (c === ')' || c === ']' || c === '}') stack.pop();
    else if (c === '{') stack.push(braceKind(masked, k, stack.length ? stack[stack.length - 1] : 'top'));
  }
  return out;
}

function braceKind(s: string, k: number, enclosing: LineContext): LineContext {
  const before = s.slice(Math.max(0, k - 200), k).replace(/\s+$/, '');
  if (CLASS_BEFORE.test(before)) return 'class';
  if (TYPE_BEFORE.test(before)) return 'type';
  // `key: {` nests an object in an object (value) or a type in a type: as the enclosing bracket.
  if (before.endsWith(':')) return enclosing === 'value' || enclosing === 'type' ? enclosing : 'type';
  if (VALUE_BEFORE.test(before)) return 'value';
  return 'block';
}
