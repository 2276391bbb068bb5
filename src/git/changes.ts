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
import type { ChangeStatus, ChangedFile, Hunk } from '../core/changes';
import { normalizePath } from '../core/glob';

export type ChangeSource = { kind: 'working-tree' } | { kind: 'branch'; /** Default: the repository's main branch. */ base?: string };

export interface ChangeSet {
  /** Absolute path of the repository's top level; file paths are relative to it. */
  root: string;
  /** What the files were compared with: `HEAD`, or `BASE...HEAD` in branch mode. */
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
  const top = await run(git, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  if (top === undefined || !top.trim()) throw new ChangesError(`not a git repository (or inside its .git folder): ${dir}`);
  const root = path.resolve(top.trim());
  const rootGit = dir === root ? git : simpleGit({ baseDir: root, config: ['core.quotePath=false'], trimmed: false });
  const head = await resolveCommit(rootGit, 'HEAD');

  if (source.kind === 'working-tree') {
    const from = head ?? (await emptyTree(rootGit));
    const files = await diffFiles(rootGit, [from]);
    const seen = new Set(files.map((f) => f.path));
    for (const p of splitZ(await run(rootGit, ['ls-files', '--others', '--exclude-standard', '-z']))) {
      if (!seen.has(p)) files.push(await untracked(root, p));
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { root, comparedWith: head ? 'HEAD' : 'an empty repository', files };
  }

  if (!head) throw new ChangesError('the branch has no commits yet: nothing to compare with a base');
  const base = source.base ?? (await defaultBase(rootGit));
  const baseCommit = await resolveCommit(rootGit, base);
  if (!baseCommit) throw new ChangesError(`unknown base '${base}': not a branch, tag or commit of this repository`);
  const mergeBase = (await run(rootGit, ['merge-base', baseCommit, head]).catch(() => '')).trim();
  if (!mergeBase) throw new ChangesError(`'${base}' and HEAD have no common history`);
  return { root, comparedWith: `${base}...HEAD`, files: await diffFiles(rootGit, [mergeBase, head]) };
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

/** The empty tree's id in this repository's object format (for a diff before the first commit). */
async function emptyTree(git: SimpleGit): Promise<string> {
  const format = (await run(git, ['rev-parse', '--show-object-format']).catch(() => 'sha1')).trim();
  return format === 'sha256'
    ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321'
    : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}

/** Files and hunks of `git diff <revs>` (one rev: against the working tree and index). */
async function diffFiles(git: SimpleGit, revs: string[]): Promise<ChangedFile[]> {
  const [summary, patch] = await Promise.all([
    run(git, ['diff', ...DIFF_FLAGS, '-z', '--raw', '--numstat', ...revs, '--']),
    run(git, ['diff', ...DIFF_FLAGS, '-U0', '--src-prefix=a/', '--dst-prefix=b/', ...revs, '--']),
  ]);
  const files = parseSummary(summary);
  const hunks = parseHunks(patch);
  for (const f of files) {
    if (f.binary || f.status === 'deleted') continue;
    f.hunks = hunks.get(f.path) ?? [];
  }
  return files;
}

function splitZ(out: string): string[] {
  return out.split('\0').filter((s) => s !== '');
}

const STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'typechange',
  U: 'unmerged',
};

/**
 * `--raw --numstat -z` output: raw records (`:modes shas STATUS\0path\0[newpath\0]`) then numstat
 * records (`added\tdeleted\tpath\0` or, for a rename, `added\tdeleted\t\0old\0new\0`; `-\t-` for binary).
 */
export function parseSummary(out: string): ChangedFile[] {
  const tokens = out.split('\0');
  const files: ChangedFile[] = [];
  const byPath = new Map<string, ChangedFile>();
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === '' || t === '\n') {
      i++;
    } else if (t.startsWith(':')) {
      const letter = t.split(' ')[4]?.charAt(0) ?? 'M';
      const status = STATUS[letter] ?? 'modified';
      const twoPaths = letter === 'R' || letter === 'C';
      const file: ChangedFile = twoPaths
        ? { path: normalizePath(tokens[i + 2]), oldPath: normalizePath(tokens[i + 1]), status }
        : { path: normalizePath(tokens[i + 1]), status };
      i += twoPaths ? 3 : 2;
      if (byPath.has(file.path)) continue; // an unmerged path is listed once per stage
      files.push(file);
      byPath.set(file.path, file);
    } else {
      const [added, deleted, inline] = t.replace(/^\n/, '').split('\t');
      const p = inline ? inline : tokens[i + 2];
      i += inline ? 1 : 3;
      const file = p === undefined ? undefined : byPath.get(normalizePath(p));
      if (file && added === '-' && deleted === '-') file.binary = true;
    }
  }
  return files;
}

/** New-side hunks per new path from `git diff -U0 --src-prefix=a/ --dst-prefix=b/` output. */
export function parseHunks(patch: string): Map<string, Hunk[]> {
  const result = new Map<string, Hunk[]>();
  let current: Hunk[] | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff ')) {
      current = undefined;
    } else if (line.startsWith('+++ ') && current === undefined) {
      const name = unquote(line.slice(4).replace(/\t$/, ''));
      if (name.startsWith('b/')) {
        current = [];
        result.set(normalizePath(name.slice(2)), current);
      }
    } else if (line.startsWith('@@') && current) {
      const m = /^@@+ (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m) current.push({ startLine: Number(m[1]), lineCount: m[2] === undefined ? 1 : Number(m[2]) });
    }
  }
  return result;
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
