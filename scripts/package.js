#!/usr/bin/env node
/**
 * `npm run package`: builds the installable extension, `peer-mentoring-<version>.vsix`, with
 * @vscode/vsce. The package is assembled in a new `.cache/package-XXXXXX/` (a folder of its own, so a
 * development build or another packaging running at the same time cannot slip into it): minified bundles
 * (`node esbuild.js --production`), then the files `.vscodeignore` allows (package.json,
 * package.nls.json, README.md, CHANGELOG.md, LICENSE, media/ with the icon). The bundles carry
 * their runtime dependencies, so vsce runs with `--no-dependencies`; README images stay as written
 * (`--no-rewrite-relative-links`: relative images resolve inside the installed package, so they must
 * be PNG/JPEG files under media/), while its links to the repository's other files (docs/,
 * CHANGELOG.md) become links to them on GitHub: the Extensions view and the Marketplace open only
 * web links. The manifest has what the Marketplace and Open VSX ask for (icon,
 * repository, bugs, homepage, license): vsce packages it without any --allow-* flag.
 *
 *   npm run package                    -> ./peer-mentoring-<version>.vsix
 *   npm run package -- --out FILE      another output path
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
/** Copied into the package folder when present; `.vscodeignore` has the last word on what is packed. */
const FILES = ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media'];

/** The packaged README: relative links (not pictures, not `#anchors`) point to the repository on GitHub. */
function packagedReadme(text, repositoryUrl) {
  const base = `${repositoryUrl.replace(/\.git$/, '').replace(/\/+$/, '')}/blob/HEAD/`;
  let fence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) fence = !fence;
      if (fence || /^\s*```/.test(line)) return line;
      return line.replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (all, bang, label, target) =>
        bang || target.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(target) ? all : `[${label}](${base}${target.replace(/^\.\//, '')})`,
      );
    })
    .join('\n');
}

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
  fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
  const stage = fs.mkdtempSync(path.join(root, '.cache', 'package-'));
  try {
    run(process.execPath, [path.join(root, 'esbuild.js'), '--production', `--outdir=${path.join(stage, 'dist')}`], root);
    for (const f of FILES) {
      const from = path.join(root, f);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, f), { recursive: true });
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const readme = path.join(stage, 'README.md');
    fs.writeFileSync(readme, packagedReadme(fs.readFileSync(readme, 'utf8'), manifest.repository.url));
    fs.rmSync(out, { force: true });
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], stage);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  console.log(`${path.relative(process.cwd(), out) || out}: ${(fs.statSync(out).size / 1024).toFixed(1)} KB`);
}

module.exports = { packagedReadme };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
