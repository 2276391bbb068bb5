/**
 * `peer-mentoring replay`: walks the last N months of a repository's history and measures, per
 * reviewer strategy, the files left at risk, how often an extra reviewer was added and how much the
 * added reviewers knew (`core/review/replay.ts`).
 */
import * as path from 'path';
import { activeSince } from '../core/expertise';
import { coveringGoals } from '../core/review';
import { DAY, KNOWLEDGE_DAYS } from '../core/review';
import { Replay, ReplayGoal, ReplayResult, StrategyResult } from '../core/review';
import { jsonText, oneLine, quote } from '../core/text';
import { gitHistorySource, NotARepositoryError } from '../git/history';
import { readHead, readReviewHistory } from '../git/reviewHistory';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';
import { loadForCommand } from './mentoringFile';

const USAGE = `usage: peer-mentoring replay [--repo DIR] [--months N] [--seed N] [--goals FILE] [--bot PATTERN]... [--json]

Replays the last N months of the repository's history. At each change, each strategy may add one
reviewer to those its message records (Reviewed-by:, Acked-by:, Helped-by:):

  status-quo   none: the recorded reviewers only
  expert       the active person who knows most of the change's files
  random       a random active person (seeded)
  ours         only when the change leaves a file known by at most one active person: a learner
               (the owner of a goal that covers it with --goals, else the active person nearest
               to the change), passing over people with many recent reviews

Then prints per strategy the files at risk (files of HEAD changed in those months that at most one
active person knows), the change against the status quo, the share of changes that got an extra
reviewer and the mean share of a change's files the added reviewer knew before it.

  --repo DIR       the repository (default: the current folder)
  --months N       months replayed, before HEAD's date (default 12)
  --seed N         seed of the random strategy (default 1)
  --goals FILE     a mentoring file whose open goals and wants: send their owners to review first
  --bot PATTERN    also leave out people matching PATTERN ("Name <email>"; repeatable)
  --json           JSON: { changes, population, activePeople, strategies: [{ name, filesAtRisk,
                   filesAtRiskChange, extraReviewShare, expertise, added, topFifthLoad }] }

Exit status: 0 done, 1 the goals file has errors, 2 usage error or not a git repository.
`;

const SPEC = { repo: 'value', months: 'value', seed: 'value', goals: 'value', bot: 'list', json: 'flag' } as const;

const whole = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name}: ${quote(value)} is not a whole number from ${min} to ${max}`);
  return n;
};

export const run: CliCommand = async (args, io) => {
  const { options, help } = parseArgs(args, SPEC, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const months = whole('months', options.months, 12, 1, 120);
  const seed = whole('seed', options.seed, 1, 0, 2 ** 32 - 1);
  const repo = path.resolve(io.cwd, options.repo ?? '.');
  for (const p of options.bot) {
    try {
      new RegExp(p, 'i');
    } catch {
      throw new UsageError(`--bot: ${quote(p)} is not a regular expression`);
    }
  }

  let goals: ReplayGoal[] = [];
  if (options.goals !== undefined) {
    const model = await loadForCommand(io, options.goals, path.resolve(io.cwd, options.goals), 'to replay with its goals');
    if (typeof model === 'number') return model;
    goals = coveringGoals(model);
  }

  let result: ReplayResult;
  try {
    const head = await readHead(repo);
    if (!head) {
      io.err(`peer-mentoring replay: ${oneLine(repo)} has no commits\n`);
      return 2;
    }
    const start = activeSince(head.date, months);
    const tree = (await gitHistorySource(repo).profile(head.head)).tree;
    const replay = new Replay({ start, end: head.date, tree, seed, goals });
    for await (const change of readReviewHistory(repo, { since: start - KNOWLEDGE_DAYS * DAY, range: head.head, botPatterns: options.bot })) replay.add(change);
    result = replay.finish();
  } catch (e) {
    if (e instanceof NotARepositoryError) {
      io.err(`peer-mentoring replay: ${oneLine(repo)} is not a git repository\n`);
      return 2;
    }
    throw e;
  }
  io.out(options.json ? jsonText(result) + '\n' : render(result, months));
  return 0;
};

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
const signed = (n: number): string => (n > 0 ? '+' : n < 0 ? '−' : '±') + pct(Math.abs(n));

function render(r: ReplayResult, months: number): string {
  const lines = [
    `${r.changes} change${r.changes === 1 ? '' : 's'} in the last ${months} month${months === 1 ? '' : 's'}; ${r.population} files of HEAD changed in them; ${r.activePeople} active people at the end.`,
    '',
    `${'strategy'.padEnd(12)} ${'at risk'.padStart(8)} ${'change'.padStart(8)} ${'extra reviewer'.padStart(15)} ${'expertise'.padStart(10)}`,
  ];
  const row = (s: StrategyResult): string =>
    `${s.name.padEnd(12)} ${String(s.filesAtRisk).padStart(8)} ${(s.name === 'status-quo' ? '' : signed(s.filesAtRiskChange)).padStart(8)} ${pct(s.extraReviewShare).padStart(15)} ${(s.added ? pct(s.expertise) : '–').padStart(10)}`;
  for (const s of r.strategies) lines.push(row(s));
  return lines.join('\n') + '\n';
}
