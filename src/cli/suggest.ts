/**
 * `peer-mentoring suggest`: from the repository's history, each person's strongest skill areas,
 * the knowledge islands (areas one person holds alone) and mutual mentoring matches.
 */
import * as path from 'path';
import { isIsoDate } from '../core/dates';
import type { MentoringFile } from '../core/model';
import { DEFAULT_FILE_NAME } from '../core/model';
import { ParsedFile } from '../core/parse';
import { formatProblem, hasErrors } from '../core/problems';
import { FileAccessError, readMentoringFile } from '../core/safeWrite';
import { jsonText, oneLine } from '../core/text';
import { describeSkill } from '../core/skills';
import { identityFor, suggest, Suggestions } from '../core/suggest';
import { analyzeRepository, Analysis } from '../git/analyze';
import { defaultCacheDir } from '../git/cache';
import { NotARepositoryError } from '../git/history';
import { parseArgs } from './args';
import { CliCommand, CliIO, UsageError } from './io';

const USAGE = `usage: peer-mentoring suggest [--repo DIR] [--file FILE] [--since DATE] [--no-cache] [--json]

Reads the repository's git history (merges and bots left out) and prints each person's strongest
skill areas, knowledge islands (areas only one person knows) and mutual mentoring matches.

  --repo DIR           the repository (default: the current folder)
  --file FILE          the mentoring file, to match people to partners by email and use the
                       team's skill areas (default: <repo>/${DEFAULT_FILE_NAME} if present)
  --since DATE         only history after DATE (YYYY-MM-DD, or e.g. "18 months ago")
  --max-commits N      only the newest N commits
  --half-life DAYS     recent activity counts half after DAYS days (default 180)
  --bot PATTERN        also leave out authors matching PATTERN (a regular expression; repeatable)
  --no-cache           read the whole history again (the cache is in $XDG_CACHE_HOME/peer-mentoring)
  --json               JSON: { people, islands, matches }

Exit status: 0 done, 1 the mentoring file has errors, 2 usage error or not a git repository.
`;

const RELATIVE_DATE = /^\d+ (day|week|month|year)s? ago$/;
const SHOW_PEOPLE = 20;
const SHOW_SKILLS = 5;
const SHOW_ISLANDS = 10;
const SHOW_MATCHES = 10;

export const run: CliCommand = async (args, io) => {
  const spec = { repo: 'value', file: 'value', since: 'value', 'max-commits': 'value', 'half-life': 'value', bot: 'list', 'no-cache': 'flag', json: 'flag' } as const;
  const { options, help } = parseArgs(args, spec, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  if (options.since !== undefined && !isIsoDate(options.since) && !RELATIVE_DATE.test(options.since)) {
    throw new UsageError(`--since: '${options.since}' is not a YYYY-MM-DD date or "N days|weeks|months|years ago"`);
  }
  const maxCommits = positiveNumber('--max-commits', options['max-commits'], true);
  const halfLifeDays = positiveNumber('--half-life', options['half-life'], false);
  for (const p of options.bot) {
    try {
      new RegExp(p, 'i');
    } catch {
      throw new UsageError(`--bot: '${p}' is not a regular expression`);
    }
  }
  const repo = path.resolve(io.cwd, options.repo ?? '.');

  const mentoring = await loadMentoring(io, repo, options.file);
  if (mentoring === 'error') return 1;
  if (mentoring === 'unreadable') return 2;

  let analysis: Analysis;
  try {
    analysis = await analyzeRepository(repo, {
      since: options.since,
      maxCommits,
      halfLifeDays,
      botPatterns: options.bot,
      teamSkills: mentoring?.skills,
      cacheDir: defaultCacheDir(io.env),
      noCache: options['no-cache'],
    });
  } catch (e) {
    // Not a repository, or git failed on it: one line, never a stack.
    const why = e instanceof NotARepositoryError ? e.message : `git failed: ${e instanceof Error ? (e.message.trim().split('\n')[0] ?? '') : String(e)}`;
    io.err(`peer-mentoring suggest: ${oneLine(why)}\n`);
    return 2;
  }
  const expertise = analysis.state.compute({ identity: identityFor(mentoring) });
  const result = suggest(expertise, mentoring);
  io.out(options.json ? renderJson(analysis, result) : renderText(analysis, result, mentoring));
  return 0;
};

function positiveNumber(name: string, value: string | undefined, whole: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || (whole && !Number.isInteger(n))) {
    throw new UsageError(`${name}: '${value}' is not a positive ${whole ? 'whole ' : ''}number`);
  }
  return n;
}

