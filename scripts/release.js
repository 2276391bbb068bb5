#!/usr/bin/env node
/**
 * `npm run release -- VERSION` (a version like 0.2.0, or patch, minor, major): prepares a release.
 *
 *  1. checks that the work tree is clean and that CHANGELOG.md has entries under "## Unreleased";
 *  2. files them under "## VERSION — YYYY-MM-DD" (a new, empty "## Unreleased" above), and sets the
 *     version in package.json and package-lock.json (`npm version --no-git-tag-version`);
 *  3. builds the package (`npm run package`);
 *  4. prints the commands that commit, tag and publish it. It publishes nothing itself: publishing
 *     needs the publisher's tokens (VSCE_PAT for the Visual Studio Marketplace, OVSX_PAT for Open VSX).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const UNRELEASED = '## Unreleased';

/** The next version: `wanted` itself, or `current` bumped by patch, minor or major. */
function nextVersion(current, wanted) {
  const [major, minor, patch] = current.split('.').map(Number);
  if (wanted === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (wanted === 'minor') return `${major}.${minor + 1}.0`;
  if (wanted === 'major') return `${major + 1}.0.0`;
  if (!/^\d+\.\d+\.\d+$/.test(wanted || '')) throw new Error(`${wanted === undefined ? 'no version given' : `${wanted} is not a version`}: use X.Y.Z, patch, minor or major`);
  return wanted;
}

/**
 * The changelog with the entries under "## Unreleased" filed under "## VERSION — DATE", and an
 * empty "## Unreleased" left above them. Refused when there are no entries, or the version is there already.
 */
function releaseChangelog(text, version, date) {
  const start = text.indexOf(`${UNRELEASED}\n`);
  if (start < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`);
  const bodyStart = start + UNRELEASED.length + 1;
  const next = text.indexOf('\n## ', bodyStart);
  const body = text.slice(bodyStart, next < 0 ? text.length : next + 1);
  if (!/^\s*[-*] /m.test(body)) throw new Error(`CHANGELOG.md has nothing under "${UNRELEASED}": say what changed first`);
  if (new RegExp(`^## ${version.replace(/\./g, '\\.')}( |$)`, 'm').test(text)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  return `${text.slice(0, start)}${UNRELEASED}\n\n## ${version} — ${date}\n${body}${next < 0 ? '' : text.slice(next + 1)}`;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`\`${cmd} ${args.join(' ')}\` failed with exit code ${r.status}`);
}

function main() {
  const wanted = process.argv[2];
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (status.status === 0 && status.stdout.trim()) throw new Error('the work tree has changes: commit them first, so that the release is exactly what is committed');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = nextVersion(pkg.version, wanted);
  const file = path.join(root, 'CHANGELOG.md');
  const now = new Date();
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const changelog = releaseChangelog(fs.readFileSync(file, 'utf8'), version, date);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (version !== pkg.version) run(npm, ['version', version, '--no-git-tag-version']);
  fs.writeFileSync(file, changelog);
  run(npm, ['run', '--silent', 'package']);
  const vsix = `${pkg.name}-${version}.vsix`;
  console.log(`
Release ${version} is ready in ${vsix}. Commit and tag it:

  git commit -am "Release ${version}" && git tag v${version} && git push --follow-tags

then publish the same file to both registries (tokens from the publisher's accounts):

  npx vsce publish --packagePath ${vsix}          # Visual Studio Marketplace, with VSCE_PAT set
  npx ovsx publish ${vsix} -p "$OVSX_PAT"          # Open VSX
`);
}

module.exports = { nextVersion, releaseChangelog };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`release: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
