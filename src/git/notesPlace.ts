/**
 * Where private notes (the store folder, an export file) may not be: anywhere a `git add` could take
 * them into a repository.
 *
 * - inside any worktree of the repository (the main one and every linked one, read from the git
 *   folder itself: `worktrees/*\/gitdir`), ignored or not;
 * - inside any workspace folder (the extension passes them);
 * - inside the work tree of any repository that encloses the place (a superproject, a dotfiles
 *   repository in the home folder, any parent folder with a `.git`) unless that repository ignores
 *   the place (`git check-ignore`). The refusal names the repository and the line its ignore file
 *   needs.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { workTreeOf } from '../core/disk';
import { isWithin } from '../core/notes';

export interface PlaceCheck {
  /** The repository the notes belong to (its top folder). */
  repo: { path: string };
  /** Workspace folders open in the editor. */
  workspaceFolders?: readonly string[];
  /** False where git may not run (Restricted Mode): an enclosing repository is then taken not to ignore the place. */
  git?: boolean;
}

/**
 * Why private text may not be kept at `target` (a folder of notes, or an export file), in one line;
 * undefined when it may.
 */
export async function privatePlaceProblem(target: string, kind: 'folder' | 'file', check: PlaceCheck): Promise<string | undefined> {
  const what = kind === 'folder' ? `the private notes folder ${target}` : `${target}`;
  const outside = kind === 'folder' ? 'private notes must live outside it' : 'export private notes to a place outside it (your home folder, a USB stick)';
  for (const tree of worktreesOf(check.repo.path)) {
    if (isWithin(target, tree)) return `${what} is inside ${tree}, a worktree of this repository; ${outside}`;
  }
  for (const folder of check.workspaceFolders ?? []) {
    if (isWithin(target, folder)) return `${what} is inside the workspace folder ${folder}; ${outside}`;
  }
  const real = realPath(target);
  for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      const rel = path.relative(dir, real).split(path.sep).join('/');
      const line = `/${rel.replace(/[\\*?[\]!# ]/g, '\\$&')}${kind === 'folder' ? '/' : ''}`;
      // A file inside the folder: a pattern for the folder (`notes/`) matches it even before the folder exists.
      const probe = kind === 'folder' ? `${rel}/notes.yml` : rel;
      if (check.git === false || !(await ignoredBy(dir, probe))) {
        return `${what} is inside the repository ${dir}, which does not ignore it: add the line ${line} to ${path.join(dir, '.gitignore')}, or ${outside}`;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The top folders of every worktree of the repository whose top folder is `top` (itself included). */
export function worktreesOf(top: string): string[] {
  const trees = new Set([realPath(top)]);
  const found = workTreeOf(top);
  if (!found) return [...trees];
  const common = found.commonDir;
  // The main worktree holds the common folder as its `.git` (a bare repository has none).
  if (path.basename(common) === '.git') trees.add(realPath(path.dirname(common)));
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.join(common, 'worktrees'));
  } catch {
    // no linked worktrees
  }
  for (const name of names) {
    try {
      // `gitdir` names the linked worktree's `.git` file.
      const dotGit = fs.readFileSync(path.join(common, 'worktrees', name, 'gitdir'), 'utf8').trim();
      if (dotGit) trees.add(realPath(path.dirname(path.resolve(common, 'worktrees', name, dotGit))));
    } catch {
      // a worktree being added or pruned
    }
  }
  return [...trees];
}

/** Whether the repository with the work tree `top` ignores `rel`; git is asked with no index read and no hooks or monitors run. */
function ignoredBy(top: string, rel: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', 'check-ignore', '-q', '--no-index', '--', rel],
      { cwd: top, timeout: 15_000, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
      (error) => resolve(error === null),
    );
  });
}

/** `p` with symbolic links resolved as far as it exists; the rest of it as it is. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
}
