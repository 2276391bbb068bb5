// Builds the bundles: the extension (Node, cjs, `vscode` external) and its analysis worker, the CLI
// (Node) and the webviews (browser). `node esbuild.js --watch` rebuilds on change; `--production` minifies.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir=DIR` writes the bundles to DIR instead of dist/ (the package is built in a folder of its own).
const outdir = (process.argv.find((a) => a.startsWith('--outdir=')) || '--outdir=dist').slice('--outdir='.length);

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The history analysis, in a worker thread of the extension host (started by src/git/analysisHost.ts).
    entryPoints: ['src/git/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { PEER_MENTORING_VERSION: JSON.stringify(require('./package.json').version) },
  },
  {
    // The goal review webview; its CSS import becomes dist/webview.css.
    entryPoints: ['webview/review/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    // The Team Overview webview; its CSS import becomes dist/overview.css.
    entryPoints: ['webview/overview/main.ts'],
    outfile: 'dist/overview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

async function main() {
  const contexts = await Promise.all(
    builds.map((options) =>
      esbuild.context({
        bundle: true,
        minify: production,
        sourcemap: !production,
        sourcesContent: false,
        logLevel: 'warning',
        ...options,
        outfile: options.outfile.replace(/^dist\//, `${outdir}/`),
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
