#!/usr/bin/env node
/**
 * What `npm run demo` and `npm test` need from the machine, checked in a second before anything is
 * built or downloaded: Node 20+, git, Chromium for the tests, and for the browser test host
 * (code-server, scripts/vscode-host/install.js) linux-x64 and room on disk. When something is
 * missing it says what, and prints the one command that installs it with the package manager found
 * here (apt-get, dnf or brew; all three when none is found).
 *
 *   node scripts/preflight.js --demo [--browser]        what `npm run demo` needs
 *   node scripts/preflight.js --test [LAYER...]          what `npm test [-- LAYER...]` needs
 *   node scripts/preflight.js --test --packages apt      only the names of the packages to install (for CI)
 *
 * Exit code 0 when everything is there, 1 when something is missing (the message on stderr).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const MIN_NODE = 20;
const MANAGERS = ['apt-get', 'dnf', 'brew'];

/** System packages, per package manager. */
const PACKAGES = {
  git: { 'apt-get': 'git', dnf: 'git', brew: 'git' },
  chromium: { 'apt-get': 'chromium', dnf: 'chromium', brew: '--cask chromium' },
};

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** The Chromium the tests drive: `PM_CHROMIUM`, else the first one installed in a usual place. */
function findChromium(env = process.env) {
  if (env.PM_CHROMIUM) return env.PM_CHROMIUM;
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
}

/** Free megabytes on the disk that holds `dir` (or its nearest existing parent). */
function freeMb(dir) {
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  try {
    const s = fs.statfsSync(at);
    return Math.floor((s.bavail * s.bsize) / (1024 * 1024));
  } catch {
    return Infinity;
  }
}

/**
 * What is missing for `what`: `{ demo: { browser } }` or `{ test: { layers } }` (no layers: all).
 * Each problem is `{ need, why, package?, fix? }`: a system package to install, or another fix.
 */
function missing(what, env = process.env, platform = `${process.platform}-${process.arch}`) {
  const problems = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE) problems.push({ need: `Node ${MIN_NODE} or later`, why: `this is Node ${process.versions.node}`, fix: `install Node ${MIN_NODE} or later (https://nodejs.org, or nvm install ${MIN_NODE})` });
  if (!onPath('git')) problems.push({ need: 'git', why: 'the demo workspace and the tests are git repositories', package: 'git' });
  if (!fs.existsSync(path.join(__dirname, '..', 'node_modules', '.package-lock.json'))) {
    problems.push({ need: "the project's npm packages", why: 'node_modules is not installed', fix: 'run `npm install` in this folder' });
  }

  const layers = what.test ? (what.test.layers && what.test.layers.length ? what.test.layers : ['unit', 'webview', 'integration', 'screenshots', 'package']) : [];
  const needsHost = what.demo ? what.demo.browser : layers.some((l) => ['integration', 'screenshots', 'package'].includes(l)) && codeServerHost(env);
  const needsChromium = layers.includes('webview') || (what.test && needsHost);
  const chromium = needsChromium ? findChromium(env) : undefined;
  if (needsChromium && env.PM_CHROMIUM && !fs.existsSync(env.PM_CHROMIUM)) {
    problems.push({ need: 'Chromium', why: `PM_CHROMIUM is ${env.PM_CHROMIUM}, which does not exist`, fix: 'set PM_CHROMIUM to the Chromium executable, or unset it' });
  } else if (needsChromium && !chromium) {
    problems.push({ need: 'Chromium', why: 'the tests show the review panel and VS Code in headless Chromium', package: 'chromium' });
  }
  if (needsHost) {
    if (platform !== 'linux-x64') {
      problems.push({
        need: 'a VS Code to run in',
        why: `the browser test host is built for linux-x64, and this is ${platform}`,
        fix: what.demo ? 'install VS Code and put `code` on PATH (then `npm run demo` opens it)' : 'install VS Code and run the tests with PM_VSCODE_HOST=desktop VSCODE_EXECUTABLE=/path/to/code',
      });
    } else {
      const { isInstalled, SIZE_MB, paths } = require('./vscode-host/install');
      const dir = paths().hostDir;
      const free = freeMb(path.dirname(dir));
      if (!isInstalled() && free < SIZE_MB + 100) {
        problems.push({ need: `${SIZE_MB + 100} MB free disk space`, why: `the VS Code test host goes into ${dir}, and ${free} MB are free there`, fix: 'free some space, or set PM_VSCODE_HOST_DIR to a folder on a larger disk' });
      }
    }
  }
  return problems;
}

