/**
 * The change set under review, read from git: the working tree (staged, unstaged and untracked
 * files against HEAD) or a branch against its base (`git diff BASE...HEAD`: since the merge base).
 *
 * Runs git in the repository, so repository config (`core.fsmonitor`, diff drivers, hooks) can run
 * programs: never call this for an untrusted workspace — the host checks workspace trust first.
 * External diff and textconv drivers are switched off for every diff read here.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import simpleGit, { SimpleGit } from 'simple-git';
import type { ChangedFile } from '../core/review';
import { normalizePath } from '../core/glob';

export type ChangeSource =
  | { kind: 'working-tree' }
  | {
      kind: 'branch';
      /** Default: the repository's main branch. */
      base?: string;
      /** The branch's tip (default HEAD): a pull request's head fetched as data, for one. */
      head?: string;
      /** Compare the merge base with the working tree (uncommitted and untracked files included) instead of HEAD. */
      withWorkingTree?: boolean;
    };

export interface ChangeSet {
  /** Absolute path of the repository's top level; file paths are relative to it. */
  root: string;
  /** What the files were compared with: `HEAD`, `BASE...HEAD` in branch mode, `BASE...` with the working tree. */
  comparedWith: string;
  files: ChangedFile[];
}

/** A change set could not be read: not a repository, no base branch, unknown ref. */
export class ChangesError extends Error {}

/** Bases tried, in order, when a branch is compared without an explicit base. */
export const DEFAULT_BASES = ['origin/main', 'origin/master', 'main', 'master'];

/** Untracked files larger than this get no line ranges (they are not read). */
const MAX_UNTRACKED_BYTES = 8 * 1024 * 1024;

const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--ignore-submodules=none'];

export async function readChanges(dir: string, source: ChangeSource = { kind: 'working-tree' }): Promise<ChangeSet> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new ChangesError(`not a directory: ${dir}`);
  const git = simpleGit({ baseDir: dir, config: ['core.quotePath=false'], trimmed: false });
  const [top, head] = await Promise.all([
    run(git, ['rev-parse', '--show-toplevel', '--show-object-format']).catch(() => ''),
    resolveCommit(git, 'HEAD'),
  ]);
  const [topLevel, objectFormat] = top.split('\n');
  if (!topLevel?.trim()) throw new ChangesError(`not a git repository (or inside its .git folder): ${dir}`);
  const root = path.resolve(topLevel.trim());
  // Run from the top level, so that no `diff.relative` setting limits or re-roots the paths.
  const rootGit = dir === root ? git : simpleGit({ baseDir: root, config: ['core.quotePath=false'], trimmed: false });

  if (source.kind === 'working-tree') {
    const files = await workingTreeFiles(rootGit, root, head ?? emptyTree(objectFormat?.trim()));
    return { root, comparedWith: head ? 'HEAD' : 'an empty repository', files };
  }

  const headName = source.head ?? 'HEAD';
  const tip = source.head === undefined ? head : await resolveCommit(rootGit, source.head);
  if (!tip) {
    throw new ChangesError(source.head === undefined ? 'the branch has no commits yet: nothing to compare with a base' : `unknown head '${source.head}': not a branch, tag or commit of this repository`);
  }
  const base = source.base ?? (await defaultBase(rootGit));
  const baseCommit = await resolveCommit(rootGit, base);
  if (!baseCommit) throw new ChangesError(`unknown base '${base}': not a branch, tag or commit of this repository`);
  const mergeBase = (await run(rootGit, ['merge-base', baseCommit, tip]).catch(() => '')).trim();
  if (!mergeBase) throw new ChangesError(`'${base}' and ${headName} have no common history`);
  if (source.withWorkingTree && source.head === undefined) {
    return { root, comparedWith: `${base}...`, files: await workingTreeFiles(rootGit, root, mergeBase) };
  }
  return { root, comparedWith: `${base}...${headName}`, files: await diffFiles(rootGit, [mergeBase, tip]) };
}

/** The working tree and index against `from` (a commit or the empty tree), untracked files included, sorted by path. */
async function workingTreeFiles(rootGit: SimpleGit, root: string, from: string): Promise<ChangedFile[]> {
  const [files, others] = await Promise.all([diffFiles(rootGit, [from]), run(rootGit, ['ls-files', '--others', '--exclude-standard', '-z'])]);
  const seen = new Set(files.map((f) => f.path));
  const fresh = splitZ(others).filter((p) => !seen.has(normalizePath(p)));
  files.push(...(await Promise.all(fresh.map((p) => untracked(root, p)))));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files;
}

