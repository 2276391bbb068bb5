import * as assert from 'assert';
import { isMassChange, isNonSkillPath, MASS_CHANGE_FILES, nonSkillMatcher, parseIgnoreRevs, revisionSet, vendoredFolders } from '../../src/core/expertise/generated';

describe('files and commits that earn no skill', () => {
  it('knows lockfiles, release notes, minified, built and vendored files by their path', () => {
    const none = ['package-lock.json', 'web/yarn.lock', 'Cargo.lock', 'go.sum', 'CHANGELOG.md', 'History.md', 'NEWS', 'docs/release-notes.md', 'Documentation/RelNotes/2.40.0.adoc', 'static/app.min.js', 'static/app.js.map', 'dist/index.js', 'packages/x/dist/a.js', 'vendor/github.com/x/y.go', 'third_party/zlib/inflate.c', 'node_modules/a/index.js'];
    for (const p of none) assert.strictEqual(isNonSkillPath(p), true, p);
    const some = ['package.json', 'src/history.ts', 'src/git/changes.ts', 'lib/news.go', 'README.md', 'distribution/a.go', 'src/vendors.ts'];
    for (const p of some) assert.strictEqual(isNonSkillPath(p), false, p);
  });

  it('takes a folder with its own licence and no package manifest for copied-in code', () => {
    assert.deepStrictEqual(
      vendoredFolders(['LICENSE', 'sha1dc/LICENSE.txt', 'sha1dc/sha1.c', 'packages/x/LICENSE', 'packages/x/package.json', 'crates/y/COPYING', 'crates/y/Cargo.toml', 'src/a.c']),
      ['sha1dc'],
    );
  });

  it('reads linguist-generated and linguist-vendored with git’s pattern rules', () => {
    const noSkill = nonSkillMatcher(
      {
        '.gitattributes': ['# generated', 'gen/** linguist-generated', '*.pb.go linguist-generated=true', 'third/** linguist-vendored', 'third/keep.c -linguist-vendored', 'docs/ linguist-generated', 'x.txt linguist-generated=false', '*.c text eol=lf'].join('\n'),
        'web/.gitattributes': 'schema.ts linguist-generated\n',
      },
      ['sha1dc'],
    );
    const cases: [string, boolean][] = [
      ['gen/a/b.ts', true],
      ['src/gen/a.ts', false],
      ['api/v1/x.pb.go', true],
      ['third/lib.c', true],
      ['third/keep.c', false],
      // A folder pattern matches nothing in an attributes file.
      ['docs/a.md', false],
      ['x.txt', false],
      ['web/schema.ts', true],
      ['web/src/schema.ts', true],
      ['schema.ts', false],
      ['sha1dc/sha1.c', true],
      ['src/main.c', false],
      ['package-lock.json', true],
    ];
    for (const [p, expected] of cases) assert.strictEqual(noSkill(p), expected, p);
  });

  it('reads ignored revisions, full or abbreviated, and tells mass changes', () => {
    const ids = parseIgnoreRevs('# Prettier\nA1B2C3D4E5F60718293A4B5C6D7E8F9012345678\n\n  abcdef1 # short\nnot a hash\n');
    assert.deepStrictEqual(ids, ['a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'abcdef1']);
    const ignored = revisionSet(ids);
    assert.strictEqual(ignored('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'), true);
    assert.strictEqual(ignored('abcdef1999999999999999999999999999999999'), true);
    assert.strictEqual(ignored('0000000000000000000000000000000000000000'), false);
    assert.strictEqual(revisionSet([])('abc'), false);
    assert.strictEqual(MASS_CHANGE_FILES, 300);
    assert.deepStrictEqual([isMassChange(299, false), isMassChange(300, false), isMassChange(1, true)], [false, true, true]);
  });
});
