#!/usr/bin/env node
// The whole test suite, in layers: build (types, lint, bundles), unit tests (plain Node),
// webview tests (the built bundle in headless Chromium), integration tests (inside a real
// VS Code extension host) and the package smoke test (the .vsix installed into VS Code). Ends with one summary line: "N passed, N failed, N skipped".
//
//   npm test                 all layers
//   npm test -- unit webview only the layers named (build always runs)
//   npm test -- screenshots --update-screenshots
//                            takes the README's pictures again (`npm run screenshots`)
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { preflight } = require('./preflight');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(root, 'out', '.results');
const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const layers = [
  // mocha is resolved when the layer runs: a machine without node_modules hears so from the preflight check first.
  { name: 'unit', cmd: process.execPath, args: () => [require.resolve('mocha/bin/mocha.js'), '--config', '.mocharc.json'] },
  {
    name: 'webview',
    cmd: process.execPath,
    args: () => [
      require.resolve('mocha/bin/mocha.js'),
      '--no-config',
      '--reporter',
      './scripts/mocha-reporter.js',
      '--timeout',
      '60000',
      'out/test/webview/**/*.test.js',
    ],
    when: () => fs.existsSync(path.join(root, 'out', 'test', 'webview')),
  },
  {
    name: 'integration',
    cmd: process.execPath,
    args: ['out/test/integration/run.js'],
    when: () => fs.existsSync(path.join(root, 'out', 'test', 'integration', 'run.js')),
  },
  {
    // The README's pictures, taken on the demo workspace; checks that they still show what the demo shows.
    name: 'screenshots',
    cmd: process.execPath,
    args: ['out/test/integration/run.js', '--suite', 'screenshots'],
    when: () => fs.existsSync(path.join(root, 'out', 'test', 'integration', 'run.js')),
  },
  {
    // What the demo workspace shows (reviewer suggestions for its knowledge island), in a real VS Code.
    name: 'demo',
    cmd: process.execPath,
    args: ['out/test/integration/run.js', '--suite', 'demo'],
    when: () => fs.existsSync(path.join(root, 'out', 'test', 'integration', 'run.js')),
  },
  {
    // The .vsix (`npm run package`) installed into VS Code and smoke-tested there.
    name: 'package',
    cmd: process.execPath,
    args: ['out/test/package/run.js'],
    when: () => fs.existsSync(path.join(root, 'out', 'test', 'package', 'run.js')),
  },
];

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status === null ? 1 : r.status;
}

function main() {
  const args = process.argv.slice(2);
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => (a.startsWith('--') ? a !== '--update-screenshots' : !layers.some((l) => l.name === a)));
  if (unknown.length) {
    console.error(`unknown layer or option ${unknown[0]} (layers: ${layers.map((l) => l.name).join(', ')}; option: --update-screenshots)`);
    process.exit(2);
  }
  // What the machine lacks is said now, in a second, with the command that installs it.
  preflight('npm test', { test: { layers: wanted } });
  if (args.includes('--update-screenshots')) process.env.PM_UPDATE_SCREENSHOTS = '1';
  fs.rmSync(resultsDir, { recursive: true, force: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];

  for (const [script] of [['build'], ['compile-tests']]) {
    console.log(`\n> ${script}`);
    if (run(npmCmd, ['run', '--silent', script]) !== 0) {
      console.log(`\n${script} failed`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }

  for (const layer of layers) {
    if (wanted.length && !wanted.includes(layer.name)) continue;
    if (layer.when && !layer.when()) continue;
    console.log(`\n> ${layer.name} tests`);
    const resultsFile = path.join(resultsDir, `${layer.name}.json`);
    const status = run(layer.cmd, typeof layer.args === 'function' ? layer.args() : layer.args, { PM_RESULTS_FILE: resultsFile });
    let counts;
    try {
      counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 };
      console.log(`${layer.name}: the run reported no results (exit code ${status})`);
    }
    if (status !== 0 && counts.failed === 0) counts.failed = 1;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (counts.failed) failures.push(layer.name);
    console.log(`${layer.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }

  console.log('');
  if (failures.length) console.log(`failing layers: ${failures.join(', ')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed ? 1 : 0);
}

main();
