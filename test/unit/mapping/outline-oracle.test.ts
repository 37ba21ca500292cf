// The TypeScript outline checked against the TypeScript compiler's own syntax tree, on this
// project's mapping sources and tests: same functions, same first and last lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { findFunctions, type FunctionRange } from '../../../src/core/mapping';

const REPO = path.resolve(__dirname, '../../..');

/** Named functions as the compiler sees them; a function starts on its name's line. */
function compilerFunctions(text: string, file: string): FunctionRange[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const out: FunctionRange[] = [];
  const visit = (n: ts.Node): void => {
    let name: string | undefined;
    let body: ts.Node | undefined;
    let start = n.getStart(sf);
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n)) && n.body && n.name) {
      name = n.name.getText(sf);
      body = n.body;
      start = n.name.getStart(sf);
    } else if (ts.isConstructorDeclaration(n) && n.body) {
      name = 'constructor';
      body = n.body;
    } else if (
      (ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n)) &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)) &&
      ts.isIdentifier(n.name)
    ) {
      name = n.name.text;
      body = n.initializer;
      start = n.name.getStart(sf);
    } else if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(n.left) &&
      (ts.isArrowFunction(n.right) || ts.isFunctionExpression(n.right))
    ) {
      // exports.start = function () {...}, Foo.prototype.run = ..., this.log = () => ...
      name = n.left.name.text;
      body = n.right;
      start = n.left.name.getStart(sf);
    }
    if (name && body) out.push({ name, startLine: line(start), endLine: line(body.getEnd() - 1) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

test('every function the compiler finds in the mapping code is found with the same range, and nothing else', () => {
  const files = [
    ...tsFiles(path.join(REPO, 'src/core/mapping')),
    ...tsFiles(path.join(REPO, 'test/unit/mapping')),
    path.join(REPO, 'src/sources/local/workspace-files.ts'),
    path.join(REPO, 'src/sources/local/git-lines.ts'),
    path.join(REPO, 'bench/mapping.bench.ts'),
    path.join(REPO, 'test/fixtures/mapping/outline/sample.ts.txt'),
    ...[1, 2, 3].map((n) => path.join(REPO, `test/fixtures/mapping/drift/fetcher.v${n}.ts.txt`)),
  ];
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const key = (f: FunctionRange) => `${path.relative(REPO, file)}:${f.startLine} ${f.name}-${f.endLine}`;
    const want = compilerFunctions(text, file).map(key).sort();
    const got = findFunctions(text, 'ts').map(key).sort();
    assert.deepEqual(got, want);
    compared += want.length;
  }
  assert.ok(compared > 100, `compared ${compared} functions`);
});
