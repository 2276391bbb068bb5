/**
 * `peer-mentoring reviewers`: who should review a change — a learner where the change touches what
 * only one active person knows, with the expert to pair with; otherwise the best available expert.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_FILE_NAME, MentoringFile } from '../core/file';
import { coveringGoals, partnerLookup, ReviewerSuggestion, suggestReviewers } from '../core/review';
import { jsonText, oneLine, quote } from '../core/text';
import { ChangesError, readChanges } from '../git/changes';
import { NotARepositoryError } from '../git/history';
import { readRangeChange, readReviewView, readUser } from '../git/reviewHistory';
import type { PersonRef } from '../git/reviewHistory';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { loadForCommand } from './mentoringFile';

const USAGE = `usage: peer-mentoring reviewers [--repo DIR] [--file FILE] [--base REF [--head REF]] [--bot PATTERN]... [--json]

Suggests reviewers for a change, from the last year of history (commits and their Reviewed-by:,
Acked-by:, Helped-by: trailers). Where the change touches files at most one active person knows,
a learner — the owner of a goal (or wants:) that covers them, else the active person nearest to
them — and the expert to pair with; otherwise the best available expert. Never the change's
author, a bot or someone inactive; people with many recent reviews are passed over.

  --repo DIR     the repository (default: the current folder)
  --file FILE    the mentoring file whose goals and wants: choose learners first
                 (default: ${DEFAULT_FILE_NAME} at the repository root, if there is one)
  --base REF     the change is REF...HEAD (or REF...--head) instead of the working tree
  --head REF     the change's last commit (with --base)
  --bot PATTERN  also leave out people matching PATTERN ("Name <email>"; repeatable)
  --json         JSON: [{ person, name, role: "expert" | "learner", area, reason, goal? }]

Exit status: 0 done, 1 the mentoring file has errors, 2 usage error or not a git repository.
`;

const SPEC = { repo: 'value', file: 'value', base: 'value', head: 'value', bot: 'list', json: 'flag' } as const;

export const run: CliCommand = async (args, io) => {
  const { options, help } = parseArgs(args, SPEC, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  if (options.head !== undefined && options.base === undefined) throw new UsageError('--head needs --base');
  for (const [name, ref] of [['base', options.base], ['head', options.head]] as const) {
    if (ref !== undefined && (!ref.trim() || ref.startsWith('-'))) throw new UsageError(`--${name}: needs a branch, tag or commit`);
  }
  const repo = path.resolve(io.cwd, options.repo ?? '.');

  let change: { root: string; files: string[]; authors: PersonRef[]; comparedWith: string };
  try {
    if (options.base !== undefined) {
      const head = options.head ?? 'HEAD';
      const r = await readRangeChange(repo, options.base, head);
      change = { root: repo, ...r, comparedWith: `${options.base}...${head}` };
    } else {
      const set = await readChanges(repo, { kind: 'working-tree' });
      const me = await readUser(set.root);
      change = { root: set.root, files: set.files.filter((f) => f.status !== 'deleted').map((f) => f.path), authors: me ? [me] : [], comparedWith: set.comparedWith };
    }
  } catch (e) {
    io.err(`peer-mentoring reviewers: ${oneLine(e instanceof ChangesError ? e.message : `git failed: ${e instanceof Error ? (e.message.trim().split('\n')[0] ?? '') : String(e)}`)}\n`);
    return 2;
  }

  let model: MentoringFile | undefined;
  const fileName = options.file ?? path.relative(io.cwd, path.join(change.root, DEFAULT_FILE_NAME));
  if (options.file !== undefined || fs.existsSync(path.resolve(io.cwd, fileName))) {
    const loaded = await loadForCommand(io, fileName, path.resolve(io.cwd, fileName), 'to suggest reviewers with its goals');
    if (typeof loaded === 'number') return loaded;
    model = loaded;
  }

  let suggestions: ReviewerSuggestion[];
  try {
    const read = await readReviewView(change.root, { goals: model ? coveringGoals(model) : [], botPatterns: options.bot, revision: options.base });
    suggestions = read ? suggestReviewers(read.view, change.authors, change.files, { at: read.at, partnerOf: partnerLookup(model) }) : [];
  } catch (e) {
    if (e instanceof NotARepositoryError) {
      io.err(`peer-mentoring reviewers: ${oneLine(repo)} is not a git repository\n`);
      return 2;
    }
    throw e;
  }
  if (options.json) io.out(jsonText(suggestions) + '\n');
  else io.out(render(suggestions, change.files.length, change.comparedWith));
  return 0;
};

function render(list: readonly ReviewerSuggestion[], files: number, comparedWith: string): string {
  if (!files) return `No changes against ${oneLine(comparedWith)}.\n`;
  if (!list.length) return `No reviewer to suggest: nobody active besides the author knows these files or their folders.\n`;
  const lines = list.map((s) => `${s.role.padEnd(8)} ${oneLine(s.name)}${s.person !== s.name ? ` (${oneLine(s.person)})` : ''}${s.area ? ` — ${oneLine(s.area)}` : ''}\n         ${oneLine(s.reason)}${s.goal ? ` [goal ${quote(s.goal)}]` : ''}`);
  return lines.join('\n') + '\n';
}