/** The first of the usual main branches that exists: `origin/HEAD`'s target, then {@link DEFAULT_BASES}. */
export async function defaultBase(git: SimpleGit): Promise<string> {
  const originHead = (await run(git, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD']).catch(() => '')).trim();
  const candidates = originHead ? [originHead, ...DEFAULT_BASES] : DEFAULT_BASES;
  for (const c of candidates) if (await resolveCommit(git, c)) return c;
  throw new ChangesError(`no base branch found (tried ${DEFAULT_BASES.join(', ')}); name one with --base REF`);
}

/** `git config user.email` as seen from `dir`, if set. */
export async function readUserEmail(dir: string): Promise<string | undefined> {
  const out = await run(simpleGit({ baseDir: dir }), ['config', 'user.email']).catch(() => '');
  return out.trim() || undefined;
}

async function run(git: SimpleGit, args: string[]): Promise<string> {
  return git.raw(args);
}

async function resolveCommit(git: SimpleGit, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  const out = await run(git, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
  return out.trim() || undefined;
}

/** The empty tree's id in the repository's object format (for a diff before the first commit). */
function emptyTree(objectFormat: string | undefined): string {
  return objectFormat === 'sha256'
    ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321'
    : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}

/** Files and hunks of `git diff <revs>` (one rev: against the working tree and index), from one `-U0` patch. */
async function diffFiles(git: SimpleGit, revs: string[]): Promise<ChangedFile[]> {
  return parsePatch(await run(git, ['diff', ...DIFF_FLAGS, '-U0', '--submodule=short', '--src-prefix=a/', '--dst-prefix=b/', ...revs, '--']));
}

function splitZ(out: string): string[] {
  return out.split('\0').filter((s) => s !== '');
}

/**
 * The files of a `git diff -U0 --src-prefix=a/ --dst-prefix=b/` patch, in order: status, new path
 * (and old path of a rename or copy), new-side hunks, and whether git found the file binary.
 * Paths come from `rename to`/`copy to`, else the `diff --git a/X b/X` header (C-quoted when needed).
 */
export function parsePatch(patch: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  const byPath = new Map<string, ChangedFile>();
  let file: ChangedFile | undefined;
  let inHunks = false;
  const flush = (): void => {
    if (!file?.path) return;
    file.path = normalizePath(file.path);
    if (file.binary || file.status === 'deleted') delete file.hunks;
    const earlier = byPath.get(file.path);
    if (earlier) {
      // A type change (file ↔ symlink) is written as a deletion and an addition of the same path.
      earlier.status = 'typechange';
      if (file.hunks) earlier.hunks = file.hunks;
      if (file.binary) earlier.binary = true;
    } else {
      byPath.set(file.path, file);
      files.push(file);
    }
    file = undefined;
  };
  for (const line of patch.split('\n')) {
    if (inHunks && /^[ +\-\\]/.test(line)) continue; // content, whatever it looks like
    inHunks = false;
    if (line.startsWith('diff --git ')) {
      flush();
      file = { path: headerPath(line.slice('diff --git '.length)) ?? '', status: 'modified', hunks: [] };
    } else if (line.startsWith('* Unmerged path ')) {
      flush();
      const path = normalizePath(line.slice('* Unmerged path '.length));
      if (!byPath.has(path)) files.push({ path, status: 'unmerged' });
    } else if (!file) {
      continue;
    } else if (line.startsWith('@@')) {
      inHunks = true;
      const m = /^@@+ (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m) file.hunks?.push({ startLine: Number(m[1]), lineCount: m[2] === undefined ? 1 : Number(m[2]) });
    } else if (line.startsWith('new file mode ')) {
      file.status = 'added';
    } else if (line.startsWith('deleted file mode ')) {
      file.status = 'deleted';
    } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) {
      file.oldPath = normalizePath(unquote(line.slice(line.indexOf(' from ') + 6)));
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      file.status = line.startsWith('rename') ? 'renamed' : 'copied';
      file.path = unquote(line.slice(line.indexOf(' to ') + 4));
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      file.binary = true;
    }
  }
  flush();
  return files;
}

/** The new path in `a/X b/X` (both sides are the same file unless renamed, which names itself later). */
function headerPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const end = quotedEnd(rest, 0);
    const b = rest.slice(end + 2);
    const name = b.startsWith('"') ? unquote(b) : b;
    return name.startsWith('b/') ? name.slice(2) : undefined;
  }
  const n = (rest.length - 5) / 2;
  if (!Number.isInteger(n) || n < 1 || !rest.startsWith('a/') || rest.slice(2 + n, 5 + n) !== ' b/') return undefined;
  const name = rest.slice(2, 2 + n);
  return name === rest.slice(5 + n) ? name : undefined;
}

/** Index of the closing quote of the C-quoted string starting at `start`. */
function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

/** A path as git writes it in a patch header: C-quoted when it holds special characters. */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"')) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
    } else if (/[0-7]/.test(body[i + 1] ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      const code = escapes[body[i + 1]];
      bytes.push(code ?? body.charCodeAt(i + 1));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

async function untracked(root: string, rel: string): Promise<ChangedFile> {
  const file: ChangedFile = { path: normalizePath(rel), status: 'untracked' };
  const full = path.join(root, rel);
  const stat = await fs.lstat(full).catch(() => undefined);
  if (!stat?.isFile() || stat.size > MAX_UNTRACKED_BYTES) return file;
  const content = await fs.readFile(full).catch(() => undefined);
  if (!content) return file;
  if (content.subarray(0, 8000).includes(0)) {
    file.binary = true;
    return file;
  }
  let lines = 0;
  for (const byte of content) if (byte === 10) lines++;
  if (content.length && content[content.length - 1] !== 10) lines++;
  file.hunks = lines ? [{ startLine: 1, lineCount: lines }] : [];
  return file;
}
