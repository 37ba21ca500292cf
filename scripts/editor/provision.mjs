// Provisions the editor the end-to-end tests and the demo run in, on this machine and offline:
// code-server (VS Code in a browser, with a Node extension host) into an ignored cache folder,
// and Debian's Chromium for Playwright. VS Code itself cannot be downloaded here (see
// ../shared/notes/vscode-e2e-offline.md), so code-server is the "real editor".
//
//   node scripts/editor/provision.mjs      provisions, prints the paths
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian packages: Chromium for Playwright; ripgrep and the headers code-server's native modules build against. */
export const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

// @vscode/ripgrep (a code-server dependency) downloads rg from GitHub in its postinstall, but
// looks in this cache first: the version pair is the one code-server 4.100.3 depends on.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_BINARY_VERSION = 'v13.0.0-10';

const log = (message) => console.log(`[editor] ${message}`);

export function codeServerDir(root = REPO_ROOT) {
  return join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server entry point (a Node script), once provisioned. */
export function codeServerEntry(root = REPO_ROOT) {
  return join(codeServerDir(root), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function markerPath(root) {
  return join(codeServerDir(root), '.provisioned');
}

export function isCodeServerProvisioned(root = REPO_ROOT) {
  const marker = markerPath(root);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(codeServerEntry(root));
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function missingAptPackages(packages = APT_PACKAGES) {
  return packages.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/**
 * Installs the Debian packages that are missing (as root, `apt-get update` first). Without root
 * it throws a message naming the command to run.
 */
export function ensureAptPackages(packages = APT_PACKAGES) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`not a Debian-like system and ${CHROMIUM_PATH} is missing: install Chromium there`);
    return;
  }
  const missing = missingAptPackages(packages);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot()) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. As root run:\n  ${command}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env });
}

/** The Chromium Playwright drives; installs it (and the other packages) when root and missing. */
export function ensureChromium() {
  if (!existsSync(CHROMIUM_PATH)) ensureAptPackages();
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is still missing after installing the chromium package`);
  return CHROMIUM_PATH;
}

function ripgrepTarget() {
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new Error(`no ripgrep cache recipe for ${process.arch}`);
}

/** Puts the system rg where @vscode/ripgrep's postinstall looks before trying GitHub. */
function seedRipgrepCache() {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep (rg) is missing: install the ripgrep package');
  const cache = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(cache, `ripgrep-${RIPGREP_BINARY_VERSION}-${ripgrepTarget()}.tar.gz`);
  if (existsSync(archive)) return;
  const staging = join(tmpdir(), `errtrack-rg-${process.pid}`);
  mkdirSync(cache, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, join(staging, 'rg'));
  execFileSync('tar', ['czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Installs code-server into `.vscode-test/code-server-<version>/` unless a previous run finished
 * (the marker file). Returns the entry script to run with node.
 */
export function provisionCodeServer(root = REPO_ROOT) {
  if (isCodeServerProvisioned(root)) return codeServerEntry(root);
  ensureAptPackages();
  seedRipgrepCache();
  const dir = codeServerDir(root);
  // A half-finished install (no marker) is thrown away rather than trusted.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'errtrack-editor-cache', private: true }, null, 2));
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (first use, a minute or two)`);
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    {
      stdio: 'inherit',
      // Root needs unsafe-perm for the postinstall; node-pty's build asks npx for node-gyp.
      env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', CI: process.env.CI ?? 'true' },
    },
  );
  if (result.status !== 0 || !existsSync(codeServerEntry(root))) {
    throw new Error(`installing code-server@${CODE_SERVER_VERSION} failed (npm exit ${result.status})`);
  }
  writeFileSync(markerPath(root), `${CODE_SERVER_VERSION}\n`);
  log(`code-server ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerEntry(root);
}

/** Everything the editor stages need: `{ codeServer, chromium }` (absolute paths). */
export function provision(root = REPO_ROOT) {
  const chromium = ensureChromium();
  const codeServer = provisionCodeServer(root);
  return { codeServer, chromium };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const paths = provision();
    log(`code-server: ${paths.codeServer}`);
    log(`chromium:    ${paths.chromium}`);
    log(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`[editor] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
