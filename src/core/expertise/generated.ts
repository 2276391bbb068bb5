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
  /**
   * What a path must have for the rule to match at all, from the pattern's literal parts: the
   * folders it starts with (below `base`; `''` for a pattern that matches at any depth or starts
   * with a wildcard) and the file extension it ends with (`''` when not fixed). Rules are looked up
   * by these, so a path is tested against the few rules that could match it, not all of them.
   */
  dirs: string;
  ext: string;
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
    const segments = glob.split('/');
    const literal = (seg: string): boolean => !/[*?[\\]/.test(seg);
    const dirs: string[] = [];
    if (anchored) {for (const seg of segments.slice(0, -1)) {
      if (!literal(seg)) break;
      dirs.push(seg);
    }}
    const last = segments[segments.length - 1];
    const dot = last.lastIndexOf('.');
    const ext = dot >= 0 && literal(last.slice(dot + 1)) && last.slice(dot + 1) !== '' ? last.slice(dot + 1) : '';
    rules.push({
      base,
      value,
      match: anchored ? m : (relative: string) => m(relative.slice(relative.lastIndexOf('/') + 1)),
      dirs: dirs.join('/'),
      ext,
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
  // Each rule under `base + dirs`, by extension; in file order within each list.
  const index = new Map<string, number[]>();
  rules.forEach((r, i) => {
    const key = `${r.base}${r.dirs}\0${r.ext}`;
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  });
  const vendor = vendored.map((d) => `${d}/`);
  return (path) => {
    if (isNonSkillPath(path) || vendor.some((v) => path.startsWith(v))) return true;
    if (rules.length === 0) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const exts = dot >= 0 ? ['', name.slice(dot + 1)] : [''];
    // The last matching rule wins: the highest index among the rules that could match.
    let best = -1;
    for (let end = 0; end >= 0; end = path.indexOf('/', end + 1)) {
      // Every folder prefix of the path (`''`, `a`, `a/b`, …), with and without its slash.
      const prefixes = end === 0 ? [''] : [path.slice(0, end), `${path.slice(0, end)}/`];
      for (const prefix of prefixes) {
        for (const ext of exts) {
          const list = index.get(`${prefix}\0${ext}`);
          if (!list) continue;
          for (let k = list.length - 1; k >= 0 && list[k] > best; k--) {
            const r = rules[list[k]];
            if (path.startsWith(r.base) && r.match(path.slice(r.base.length))) {
              best = list[k];
              break;
            }
          }
        }
      }
    }
    return best >= 0 ? rules[best].value : false;
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

/**
 * A test for commit ids against full or abbreviated ids, in time that does not grow with the number
 * of ids: full ids in one set, abbreviated ones in a set per length (at most 57 lengths), so a
 * commit is looked up once per length present.
 */
export function revisionSet(ids: readonly string[]): (hash: string) => boolean {
  const full = new Set<string>();
  const byLength = new Map<number, Set<string>>();
  for (const raw of ids) {
    const id = raw.toLowerCase();
    if (id.length >= 40) full.add(id);
    else {
      let set = byLength.get(id.length);
      if (!set) byLength.set(id.length, (set = new Set()));
      set.add(id);
    }
  }
  if (full.size === 0 && byLength.size === 0) return () => false;
  const short = [...byLength];
  return (hash) => {
    const h = hash.toLowerCase();
    if (full.has(h)) return true;
    for (const [length, set] of short) if (set.has(h.slice(0, length))) return true;
    return false;
  };
}
