/**
 * Which repository a folder belongs to, for the private notes: two clones of one repository must
 * find the same notes, wherever they are on disk.
 *
 * - **Root commit**: the first commit of the history HEAD descends from (along first parents) is
 *   the same in every clone and survives new commits, branches and merges. Not used in a shallow
 *   clone, whose oldest commit is just where the clone was cut.
 * - **Remote URLs**, without scheme, user, password or `.git`: `git@github.com:acme/shop.git` and
 *   `https://github.com/acme/shop` are both `github.com/acme/shop`.
 * - **The folder** (the repository's top folder, or the folder itself outside git).
 *
 * A new notes file is named by the first that is known; every file records all three, so that a
 * folder opened later with less knowledge (a shallow clone, or Restricted Mode, where git is never
 * run) still finds it. Without git the top folder is found by looking for `.git`, and the remotes
 * are read from the repository's config file as text: nothing in the repository is executed.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { RepoIdentity } from '../core/notes';

export interface FolderRepository extends RepoIdentity {
  /** Whether git was asked (false in Restricted Mode, or when git is not installed or not a repository). */
  fromGit: boolean;
}

/** The repository of `dir`; `git: false` never runs git (an untrusted workspace). */
export async function repositoryOf(dir: string, options: { git: boolean }): Promise<FolderRepository> {
  const real = realpath(dir);
  if (options.git) {
    const top = await git(real, ['rev-parse', '--show-toplevel', '--is-shallow-repository']);
    if (top !== undefined) {
      const [topLevel, shallow] = top.split('\n');
      const root = realpath(topLevel);
      const roots = shallow === 'true' ? [] : ((await git(root, ['rev-list', '--max-parents=0', '--first-parent', 'HEAD'])) ?? '').split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l));
      const config = (await git(root, ['config', '--get-regexp', '^remote\\..*\\.url$'])) ?? '';
      const remotes = remoteList(config.split('\n').map((l) => /^remote\.(.+)\.url (.*)$/.exec(l)).flatMap((m) => (m ? [{ name: m[1], url: m[2] }] : [])));
      return identity(root, roots, remotes, true);
    }
  }
  const top = topWithoutGit(real);
  return identity(top ?? real, [], top ? remotesFromConfigFile(top) : [], false);
}

function identity(top: string, roots: string[], remotes: string[], fromGit: boolean): FolderRepository {
  const key = roots.length ? `git:${roots[0]}` : remotes.length ? `remote:${remotes[0]}` : `path:${top}`;
  return { key, roots: roots.slice(0, 1), remotes, path: top, fromGit };
}

/** `file`'s path relative to the repository's top folder, with `/` (how a note names its mentoring file). */
export function fileInRepository(repo: { path: string }, file: string): string {
  const rel = path.relative(repo.path, realpath(path.dirname(file)));
  return [...rel.split(path.sep).filter(Boolean), path.basename(file)].join('/');
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, timeout: 15_000, maxBuffer: 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout.trim()),
    );
  });
}

/** Normalised remote URLs, `origin` first, each once. */
function remoteList(remotes: { name: string; url: string }[]): string[] {
  const sorted = [...remotes].sort((a, b) => Number(b.name === 'origin') - Number(a.name === 'origin'));
  return [...new Set(sorted.flatMap((r) => normalizeRemote(r.url) ?? []))];
}

/**
 * A remote URL as the same repository is named however it is reached: `host/path` without scheme,
 * credentials, port or `.git`; a local path stays a path.
 */
export function normalizeRemote(url: string): string | undefined {
  const u = url.trim();
  if (!u) return undefined;
  const tidy = (p: string): string => p.replace(/\\/g, '/').replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  if (/^[a-zA-Z]:[\\/]/.test(u) || u.startsWith('/') || u.startsWith('.')) return tidy(u);
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(u);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return `${scp[1].toLowerCase()}/${tidy(scp[2]).replace(/^~?\/*/, '')}`;
  try {
    const parsed = new URL(u);
    if (parsed.protocol === 'file:') return tidy(decodeURIComponent(parsed.pathname));
    if (!parsed.hostname) return undefined;
    return `${parsed.hostname.toLowerCase()}/${tidy(decodeURIComponent(parsed.pathname)).replace(/^~?\/*/, '')}`;
  } catch {
    return tidy(u);
  }
}

/** The nearest folder upwards with a `.git` entry. */
function topWithoutGit(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The git folder of a work tree: `.git`, or where a `.git` file (`gitdir: …`) points; the common folder of a linked worktree. */
function gitDirOf(top: string): string | undefined {
  const dotGit = path.join(top, '.git');
  try {
    let dir = dotGit;
    if (fs.statSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (!m) return undefined;
      dir = path.resolve(top, m[1]);
    }
    const common = path.join(dir, 'commondir');
    if (fs.existsSync(common)) dir = path.resolve(dir, fs.readFileSync(common, 'utf8').trim());
    return dir;
  } catch {
    return undefined;
  }
}

/** `[remote "name"] url = …` entries of the repository's config file, read as text. */
function remotesFromConfigFile(top: string): string[] {
  const dir = gitDirOf(top);
  let text: string;
  try {
    text = dir ? fs.readFileSync(path.join(dir, 'config'), 'utf8') : '';
  } catch {
    return [];
  }
  const remotes: { name: string; url: string }[] = [];
  let remote: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([^\s\]"]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (section) {
      remote = section[1].toLowerCase() === 'remote' ? section[2]?.replace(/\\(.)/g, '$1') : undefined;
      continue;
    }
    const url = /^url\s*=\s*(.*)$/i.exec(line);
    if (remote !== undefined && url) remotes.push({ name: remote, url: url[1].replace(/^"(.*)"$/, '$1').replace(/\s+[#;].*$/, '') });
  }
  return remoteList(remotes);
}
