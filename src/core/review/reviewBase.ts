/**
 * Which base a branch under review is compared with, in order:
 *
 * 1. the pull request's base, when the GitHub Pull Requests extension has checked one out: it
 *    writes `branch.<name>.github-pr-base-branch` as `owner#repo#branch`; the base is that branch
 *    of the remote that points at `owner/repo`;
 * 2. VS Code's `branch.<name>.vscode-merge-base` (written when a branch is created from the UI:
 *    the branch it was created from, such as `origin/main`);
 * 3. the `mentoring.reviewPrompts.baseBranch` setting (the CLI's `--base`);
 * 4. `origin/HEAD`, the remote's default branch.
 *
 * Pure: the git side (src/git/reviewBase.ts) reads the config values and the remotes, and checks
 * that the candidate resolves to a commit; a candidate that does not is skipped.
 */

export type BaseSource = 'pull-request' | 'merge-base' | 'setting' | 'origin-head';

export interface BaseCandidate {
  ref: string;
  source: BaseSource;
}

export interface BaseInputs {
  /** `branch.<name>.github-pr-base-branch`. */
  pullRequestBase?: string;
  /** `branch.<name>.vscode-merge-base`. */
  mergeBase?: string;
  setting?: string;
  /** Where `refs/remotes/origin/HEAD` points, short (`origin/main`). */
  originHead?: string;
  /** Remote name → fetch URL. */
  remotes: Record<string, string>;
}

/** What the source means, for a view's description or a message: "the pull request's base". */
export const BASE_SOURCE_LABEL: Record<BaseSource, string> = {
  'pull-request': 'the pull request’s base',
  'merge-base': 'the branch it was created from',
  setting: 'the mentoring.reviewPrompts.baseBranch setting',
  'origin-head': 'origin’s default branch',
};

/** `owner#repo#branch` → its parts; undefined when it is not written so. */
export function parsePullRequestBase(value: string): { owner: string; repo: string; branch: string } | undefined {
  const m = /^([^#\s]+)#([^#\s]+)#(\S+)$/.exec(value.trim());
  return m ? { owner: m[1], repo: m[2], branch: m[3] } : undefined;
}

/**
 * The owner and repository of a GitHub remote URL (`https://github.com/o/r.git`,
 * `git@github.com:o/r`, `ssh://git@github.com/o/r`, GitHub Enterprise hosts too), lower-cased.
 */
export function remoteRepository(url: string): string | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^:/]+(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url.trim());
  if (!m) return undefined;
  const parts = m[1].split('/').filter(Boolean);
  return parts.length >= 2 ? parts.slice(-2).join('/').toLowerCase() : undefined;
}

/** The candidates, in the order above (those not set are left out; a ref is tried once). */
export function baseCandidates(inputs: BaseInputs): BaseCandidate[] {
  const out: BaseCandidate[] = [];
  const add = (ref: string | undefined, source: BaseSource): void => {
    const r = ref?.trim();
    if (r && !r.startsWith('-') && !out.some((c) => c.ref === r)) out.push({ ref: r, source });
  };
  const pr = inputs.pullRequestBase ? parsePullRequestBase(inputs.pullRequestBase) : undefined;
  if (pr) {
    const wanted = `${pr.owner}/${pr.repo}`.toLowerCase();
    const names = Object.keys(inputs.remotes).sort((a, b) => Number(b === 'origin') - Number(a === 'origin'));
    const remote = names.find((name) => remoteRepository(inputs.remotes[name]) === wanted);
    if (remote) add(`${remote}/${pr.branch}`, 'pull-request');
  }
  add(inputs.mergeBase, 'merge-base');
  add(inputs.setting, 'setting');
  add(inputs.originHead, 'origin-head');
  return out;
}
