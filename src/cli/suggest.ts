/**
 * `peer-mentoring suggest`: from the repository's history, each person's strongest skill areas,
 * the knowledge islands (areas one person holds alone) and mutual mentoring matches.
 */
import * as path from 'path';
import { isIsoDate } from '../core/dates';
import type { MentoringFile } from '../core/file';
import { DEFAULT_FILE_NAME } from '../core/file';
import type { Expertise } from '../core/expertise';
import { ACTIVE_ELSEWHERE, activeElsewhere, compileBotPattern, DEFAULT_ACTIVE_MONTHS, isoDay, mailmapSuggestions, MailmapSuggestion } from '../core/expertise';
import { identityFor, labelOf, suggest, Suggestions } from '../core/expertise';
import { FileAccessError } from '../core/disk';
import { jsonText, oneLine } from '../core/text';
import { analyzeRepository, Analysis } from '../git/analyze';
import { defaultCacheDir } from '../git/cache';
import { NotARepositoryError } from '../git/history';
import { numberOption, parseArgs } from './args';
import { CliCommand, CliIO, UsageError } from './io';
import { readForCommand, reportUnreadable, validModel } from './mentoringFile';

const USAGE = `usage: peer-mentoring suggest [--repo DIR] [--file FILE] [--since DATE] [--active-months N] [--bot PATTERN]... [--no-cache] [--everyone] [--json | --mailmap]

Reads the repository's git history (merges and bots left out) and prints who is active and their
strongest skill areas, knowledge islands (areas only one active person knows), knowledge at risk
(areas only people who left know) and mutual mentoring matches.

  --repo DIR           the repository (default: the current folder)
  --file FILE          the mentoring file, to match people to partners by email and use the
                       team's skill areas (default: <repo>/${DEFAULT_FILE_NAME} if present)
  --since DATE         only history after DATE (YYYY-MM-DD, or e.g. "18 months ago")
  --max-commits N      only the newest N commits
  --half-life DAYS     recent activity counts half after DAYS days (default 180)
  --active-months N    people who committed in the N months before the newest commit are
                       active (default ${DEFAULT_ACTIVE_MONTHS}); only they hold islands and appear in matches
  --bot PATTERN        also leave out authors matching PATTERN (a regular expression tested
                       against "Name <email>"; repeatable)
  --no-cache           read the whole history again (the cache is in $XDG_CACHE_HOME/peer-mentoring)
  --everyone           list and match everyone who works here, not only the file's partners
                       (a file without partners means everyone)
  --json               JSON: { people, others, islands, atRisk, handedOver, matches, mailmap, … }
  --mailmap            print suggested .mailmap lines for people who appear under several
                       addresses (the same full name), to review and add to .mailmap

Exit status: 0 done, 1 the mentoring file has errors, 2 usage error or not a git repository.
`;

/** The largest values the number options take (git counts commits in an int). */
const MAX_COMMITS = 1_000_000_000;
const MAX_HALF_LIFE_DAYS = 36_500;
const MAX_ACTIVE_MONTHS = 1200;

const RELATIVE_DATE = /^\d+ (day|week|month|year)s? ago$/;
const SHOW_PEOPLE = 20;
const SHOW_FORMER = 5;
const SHOW_SKILLS = 5;
const SHOW_ISLANDS = 10;
const SHOW_AT_RISK = 10;
const SHOW_MATCHES = 10;

