/**
 * `peer-mentoring prompts`: for each changed file, the open mentoring goals it touches and the
 * questions to ask in review. The working tree against HEAD by default; a branch since it left its
 * base with `--base REF` (or `--branch` for the branch's own base), up to `--head REF`. CI can post
 * `--json`, or `--format github` / `gitlab`: a pull request comment, empty when no goal is touched.
 */
import * as path from 'path';
import { DEFAULT_FILE_NAME, MentoringFile, partnerByEmail } from '../core/file';
import { CommentGoal, coveringGoals, DEFAULT_MAX_PROMPTS, FilePrompts, GoalPrompt, goalsSection, partnerLookup, promptsForChanges, renderComment, ReviewerSuggestion, reviewersSection, suggestReviewers, touchedGoals } from '../core/review';
import { FileAccessError } from '../core/disk';
import { jsonText, oneLine, quote } from '../core/text';
import { ChangeSet, ChangesError, DEFAULT_BASES, readChanges, readUserEmail } from '../git/changes';
import { resolveReviewBase } from '../git/reviewBase';
import { readRangeChange, readReviewView, readUser } from '../git/reviewHistory';
import { numberOption, parseArgs } from './args';
import { CliCommand, CliIO, UsageError } from './io';
import { readForCommand, reportUnreadable, validModel } from './mentoringFile';

const USAGE = `usage: peer-mentoring prompts [--repo DIR] [--file FILE] [--base REF | --branch] [--head REF] [--me ID] [--max N]
                              [--format text|json|github|gitlab]

For each changed file: the open goals of active partnerships it touches (by the goals' paths and
skills), whose goals they are, and the questions to ask in review (the goals' own prompts first).

  --repo DIR     the git repository (default: the current folder)
  --file FILE    the mentoring file (default: ${DEFAULT_FILE_NAME} at the repository root)
  --base REF     compare the branch with REF since their merge base (git diff REF...HEAD)
                 instead of the working tree (staged, unstaged, untracked) with HEAD
  --branch       like --base, with the branch's own base: the pull request's base checked out
                 by GitHub Pull Requests, VS Code's merge base, origin/HEAD, then the first of
                 ${DEFAULT_BASES.join(', ')}
  --head REF     the branch's tip (default HEAD): a pull request's head fetched but not checked out
  --me ID        your partner id (default: the partner listing git's user.email)
  --max N        questions per file (default ${DEFAULT_MAX_PROMPTS})
  --format F     text (default); json (as --json); github or gitlab: a pull request comment in
                 Markdown, first line ${'<!-- peer-mentoring:prompts -->'}, every value from the file
                 and from git shown as plain text; with suggested reviewers (as the reviewers
                 command) when the change touches what at most one active person knows;
                 nothing at all when it touches neither a goal nor such files
  --json         JSON: [{ path, status, firstChangedLine, goals: [{ id, title, owner, partnership, role, matchedBy, prompts }] }]

Exit status: 0, also when no goal is touched; 1 when the mentoring file is invalid; 2 for a bad
option, a ref that names no commit, or a folder that is not a git repository.
`;