/** The integration layers run in code-server (not desktop VS Code) with these settings. */
function codeServerHost(env) {
  const wanted = env.PM_VSCODE_HOST || 'auto';
  if (wanted === 'desktop') return false;
  if (wanted === 'code-server') return true;
  if (env.VSCODE_EXECUTABLE) return false;
  const cache = path.join(__dirname, '..', '.vscode-test');
  return !(fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('vscode-')));
}

/** The package managers on this machine (the first is the one to use). */
function managers() {
  return MANAGERS.filter(onPath);
}

/** The command that installs `packages` (keys of PACKAGES) with `manager`. */
function installCommand(manager, packages, root = typeof process.getuid === 'function' && process.getuid() === 0) {
  const names = packages.map((p) => PACKAGES[p][manager]);
  const sudo = root || manager === 'brew' ? '' : 'sudo ';
  if (manager === 'apt-get') return `${sudo}apt-get update && ${sudo}apt-get install -y ${names.join(' ')}`;
  if (manager === 'dnf') return `${sudo}dnf install -y ${names.join(' ')}`;
  const formulae = names.filter((n) => !n.startsWith('--cask'));
  const casks = names.filter((n) => n.startsWith('--cask')).map((n) => n.slice('--cask '.length));
  return [formulae.length ? `brew install ${formulae.join(' ')}` : '', casks.length ? `brew install --cask ${casks.join(' ')}` : ''].filter(Boolean).join(' && ');
}

/** The message for `problems`, ending with the one command to run (or one per package manager). */
function report(command, problems, found = managers()) {
  const lines = [`${command} needs what this machine does not have yet:`];
  for (const p of problems) lines.push(`  - ${p.need}: ${p.why}`);
  const packages = [...new Set(problems.filter((p) => p.package).map((p) => p.package))];
  const fixes = problems.filter((p) => p.fix).map((p) => p.fix);
  lines.push('');
  if (packages.length) {
    if (found.length) lines.push('Install it with:', '', `  ${installCommand(found[0], packages)}`, '');
    else lines.push('Install it with one of:', '', ...MANAGERS.map((m) => `  ${installCommand(m, packages)}`), '');
  }
  for (const fix of fixes) lines.push(`${packages.length ? 'Also' : 'To fix it'}: ${fix}.`);
  if (fixes.length) lines.push('');
  lines.push(`Then run ${command} again.`);
  return lines.join('\n');
}

/** Checks, and on a problem prints the report and exits with 1: for scripts/demo.js and scripts/test.js. */
function preflight(command, what) {
  const problems = missing(what);
  if (!problems.length) return;
  process.stderr.write(`\n${report(command, problems)}\n`);
  process.exit(1);
}

module.exports = { preflight, missing, report, installCommand, findChromium, freeMb, PACKAGES };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--packages');
  const manager = at >= 0 ? args[at + 1] : undefined;
  const rest = at < 0 ? args : args.filter((a, i) => i !== at && i !== at + 1);
  const what = rest.includes('--demo') ? { demo: { browser: rest.includes('--browser') || !onPath('code') } } : { test: { layers: rest.filter((a) => !a.startsWith('--')) } };
  const problems = missing(what);
  if (manager) {
    const key = manager === 'apt' ? 'apt-get' : manager;
    if (!MANAGERS.includes(key)) {
      process.stderr.write(`--packages ${manager}: one of apt, dnf, brew\n`);
      process.exit(2);
    }
    // Only the packages: whatever else is missing, the check at the start of the run reports it.
    process.stdout.write(`${[...new Set(problems.filter((p) => p.package).map((p) => PACKAGES[p.package][key]))].join(' ')}\n`);
    process.exit(0);
  }
  if (problems.length) {
    process.stderr.write(`${report(what.demo ? 'npm run demo' : 'npm test', problems)}\n`);
    process.exit(1);
  }
  process.stdout.write(`everything ${what.demo ? 'npm run demo' : 'npm test'} needs is here (${os.platform()}-${os.arch()}, Node ${process.versions.node})\n`);
}
