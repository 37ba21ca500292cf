// errtrack lsp --stdio: the same language server the extension starts, for any LSP editor.
import { parse, UsageError } from '../args';
import type { CommandIO } from './io';
import type * as ServerStart from '../../server/start';

export async function lspCommand(argv: string[], io: CommandIO): Promise<number | 'running'> {
  const { values } = parse(argv, { stdio: { type: 'boolean' } });
  if (values.help) return io.help('lsp');
  if (!values.stdio) throw new UsageError('lsp needs --stdio');
  // Loaded only now: the server pulls in vscode-languageserver, which other commands do not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require('../../server/start') as typeof ServerStart;
  startServer();
  return 'running';
}