const SPEC = { repo: 'value', file: 'value', base: 'value', branch: 'flag', head: 'value', me: 'value', max: 'value', json: 'flag', format: 'value' } as const;
const FORMATS = ['text', 'json', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

export const run: CliCommand = async (args, io) => {
  const { options, help } = parseArgs(args, SPEC, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const max = numberOption('--max', options.max, { min: 0, max: 1000, whole: true }) ?? DEFAULT_MAX_PROMPTS;
  if (options.base !== undefined && !options.base.trim()) throw new UsageError('--base: needs a branch, tag or commit');
  if (options.head !== undefined && !options.head.trim()) throw new UsageError('--head: needs a branch, tag or commit');
  if (options.base !== undefined && options.branch) throw new UsageError('--base and --branch: give one of them');
  const format = formatOf(options.format, options.json);

  const repo = path.resolve(io.cwd, options.repo ?? '.');
  let changes: ChangeSet;
  let base: string | undefined;
  try {
    const branch = options.base !== undefined || options.branch || options.head !== undefined;
    base = options.base ?? (branch ? (await resolveReviewBase(repo).catch(() => undefined))?.ref : undefined);
    changes = await readChanges(repo, branch ? { kind: 'branch', base, head: options.head } : { kind: 'working-tree' });
  } catch (e) {
    io.err(`peer-mentoring prompts: ${oneLine(e instanceof ChangesError ? e.message : `git failed: ${e instanceof Error ? (e.message.trim().split('\n')[0] ?? '') : String(e)}`)}\n`);
    return 2;
  }

  const fileName = options.file ?? path.relative(io.cwd, path.join(changes.root, DEFAULT_FILE_NAME));
  const model = await loadModel(path.resolve(io.cwd, fileName), fileName, io);
  if (typeof model === 'number') return model;

  let me = options.me?.trim();
  if (me !== undefined && !model.partners.some((p) => p.id === me)) throw new UsageError(`--me: ${quote(me)} is not a partner in ${oneLine(fileName)}`);
  if (me === undefined) me = partnerByEmail(model, await readUserEmail(changes.root));

  const files = promptsForChanges(changes.files, model, { me, maxPrompts: max });
  const status = new Map(changes.files.map((f) => [f.path, f.status]));
  if (format === 'json') {
    const json = files.map((f) => ({ path: f.path, status: status.get(f.path), firstChangedLine: f.firstChangedLine, goals: f.goals }));
    io.out(jsonText(json) + '\n');
  } else if (format === 'github' || format === 'gitlab') {
    // The same body for both: it is inert against either site's references.
    const goals = goalsSection(commentGoals(files, model), changes.comparedWith);
    io.out(renderComment([...goals, ...reviewersSection(await changeReviewers(changes, model, base, options.head, io))]));
  } else {
    io.out(render(files, changes.comparedWith, model));
  }
  return 0;
};

/** Who should review the change, for the comment; none (said on stderr) when the history cannot be read. */
async function changeReviewers(changes: ChangeSet, model: MentoringFile, base: string | undefined, head: string | undefined, io: CliIO): Promise<ReviewerSuggestion[]> {
  try {
    const read = await readReviewView(changes.root, { goals: coveringGoals(model), revision: base });
    if (!read) return [];
    const authors = base !== undefined ? (await readRangeChange(changes.root, base, head ?? 'HEAD')).authors : [await readUser(changes.root)].filter((u) => u !== undefined);
    const files = changes.files.filter((f) => f.status !== 'deleted').map((f) => f.path);
    return suggestReviewers(read.view, authors, files, { at: read.at, partnerOf: partnerLookup(model) });
  } catch (e) {
    io.err(`peer-mentoring prompts: no reviewer suggestions: ${oneLine(e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e))}\n`);
    return [];
  }
}

function formatOf(value: string | undefined, json: boolean): Format {
  if (value === undefined) return json ? 'json' : 'text';
  const format = FORMATS.find((f) => f === value);
  if (!format) throw new UsageError(`--format: ${quote(value)} is not one of ${FORMATS.join(', ')}`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format}: give one of them`);
  return format;
}

/** The goals the change touches, as the pull request comment shows them. */
function commentGoals(files: FilePrompts[], model: MentoringFile): CommentGoal[] {
  const names = new Map(model.partners.map((p) => [p.id, p.name]));
  return touchedGoals(files).map(({ goal, questions, files: paths }) => ({
    id: goal.id,
    title: goal.title,
    ownerName: goal.ownerName,
    mentorNames: goal.mentors.map((m) => names.get(m) ?? m),
    progress: model.goals.find((g) => g.id === goal.id && g.partnership === goal.partnership)?.progress,
    questions,
    files: paths,
  }));
}

async function loadModel(full: string, name: string, io: CliIO): Promise<MentoringFile | 1 | 2> {
  const parsed = await readForCommand(full);
  if (parsed instanceof FileAccessError) return reportUnreadable(io, name, parsed, parsed.code === 'not-found' ? 'no such file (name one with --file)' : parsed.message);
  return validModel(io, name, parsed, 'to see review prompts') ?? 1;
}

const ROLE_NOTE: Record<GoalPrompt['role'], string> = { author: 'your goal', mentor: 'you mentor it', partner: 'your partnership', observer: '' };

function render(files: FilePrompts[], comparedWithRef: string, model: MentoringFile): string {
  // Paths come from git, titles, names and questions from the file: each is escaped onto its line.
  const comparedWith = oneLine(comparedWithRef);
  if (!files.length) return `No changes against ${comparedWith}.\n`;
  const related = files.filter((f) => f.goals.length);
  const count = `${files.length} changed file${files.length === 1 ? '' : 's'}`;
  if (!related.length) return `No changed file relates to an open mentoring goal (${count} against ${comparedWith}).\n`;
  const names = new Map(model.partners.map((p) => [p.id, p.name]));
  const lines = [`${related.length} of ${count} against ${comparedWith} touch open mentoring goals.`];
  for (const f of related) {
    lines.push('', f.firstChangedLine ? `${oneLine(f.path)}:${f.firstChangedLine}` : oneLine(f.path));
    for (const g of f.goals) {
      const who = [`${oneLine(g.ownerName)}'s goal`];
      if (g.mentors.length) who.push(`mentor: ${g.mentors.map((m) => oneLine(names.get(m) ?? m)).join(', ')}`);
      who.push(g.matchedBy === 'paths' ? 'in its paths' : `skills: ${g.skills.map(oneLine).join(', ')}`);
      if (ROLE_NOTE[g.role]) who.push(ROLE_NOTE[g.role]);
      lines.push(`  ${oneLine(g.title)} [${oneLine(g.id)}] (${who.join('; ')})`);
      for (const q of g.prompts) lines.push(`    - ${oneLine(q)}`);
    }
  }
  const others = files.length - related.length;
  if (others) lines.push('', `${others} other changed file${others === 1 ? '' : 's'} touch${others === 1 ? 'es' : ''} no open goal.`);
  return lines.join('\n') + '\n';
}
