/**
 * `peer-mentoring prompts`: for each changed file, the open mentoring goals it touches and the
 * questions to ask in review. The working tree against HEAD by default; a branch since it left its
 * base with `--base REF` (or `--branch` for the repository's main branch). CI can post `--json`.
 */
import * as path from 'path';
import { DEFAULT_FILE_NAME, MentoringFile, partnerByEmail } from '../core/file';
import { DEFAULT_MAX_PROMPTS, FilePrompts, GoalPrompt, promptsForChanges } from '../core/review';
import { FileAccessError } from '../core/disk';
import { jsonText, oneLine, quote } from '../core/text';
import { ChangeSet, ChangesError, DEFAULT_BASES, readChanges, readUserEmail } from '../git/changes';
import { parseArgs } from './args';
import { CliCommand, CliIO, UsageError } from './io';
import { readForCommand, reportUnreadable, validModel } from './mentoringFile';

const USAGE = `usage: peer-mentoring prompts [--repo DIR] [--file FILE] [--base REF | --branch] [--me ID] [--max N] [--json]

For each changed file: the open goals of active partnerships it touches (by the goals' paths and
skills), whose goals they are, and the questions to ask in review (the goals' own prompts first).

  --repo DIR     the git repository (default: the current folder)
  --file FILE    the mentoring file (default: ${DEFAULT_FILE_NAME} at the repository root)
  --base REF     compare the branch with REF since their merge base (git diff REF...HEAD)
                 instead of the working tree (staged, unstaged, untracked) with HEAD
  --branch       like --base, with the first of origin/HEAD, ${DEFAULT_BASES.join(', ')}
  --me ID        your partner id (default: the partner listing git's user.email)
  --max N        questions per file (default ${DEFAULT_MAX_PROMPTS})
  --json         JSON: [{ path, status, firstChangedLine, goals: [{ id, title, owner, partnership, role, matchedBy, prompts }] }]
`;

const SPEC = { repo: 'value', file: 'value', base: 'value', branch: 'flag', me: 'value', max: 'value', json: 'flag' } as const;

export const run: CliCommand = async (args, io) => {
  const { options, help } = parseArgs(args, SPEC, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const max = options.max === undefined ? DEFAULT_MAX_PROMPTS : Number(options.max);
  if (!Number.isInteger(max) || max < 0) throw new UsageError(`--max: ${quote(options.max ?? '')} is not a whole number`);
  if (options.base !== undefined && !options.base.trim()) throw new UsageError('--base: needs a branch, tag or commit');

  const repo = path.resolve(io.cwd, options.repo ?? '.');
  let changes: ChangeSet;
  try {
    const branch = options.base !== undefined || options.branch;
    changes = await readChanges(repo, branch ? { kind: 'branch', base: options.base } : { kind: 'working-tree' });
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
  if (options.json) {
    const json = files.map((f) => ({ path: f.path, status: status.get(f.path), firstChangedLine: f.firstChangedLine, goals: f.goals }));
    io.out(jsonText(json) + '\n');
  } else {
    io.out(render(files, changes.comparedWith, model));
  }
  return 0;
};

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
