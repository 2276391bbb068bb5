/**
 * What earns no skill: files nobody writes by hand or that come from elsewhere, and commits that
 * change files without saying anything about who knows them.
 *
 * Files ({@link nonSkillMatcher}):
 *  - lockfiles (`package-lock.json`, `yarn.lock`, `Cargo.lock`, …), changelogs and release notes
 *    (`CHANGELOG.md`, `History.md`, `NEWS`, `RelNotes/`, `release-notes/`), minified files and source
 *    maps, and anything under a `dist/` folder;
 *  - vendored code: `vendor/`, `third_party/`, `node_modules/` and `bower_components/` folders, and
 *    folders below the root that carry their own licence but no package manifest (code copied in
 *    from another project, such as git's `sha1dc/`);
 *  - what `.gitattributes` marks `linguist-generated` or `linguist-vendored` (GitHub's attributes;
 *    `-linguist-…` or `=false` unmark), with git's pattern rules: a pattern without a slash matches
 *    a file name at any depth, one with a slash is anchored to the attributes file's folder, the
 *    last matching line wins and deeper files override shallower ones.
 *
 * Commits ({@link isMassChange}, {@link parseIgnoreRevs}): those listed in `.git-blame-ignore-revs`
 * (or the files `blame.ignoreRevsFile` names), and any commit that touches {@link MASS_CHANGE_FILES}
 * files or more (a reformat, a licence header, an import). They still count as the author's
 * activity, but earn no authorship and no share of any area.
 */
import { compileGlobs } from '../glob';

export const MASS_CHANGE_FILES = 300;

/** True when a commit of `files` changed files, or listed among the ignored revisions, earns no skill. */
export function isMassChange(files: number, ignored: boolean, threshold: number = MASS_CHANGE_FILES): boolean {
  return ignored || files >= threshold;
}

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'go.sum', 'cargo.lock',
  'pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock', 'gemfile.lock', 'composer.lock', 'gradle.lockfile', 'packages.lock.json',
  'mix.lock', 'pubspec.lock', 'podfile.lock', 'package.resolved', 'deno.lock', 'flake.lock', 'cartfile.resolved', 'shrinkwrap.yaml',
]);
/** `CHANGELOG.md`, `History.md`, `NEWS`, `release-notes.txt`: no extension, or a text one (`history.ts` is code). */
const RELEASE_NOTES = /^(changelog|changes|history|news|releases?|release[-_ ]?notes|relnotes)([-_][\w-]*)?(\.(md|markdown|txt|rst|adoc|asciidoc|textile|org|rdoc))?$/i;
const RELEASE_DIRS = new Set(['relnotes', 'release-notes', 'release_notes', 'releasenotes', 'changelogs', 'changelog']);
const MINIFIED = /[.-]min\.(js|mjs|cjs|css)$|\.(js|css)\.map$|\.bundle\.js$/i;
const VENDOR_DIRS = new Set(['vendor', 'vendors', 'third_party', 'third-party', 'thirdparty', '3rdparty', 'node_modules', 'bower_components', 'dist']);
const LICENSE_FILE = /^(licen[cs]e|copying)(\.[a-z]+)?$/i;
const MANIFESTS = new Set([
  'package.json', 'cargo.toml', 'pyproject.toml', 'setup.py', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts',
  'gemfile', 'composer.json', 'mix.exs', 'pubspec.yaml', 'package.swift', 'cmakelists.txt', 'meson.build', 'deno.json',
]);

/** Built-in rules by path alone: lockfiles, release notes, minified files, `dist/` and vendor folders. */
export function isNonSkillPath(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  const lower = name.toLowerCase();
  if (LOCKFILES.has(lower) || RELEASE_NOTES.test(name) || MINIFIED.test(name)) return true;
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts[i].toLowerCase();
    if (VENDOR_DIRS.has(dir) || RELEASE_DIRS.has(dir)) return true;
  }
  return false;
}

/**
 * Folders below the root holding their own licence file and no package manifest: code copied from
 * another project. `paths` are every file of the tree.
 */
export function vendoredFolders(paths: readonly string[]): string[] {
  const licensed = new Set<string>();
  const manifest = new Set<string>();
  for (const p of paths) {
    const slash = p.lastIndexOf('/');
    if (slash <= 0) continue;
    const dir = p.slice(0, slash);
    const name = p.slice(slash + 1);
    if (LICENSE_FILE.test(name)) licensed.add(dir);
    else if (MANIFESTS.has(name.toLowerCase())) manifest.add(dir);
  }
  return [...licensed].filter((d) => !manifest.has(d)).sort();
}

interface AttrRule {
  /** The attributes file's folder with a trailing slash (`''` at the root). */
  base: string;
  match: (relative: string) => boolean;
  value: boolean;
}

const ATTRS = /^(-|!)?linguist-(generated|vendored)(=(.*))?$/;

/** Parses one `.gitattributes` file (its folder: `dir`, `''` at the root) into rules, in file order. */
export function parseGitattributes(dir: string, text: string): AttrRule[] {
  const base = dir ? `${dir.replace(/\/+$/, '')}/` : '';
  const rules: AttrRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[attr]') || line.startsWith('"')) continue;
    const [pattern, ...attrs] = line.split(/\s+/);
    let value: boolean | undefined;
    for (const a of attrs) {
      const m = ATTRS.exec(a);
      if (!m) continue;
      if (m[1] === '!') value = undefined;
      else if (m[1] === '-') value = false;
      else value = m[4] === undefined || !/^(false|0|no)$/i.test(m[4]);
    }
    // A pattern for a folder matches nothing in an attributes file (git's rule: use `dir/**`).
    if (value === undefined || pattern.endsWith('/') || pattern.startsWith('!')) continue;
    const anchored = pattern.includes('/');
    const glob = pattern.replace(/^\//, '');
    // The repository's own patterns: matched without backtracking, like every glob read from it.
    const m = compileGlobs([glob]);
    rules.push({
      base,
      value,
      match: anchored ? m : (relative: string) => m(relative.slice(relative.lastIndexOf('/') + 1)),
    });
  }
  return rules;
}

/**
 * The test for paths that earn no skill: the built-in rules, `vendored` folders and the attribute
 * files given as `{ path of the .gitattributes file: its text }`.
 */
export function nonSkillMatcher(attributes: Readonly<Record<string, string>> = {}, vendored: readonly string[] = []): (path: string) => boolean {
  const files = Object.keys(attributes).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const rules = files.flatMap((f) => parseGitattributes(f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '', attributes[f]));
  const vendor = vendored.map((d) => `${d}/`);
  return (path) => {
    if (isNonSkillPath(path) || vendor.some((v) => path.startsWith(v))) return true;
    for (let i = rules.length - 1; i >= 0; i--) {
      const r = rules[i];
      if (path.startsWith(r.base) && r.match(path.slice(r.base.length))) return r.value;
    }
    return false;
  };
}

/** The commit ids of a `.git-blame-ignore-revs` file (comments and blank lines skipped), lower case. */
export function parseIgnoreRevs(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*([0-9a-fA-F]{7,64})\b/.exec(raw.replace(/#.*/, ''));
    if (m) out.push(m[1].toLowerCase());
  }
  return out;
}

/** A test for commit ids against full or abbreviated ids. */
export function revisionSet(ids: readonly string[]): (hash: string) => boolean {
  const full = new Set(ids.filter((i) => i.length >= 40));
  const short = ids.filter((i) => i.length < 40);
  if (full.size === 0 && short.length === 0) return () => false;
  return (hash) => {
    const h = hash.toLowerCase();
    return full.has(h) || short.some((s) => h.startsWith(s));
  };
}