export const run: CliCommand = async (args, io) => {
  const spec = { repo: 'value', file: 'value', since: 'value', 'max-commits': 'value', 'half-life': 'value', 'active-months': 'value', bot: 'list', 'no-cache': 'flag', json: 'flag', mailmap: 'flag', everyone: 'flag' } as const;
  const { options, help } = parseArgs(args, spec, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  if (options.since !== undefined && !isIsoDate(options.since) && !RELATIVE_DATE.test(options.since)) {
    throw new UsageError(`--since: '${options.since}' is not a YYYY-MM-DD date or "N days|weeks|months|years ago"`);
  }
  if (options.json && options.mailmap) throw new UsageError('--json and --mailmap: choose one (the JSON has the .mailmap lines too)');
  const maxCommits = numberOption('--max-commits', options['max-commits'], { min: 1, max: MAX_COMMITS, whole: true, unit: 'commits' });
  const halfLifeDays = numberOption('--half-life', options['half-life'], { min: 1, max: MAX_HALF_LIFE_DAYS, whole: false, unit: 'days' });
  const activeMonths = numberOption('--active-months', options['active-months'], { min: 1, max: MAX_ACTIVE_MONTHS, whole: true, unit: 'months' }) ?? DEFAULT_ACTIVE_MONTHS;
  for (const p of options.bot) {
    try {
      compileBotPattern(p);
    } catch (e) {
      throw new UsageError(`--bot: ${(e as Error).message}`);
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
  const mailmap = mailmapSuggestions(analysis.state.listPeople());
  if (options.mailmap) {
    io.out(renderMailmap(mailmap));
    return 0;
  }
  for (const n of analysis.notices) io.err(`peer-mentoring suggest: ${oneLine(n)}\n`);
  const expertise = analysis.state.compute({ identity: identityFor(mentoring), activeMonths });
  const result = suggest(expertise, mentoring, { everyone: options.everyone });
  io.out(options.json ? renderJson(analysis, expertise, result, mailmap, activeMonths) : renderText(analysis, expertise, result, mailmap, activeMonths));
  return 0;
};

async function loadMentoring(io: CliIO, repo: string, file: string | undefined): Promise<MentoringFile | undefined | 'error' | 'unreadable'> {
  const name = file ?? path.join(repo, DEFAULT_FILE_NAME);
  const shown = file ?? path.relative(io.cwd, name) ?? name;
  const parsed = await readForCommand(path.resolve(io.cwd, name));
  if (parsed instanceof FileAccessError) {
    if (file === undefined && parsed.code === 'not-found') return undefined;
    reportUnreadable(io, shown, parsed);
    return 'unreadable';
  }
  return validModel(io, shown, parsed, 'to match people to partners') ?? 'error';
}

const r2 = (n: number): number => Math.round(n * 100) / 100;
const day = (epochSeconds: number): string | null => (epochSeconds > 0 ? isoDay(epochSeconds) : null);

function renderMailmap(mailmap: MailmapSuggestion[]): string {
  if (mailmap.length === 0) return '# No one appears under several addresses with the same full name.\n';
  const lines = ['# Suggested .mailmap lines: each maps an address to the name and address of the same', '# person\'s latest commit. Check each one before adding it to .mailmap.'];
  for (const m of mailmap) lines.push(...m.lines.map(oneLine));
  return lines.join('\n') + '\n';
}

function renderJson(analysis: Analysis, expertise: Expertise, s: Suggestions, mailmap: MailmapSuggestion[], activeMonths: number): string {
  const label = (skill: string): string => labelOf(expertise, skill);
  const json = {
    head: analysis.head ?? null,
    commitsRead: analysis.commitsRead,
    commits: analysis.state.commits,
    massChanges: analysis.state.massChanges,
    newest: expertise.newest === undefined ? null : isoDay(expertise.newest),
    activeMonths,
    activeSince: expertise.newest === undefined ? null : isoDay(expertise.activeSince),
    renames: analysis.renames,
    notices: analysis.notices,
    people: s.people.map((p) => ({
      name: p.name,
      email: p.email,
      emails: p.emails,
      ...(p.partnerId ? { partnerId: p.partnerId } : {}),
      commits: p.commits,
      lastCommit: day(p.lastDate),
      active: p.active,
      skills: p.skills.map((k) => ({ skill: k.skill, label: label(k.skill), score: k.score, share: k.share, focus: k.focus, recent: k.recent, authorship: k.authorship, files: k.files, commits: k.commits, last: day(k.lastDate) })),
    })),
    others: s.others.map((p) => ({ name: p.name, email: p.email, emails: p.emails, commits: p.commits, lastCommit: day(p.lastDate) })),
    islands: s.islands,
    atRisk: s.atRisk,
    handedOver: s.handedOver,
    matches: s.matches,
    mailmap: mailmap.flatMap((m) => m.lines),
  };
  return jsonText(json) + '\n';
}

function renderText(analysis: Analysis, expertise: Expertise, s: Suggestions, mailmap: MailmapSuggestion[], activeMonths: number): string {
  // Names and e-mails come from git, labels from the file: each is escaped onto its line.
  const label = (id: string): string => oneLine(labelOf(expertise, id));
  const who = (name: string, partnerId: string | undefined): string => (partnerId ? oneLine(name) : `${oneLine(name)} (not yet a partner)`);
  const pct = (n: number): string => `${Math.round(n * 100)}%`;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines: string[] = [];
  const how = { full: 'read in full', incremental: 'new commits read', cached: 'from the cache', empty: 'no commits' }[analysis.mode];
  lines.push(`${analysis.state.commits} commits analysed (${how}${analysis.head ? `, HEAD ${analysis.head.slice(0, 12)}` : ''}).`);
  if (expertise.newest !== undefined) {
    lines.push(`Newest commit ${isoDay(expertise.newest)}: active means a commit since ${isoDay(expertise.activeSince)} (${plural(activeMonths, 'month')}; --active-months).`);
  }
  if (analysis.state.massChanges > 0) lines.push(`${plural(analysis.state.massChanges, 'mass change')} (ignored revisions, or ${analysis.state.massChangeFiles}+ files) earned no skill.`);
  lines.push('');

  const active = s.people.filter((p) => p.active);
  const former = s.people.filter((p) => !p.active);
  lines.push(s.teamScoped ? 'The team (the partners of the mentoring file) and their strongest areas (score 0–1; --everyone lists everyone):' : 'Active people and their strongest areas (score 0–1):');
  const shown = active.filter((p) => p.skills.length > 0);
  if (shown.length === 0) lines.push('  nobody');
  for (const p of shown.slice(0, SHOW_PEOPLE)) {
    const elsewhere = activeElsewhere(p, expertise.activeSince) ? ` (${ACTIVE_ELSEWHERE})` : '';
    lines.push(`  ${who(p.name, p.partnerId)} <${oneLine(p.email)}>, ${plural(p.commits, 'commit')}, last ${isoDay(p.lastDate)}${elsewhere}`);
    lines.push(`    ${p.skills.slice(0, SHOW_SKILLS).map((k) => `${label(k.skill)} ${r2(k.score).toFixed(2)}`).join(', ')}`);
  }
  if (shown.length > SHOW_PEOPLE) lines.push(`  … and ${shown.length - SHOW_PEOPLE} more (--json lists everyone)`);
  if (s.others.length > 0) {
    lines.push('', `Also works here, not in the programme (${s.others.length}, most commits first):`);
    for (const p of s.others.slice(0, SHOW_FORMER)) lines.push(`  ${oneLine(p.name)} <${oneLine(p.email)}>, ${plural(p.commits, 'commit')}, last ${isoDay(p.lastDate)}`);
    if (s.others.length > SHOW_FORMER) lines.push(`  … and ${s.others.length - SHOW_FORMER} more (--json lists them under "others")`);
  }
  if (former.length > 0) {
    lines.push('', `Former contributors (no commit since ${isoDay(expertise.activeSince)}): ${former.length}, most commits first:`);
    for (const p of former.slice(0, SHOW_FORMER)) lines.push(`  ${oneLine(p.name)} <${oneLine(p.email)}>, ${plural(p.commits, 'commit')}, last ${isoDay(p.lastDate)}`);
    if (former.length > SHOW_FORMER) lines.push(`  … and ${former.length - SHOW_FORMER} more`);
  }

  const reason = { wants: 'wants it', 'worked-here': 'has worked here', 'active-nearby': 'active nearby' };
  const candidates = (list: Suggestions['islands'][number]['candidates'], intro: string): void => {
    if (list.length) lines.push(`    ${intro}: ${list.map((c) => `${oneLine(c.name)} (${reason[c.reason]})`).join(', ')}`);
  };
  lines.push('', 'Knowledge islands (one active person made most of the last months\' commits, nobody else 3 or more):');
  if (s.islands.length === 0) lines.push('  none');
  for (const i of s.islands.slice(0, SHOW_ISLANDS)) {
    lines.push(`  ${label(i.skill)} [${oneLine(i.skill)}]: ${who(i.name, i.partnerId)}, ${pct(i.share)} of the commits since ${isoDay(expertise.activeSince)}, only active author of ${i.soleFiles}/${i.files} files`);
    candidates(i.candidates, 'could learn it');
  }
  if (s.islands.length > SHOW_ISLANDS) lines.push(`  … and ${s.islands.length - SHOW_ISLANDS} more`);

  lines.push('', 'Knowledge at risk (people who left authored most of the area, and nobody active maintains it):');
  if (s.atRisk.length === 0) lines.push('  none');
  for (const a of s.atRisk.slice(0, SHOW_AT_RISK)) {
    const experts = a.formerExperts.map((x) => `${oneLine(x.name)} (last commit ${x.lastCommit}, ${plural(x.files, 'file')})`).join(', ');
    lines.push(`  ${label(a.skill)} [${oneLine(a.skill)}]: ${a.files}/${a.areaFiles} files${experts ? `; former experts: ${experts}` : ''}`);
    candidates(a.candidates, 'could take it over');
  }
  if (s.atRisk.length > SHOW_AT_RISK) lines.push(`  … and ${s.atRisk.length - SHOW_AT_RISK} more`);

  if (s.handedOver.length > 0) {
    lines.push('', 'Handed over (authored by people who left, maintained by active people now):');
    for (const h of s.handedOver.slice(0, SHOW_AT_RISK)) {
      const authors = h.formerExperts.map((x) => oneLine(x.name)).join(', ');
      const now = h.maintainers.map((m) => `${oneLine(m.name)} (${plural(m.commits, 'commit')})`).join(', ');
      lines.push(`  ${label(h.skill)} [${oneLine(h.skill)}]: ${h.files}/${h.areaFiles} files authored by ${authors || 'people'} who left; ${now} ${h.maintainers.length === 1 ? 'maintains' : 'maintain'} it now`);
    }
    if (s.handedOver.length > SHOW_AT_RISK) lines.push(`  … and ${s.handedOver.length - SHOW_AT_RISK} more`);
  }

  lines.push('', 'Mutual matches (each can teach the other):');
  if (s.matches.length === 0) lines.push('  none');
  for (const m of s.matches.slice(0, SHOW_MATCHES)) {
    lines.push(`  ${who(m.aName, m.aPartnerId)} ↔ ${who(m.bName, m.bPartnerId)}  (score ${r2(m.score).toFixed(2)})`);
    lines.push(`    ${oneLine(m.aName)} → ${oneLine(m.bName)}: ${m.aTeachesB.map(label).join(', ')}`);
    lines.push(`    ${oneLine(m.bName)} → ${oneLine(m.aName)}: ${m.bTeachesA.map(label).join(', ')}`);
  }
  if (s.matches.length > SHOW_MATCHES) lines.push(`  … and ${s.matches.length - SHOW_MATCHES} more`);
  if (mailmap.length > 0) {
    const n = mailmap.length === 1 ? '1 person appears' : `${mailmap.length} people appear`;
    lines.push('', `${n} under several addresses with the same name: --mailmap prints .mailmap lines to join them.`);
  }
  return lines.join('\n') + '\n';
}
