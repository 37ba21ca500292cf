// Starts code-server on 127.0.0.1 with a fresh, quiet profile and (optionally) this extension
// installed, and stops it with its whole process group. Used by the demo and the e2e tests.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provisionCodeServer, REPO_ROOT } from './provision.mjs';

export const DARK_THEME = 'Default Dark Modern';
export const LIGHT_THEME = 'Default Light Modern';

/** User settings that keep the workbench quiet, offline and free of first-run pages. */
export function quietSettings(colorTheme = DARK_THEME) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'workbench.colorTheme': colorTheme,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'editor.codeLens': true,
    'chat.disableAIFeatures': true,
  };
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The folder name VS Code expects for an unpacked extension: `publisher.name-version`. */
export function extensionFolderName(extensionPath = REPO_ROOT) {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/** Environment for code-server: ours plus `env`, minus the variables of an enclosing VS Code. */
function childEnv(extra) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return { ...env, ...extra };
}

async function waitForHealth(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}

function tail(file, lines = 30) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/**
 * Starts code-server. Options:
 *  - extensionPath: an unpacked extension symlinked into the extensions dir (default: this repo);
 *    `null` installs nothing (tests pass extensionDevelopmentPath in the URL payload instead).
 *  - env: variables the extension host sees (e.g. ERRTRACK_TEST_REPORT, ERRTRACK_NOW).
 *  - colorTheme, settings: user settings on top of the quiet ones.
 *  - port: default a free one. keepProfile: leave the temp profile on disk after stop().
 *  - workspaceTrust: true keeps Workspace Trust on, so a folder opens in Restricted Mode (no prompt).
 * Returns { url, port, pid, profileDir, logFile, folderUrl(folder, payload?), remoteUri(path), setUserSettings(patch), log(), stop() }.
 */
export async function startCodeServer(options = {}) {
  const { extensionPath = REPO_ROOT, env = {}, colorTheme = DARK_THEME, settings = {}, keepProfile = false, startTimeoutMs = 90_000, workspaceTrust = false } = options;
  const entry = provisionCodeServer();
  const profileDir = mkdtempSync(join(tmpdir(), 'errtrack-cs-'));
  const dataDir = join(profileDir, 'data');
  const extensionsDir = join(profileDir, 'extensions');
  const settingsFile = join(dataDir, 'User', 'settings.json');
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // With trust on and no prompt, every folder stays untrusted: Restricted Mode as a stranger's repo opens.
  const trustSettings = workspaceTrust
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
    : {};
  let userSettings = { ...quietSettings(colorTheme), ...trustSettings, ...settings };
  writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
  if (extensionPath) symlinkSync(resolve(extensionPath), join(extensionsDir, extensionFolderName(extensionPath)), 'dir');

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(profileDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    entry,
    '--config', join(profileDir, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dataDir,
    '--extensions-dir', extensionsDir,
  ];
  // detached = setsid(): code-server leads its own process group, so stop() reaches the
  // file watcher and extension host children too.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out], env: childEnv(env) });
  closeSync(out);
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && groupAlive(child.pid)) await new Promise((r) => setTimeout(r, 100));
    killGroup('SIGKILL');
    process.off('exit', onExit);
    if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, logFile, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }

  const folderUrl = (folder, payload) => {
    let result = `${url}/?folder=${encodeURIComponent(resolve(folder))}`;
    if (payload) result += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return result;
  };
  /** Rewrites the user settings; a page (re)load picks them up (e.g. another colour theme). */
  const setUserSettings = (patch) => {
    userSettings = { ...userSettings, ...patch };
    writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
  };
  /** A `vscode-remote://` URI for a path on this machine, as the workbench payload wants. */
  const remoteUri = (path) => `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
  return { url, port, pid: child.pid, profileDir, logFile, folderUrl, remoteUri, setUserSettings, stop, log: () => tail(logFile, 200) };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
