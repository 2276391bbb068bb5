#!/usr/bin/env node
/**
 * `npm run package`: builds the installable extension, `peer-mentoring-<version>.vsix`, with
 * @vscode/vsce. The package is assembled in `.cache/package/` (a folder of its own, so a
 * development build running at the same time cannot slip into it): minified bundles
 * (`node esbuild.js --production`), then the files `.vscodeignore` allows (package.json,
 * package.nls.json, README.md, CHANGELOG.md, LICENSE, media/ with the icon). The bundles carry
 * their runtime dependencies, so vsce runs with `--no-dependencies`; README links stay as written
 * (`--no-rewrite-relative-links`: relative images resolve inside the installed package, so they must
 * be PNG/JPEG files under media/). The manifest has what the Marketplace and Open VSX ask for (icon,
 * repository, bugs, homepage, license): vsce packages it without any --allow-* flag.
 *
 *   npm run package                    -> ./peer-mentoring-<version>.vsix
 *   npm run package -- --out FILE      another output path
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stage = path.join(root, '.cache', 'package');
/** Copied into the package folder when present; `.vscodeignore` has the last word on what is packed. */
const FILES = ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media'];

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`\`${path.basename(cmd)} ${args.join(' ')}\` failed with exit code ${r.status}`);
}

function outPath(argv) {
  const i = argv.findIndex((a) => a === '--out' || a === '-o');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]);
  const { name, version } = require(path.join(root, 'package.json'));
  return path.join(root, `${name}-${version}.vsix`);
}

function main() {
  const out = outPath(process.argv.slice(2));
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  run(process.execPath, [path.join(root, 'esbuild.js'), '--production', `--outdir=${path.join(stage, 'dist')}`], root);
  for (const f of FILES) {
    const from = path.join(root, f);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, f), { recursive: true });
  }
  fs.rmSync(out, { force: true });
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], stage);
  console.log(`${path.relative(process.cwd(), out) || out}: ${(fs.statSync(out).size / 1024).toFixed(1)} KB`);
}

try {
  main();
} catch (e) {
  console.error(`package: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
