// `npm run demo`: builds the extension, (re)generates the demo logs and opens demo/nightly-import
// in a real editor with the extension loaded: the desktop `code` CLI when there is one, else
// code-server 4.100.3 (provisioned on first use into .vscode-test/) on 127.0.0.1 until Ctrl+C.
//   npm run demo [-- --port 8080] [-- --light]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DARK_THEME, LIGHT_THEME, startCodeServer } from './editor/code-server.mjs';
import { CODE_SERVER_VERSION, provisionCodeServer, REPO_ROOT } from './editor/provision.mjs';
import { DEMO_WORKSPACE, generateDemoLogs } from './editor/workspace.mjs';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;
const colorTheme = args.includes('--light') ? LIGHT_THEME : DARK_THEME;

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

run('npm', ['run', 'build']);
generateDemoLogs([]);

if (onPath('code') && !process.env.ERRTRACK_DEMO_CODE_SERVER) {
  console.log(`opening ${DEMO_WORKSPACE} in VS Code with the extension under development`);
  run('code', [`--extensionDevelopmentPath=${REPO_ROOT}`, DEMO_WORKSPACE]);
} else {
  provisionCodeServer();
  const server = await startCodeServer({ extensionPath: REPO_ROOT, colorTheme, port });
  const url = server.folderUrl(DEMO_WORKSPACE);
  console.log(`\nError Tracking demo in code-server ${CODE_SERVER_VERSION} (listening on 127.0.0.1 only):\n\n  ${url}\n`);
  console.log(`Open it in a browser. Logs: ${join(DEMO_WORKSPACE, 'logs')}; editor log: ${server.logFile}. Ctrl+C stops.`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep running while code-server serves; the signal handlers end it.
  setInterval(() => {}, 1 << 30);
}
