/**
 * The base of the branch under review, read from the repository: the candidates of
 * core/review/reviewBase (the pull request's base, VS Code's merge base, the setting, origin/HEAD)
 * from one `git config` and one `git symbolic-ref` call, the first that names a commit.
 *
 * Reading config runs no program, but the caller still checks workspace trust before any git call.
 */
import simpleGit, { SimpleGit } from 'simple-git';
import { BaseCandidate, baseCandidates, BaseInputs } from '../core/review';

export interface ResolvedBase extends BaseCandidate {
  commit: string;
}

/**
 * The first base candidate that names a commit, with where it came from; undefined when none does
 * (a repository without a remote and without a setting).
 */
export async function resolveReviewBase(dir: string, setting?: string): Promise<ResolvedBase | undefined> {
  const git = simpleGit({ baseDir: dir, trimmed: false });
  const inputs = await readBaseInputs(git, setting);
  for (const candidate of baseCandidates(inputs)) {
    const commit = await commitOf(git, candidate.ref);
    if (commit) return { ...candidate, commit };
  }
  return undefined;
}

/** The config values and remotes {@link baseCandidates} needs. */
export async function readBaseInputs(git: SimpleGit, setting?: string): Promise<BaseInputs> {
  const [branch, originHead, config] = await Promise.all([
    git.raw(['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => ''),
    git.raw(['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD']).catch(() => ''),
    git.raw(['config', '-z', '--get-regexp', '^(branch|remote)\\.']).catch(() => ''),
  ]);
  const name = branch.trim();
  const inputs: BaseInputs = { remotes: {}, setting, originHead: originHead.trim() || undefined };
  for (const entry of config.split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl < 0) continue;
    const key = entry.slice(0, nl);
    const value = entry.slice(nl + 1);
    if (name && key === `branch.${name}.github-pr-base-branch`) inputs.pullRequestBase = value;
    else if (name && key === `branch.${name}.vscode-merge-base`) inputs.mergeBase = value;
    else {
      const remote = /^remote\.(.+)\.url$/.exec(key);
      if (remote && !Object.prototype.hasOwnProperty.call(inputs.remotes, remote[1])) inputs.remotes[remote[1]] = value;
    }
  }
  return inputs;
}

async function commitOf(git: SimpleGit, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  const out = await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
  return out.trim() || undefined;
}
