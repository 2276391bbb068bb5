/**
 * code-server on 127.0.0.1, started, awaited and stopped one way for the test host (code.js) and
 * the demo (scripts/demo.js), with the user settings of a quiet window (also used by the test
 * runners, test/integration/launch.ts).
 */
/* global fetch, AbortSignal */
const { spawn } = require('child_process');
const net = require('net');
const path = require('path');

/** User settings for a quiet window: no welcome page, tips, chat or update checks. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.autofetch': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server (`host` from install.js) on 127.0.0.1:`port` for `folder`, in a process group of
 * its own so that everything it starts can be ended with it. `extraArgs` follow the common ones;
 * `stdio` and `env` go to spawn, with the host's Node first on PATH.
 */
function startServer(host, { port, userDataDir, extensionsDir, folder, extraArgs = [], stdio = 'ignore', env = process.env }) {
  const args = [
    host.codeServer,
    '--config', '/dev/null',
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // The built workbench takes the extension under development (and the test driver) from the URL only with this on.
    '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
  ];
  if (folder) args.push(folder);
  return spawn(host.node, args, { detached: true, stdio, env: { ...env, PATH: `${path.dirname(host.node)}${path.delimiter}${env.PATH}` } });
}

/** Resolves true once `base`/healthz answers, false when `timeoutMs` has passed first. */
async function waitUntilUp(base, timeoutMs) {
  const upBy = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > upBy) return false;
    await sleep(250);
  }
}

/** Sends `sig` to the child's whole process group; false when the group is gone. */
function signalGroup(child, sig) {
  try {
    process.kill(-child.pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole process group, SIGKILL after 3 s if anything is left. */
async function killGroup(child) {
  if (signalGroup(child, 'SIGTERM')) {
    for (let i = 0; i < 30 && signalGroup(child, 0); i++) await sleep(100);
    signalGroup(child, 'SIGKILL');
  }
  child.stopped = true;
}

module.exports = { QUIET_SETTINGS, freePort, startServer, waitUntilUp, signalGroup, killGroup, sleep };