async function loadMentoring(io: CliIO, repo: string, file: string | undefined): Promise<MentoringFile | undefined | 'error' | 'unreadable'> {
  const name = file ?? path.join(repo, DEFAULT_FILE_NAME);
  const shown = file ?? path.relative(io.cwd, name) ?? name;
  let parsed: ParsedFile;
  try {
    parsed = await readMentoringFile(path.resolve(io.cwd, name));
  } catch (e) {
    if (!(e instanceof FileAccessError)) throw e; // a fault of ours, not of the file
    if (file === undefined && e.code === 'not-found') return undefined;
    io.err(`${oneLine(shown)}: ${oneLine(e.message)}\n`);
    return 'unreadable';
  }
  if (!parsed.model || hasErrors(parsed.problems)) {
    for (const p of parsed.problems) if (p.severity === 'error') io.err(formatProblem(shown, p) + '\n');
    io.err(`${oneLine(shown)}: the file has errors; fix them to match people to partners\n`);
    return 'error';
  }
  return parsed.model;
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

function renderJson(analysis: Analysis, s: Suggestions): string {
  const json = {
    head: analysis.head ?? null,
    commitsRead: analysis.commitsRead,
    commits: analysis.state.commits,
    people: s.people.map((p) => ({
      name: p.name,
      email: p.email,
      emails: p.emails,
      ...(p.partnerId ? { partnerId: p.partnerId } : {}),
      commits: p.commits,
      skills: p.skills.map((k) => ({ skill: k.skill, score: k.score, recent: k.recent, authorship: k.authorship, files: k.files, commits: k.commits })),
    })),
    islands: s.islands,
    matches: s.matches,
  };
  return jsonText(json) + '\n';
}

function renderText(analysis: Analysis, s: Suggestions, mentoring: MentoringFile | undefined): string {
  // Names and e-mails come from git, labels from the file: each is escaped onto its line.
  const label = (id: string): string => oneLine(describeSkill(id, mentoring?.skills).label);
  const who = (name: string, partnerId: string | undefined): string => (partnerId ? oneLine(name) : `${oneLine(name)} (not yet a partner)`);
  const pct = (n: number): string => `${Math.round(n * 100)}%`;
  const lines: string[] = [];
  const how = { full: 'read in full', incremental: 'new commits read', cached: 'from the cache', empty: 'no commits' }[analysis.mode];
  lines.push(`${analysis.state.commits} commits analysed (${how}${analysis.head ? `, HEAD ${analysis.head.slice(0, 12)}` : ''}).`, '');

  lines.push('People and their strongest areas (score 0–1):');
  const people = s.people.filter((p) => p.skills.length > 0);
  if (people.length === 0) lines.push('  nobody yet');
  for (const p of people.slice(0, SHOW_PEOPLE)) {
    lines.push(`  ${who(p.name, p.partnerId)} <${oneLine(p.email)}>, ${p.commits} commit${p.commits === 1 ? '' : 's'}`);
    lines.push(`    ${p.skills.slice(0, SHOW_SKILLS).map((k) => `${label(k.skill)} ${r2(k.score).toFixed(2)}`).join(', ')}`);
  }
  if (people.length > SHOW_PEOPLE) lines.push(`  … and ${people.length - SHOW_PEOPLE} more (--json lists everyone)`);

  lines.push('', 'Knowledge islands (one person holds the area):');
  if (s.islands.length === 0) lines.push('  none');
  for (const i of s.islands.slice(0, SHOW_ISLANDS)) {
    lines.push(`  ${oneLine(i.label)} [${oneLine(i.skill)}]: ${who(i.name, i.partnerId)}, sole author of ${i.soleFiles}/${i.files} files, ${pct(i.share)} of recent work`);
    if (i.candidates.length) {
      const reason = { wants: 'wants it', 'worked-here': 'has worked here', 'active-nearby': 'active nearby' };
      lines.push(`    could learn it: ${i.candidates.map((c) => `${oneLine(c.name)} (${reason[c.reason]})`).join(', ')}`);
    }
  }
  if (s.islands.length > SHOW_ISLANDS) lines.push(`  … and ${s.islands.length - SHOW_ISLANDS} more`);

  lines.push('', 'Mutual matches (each can teach the other):');
  if (s.matches.length === 0) lines.push('  none');
  for (const m of s.matches.slice(0, SHOW_MATCHES)) {
    lines.push(`  ${who(m.aName, m.aPartnerId)} ↔ ${who(m.bName, m.bPartnerId)}  (score ${r2(m.score).toFixed(2)})`);
    lines.push(`    ${oneLine(m.aName)} → ${oneLine(m.bName)}: ${m.aTeachesB.map(label).join(', ')}`);
    lines.push(`    ${oneLine(m.bName)} → ${oneLine(m.aName)}: ${m.bTeachesA.map(label).join(', ')}`);
  }
  if (s.matches.length > SHOW_MATCHES) lines.push(`  … and ${s.matches.length - SHOW_MATCHES} more`);
  return lines.join('\n') + '\n';
}
