/** Publishing: the manifest has what the registries ask for, and the release files the changelog's entries. */
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require(path.join(root, 'scripts', 'release.js')) as { nextVersion(current: string, wanted?: string): string; releaseChangelog(text: string, version: string, date: string): string };

describe('release', () => {
  it('has what the Marketplace and Open VSX ask for in the manifest', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { icon: string; repository: { type: string; url: string }; bugs: { url: string }; homepage: string };
    const png = fs.readFileSync(path.join(root, pkg.icon));
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], '128×128');
    assert.deepEqual(pkg.repository, { type: 'git', url: 'https://github.com/peer-mentoring/peer-mentoring.git' });
    assert.equal(pkg.bugs.url, 'https://github.com/peer-mentoring/peer-mentoring/issues');
    assert.equal(pkg.homepage, 'https://github.com/peer-mentoring/peer-mentoring#readme');
    assert.equal(pkg.license, 'MIT');
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const kept of ['!media/icon.png', '!CHANGELOG.md', '!LICENSE']) assert.ok(ignore.includes(kept), `${kept} in .vscodeignore`);
    assert.ok(!fs.readFileSync(path.join(root, 'scripts', 'package.js'), 'utf8').includes("'--allow-"), 'vsce packages it without any --allow-* flag');
  });

  it('keeps a changelog with what is not released yet, or the current version', () => {
    const text = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(text, new RegExp(`^## (Unreleased|${version.replace(/\./g, '\\.')} — \\d{4}-\\d\\d-\\d\\d)$`, 'm'));
  });

  it('files the unreleased entries under the new version, with its date', () => {
    const before = '# Changelog\n\nIntro.\n\n## Unreleased\n\n- Fixed the thing.\n- Added another.\n\n## 0.1.0 — 2026-01-05\n\n- First.\n';
    assert.equal(
      release.releaseChangelog(before, '0.2.0', '2026-12-01'),
      '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.2.0 — 2026-12-01\n\n- Fixed the thing.\n- Added another.\n\n## 0.1.0 — 2026-01-05\n\n- First.\n',
    );
    assert.throws(() => release.releaseChangelog('# Changelog\n\n## Unreleased\n\n## 0.1.0 — 2026-01-05\n\n- First.\n', '0.2.0', '2026-12-01'), /nothing under "## Unreleased"/);
    assert.throws(() => release.releaseChangelog(before, '0.1.0', '2026-12-01'), /already has a section for 0\.1\.0/);
    assert.throws(() => release.releaseChangelog('# Changelog\n', '0.2.0', '2026-12-01'), /no "## Unreleased" section/);
  });

  it('takes a version, or bumps the current one', () => {
    assert.equal(release.nextVersion('0.1.0', 'patch'), '0.1.1');
    assert.equal(release.nextVersion('0.1.3', 'minor'), '0.2.0');
    assert.equal(release.nextVersion('0.1.3', 'major'), '1.0.0');
    assert.equal(release.nextVersion('0.1.3', '0.4.0'), '0.4.0');
    assert.throws(() => release.nextVersion('0.1.3', 'v1'), /not a version/);
    assert.throws(() => release.nextVersion('0.1.3'), /no version given/);
  });
});
