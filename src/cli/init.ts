/**
 * `peer-mentoring init`: starts a mentoring file from the team that is actually there, with the same
 * proposal as "Create Mentoring File" (`core/team.ts`): people with steady recent activity and the
 * active people the repository's ownership files name are checked, every row says why.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_FILE_NAME, newMentoringFile } from '../core/file';
import { checkActiveMonths, DEFAULT_ACTIVE_MONTHS, ownerHandles, proposeTeam, ProposedPartner } from '../core/expertise';
import { createFileExclusive } from '../core/disk';
import { jsonText, oneLine } from '../core/text';
import { readAuthors } from '../git/authors';
import { NotARepositoryError } from '../git/history';
import { readOwnershipFiles } from '../git/ownership';
import { parseArgs } from './args';
import { CliCommand, UsageError } from './io';

const USAGE = `usage: peer-mentoring init [--repo DIR] [--file FILE] [--dry-run] [--json] [--active-months N] [--bot PATTERN]...

Writes a new mentoring file listing the repository's people as partners: one entry per person (all
their addresses), bots left out. Checked, and written, are the people with steady recent activity
(at least 4 commits in the active months before the newest commit, in 3 or more of those months;
the 5 most active always; 20 at most) and the active people its ownership files name (CODEOWNERS,
OWNERS, MAINTAINERS, .github/component_owners.yml). Every row says why it is checked or not.

  --repo DIR           the repository (default: the current folder)
  --file FILE          the file to write (default: <repo>/${DEFAULT_FILE_NAME})
  --dry-run            print the proposal; write nothing
  --json               JSON: { "partners": [{ "id", "name", "emails", "checked", "reason" }] }
  --active-months N    the months before the newest commit that count as recent (default ${DEFAULT_ACTIVE_MONTHS})
  --bot PATTERN        also leave out authors matching PATTERN (a regular expression tested
                       against "Name <email>"; repeatable)

Exit status: 0 written (or proposed with --dry-run), 1 the file exists already (nothing written),
2 usage error or not a git repository.
`;

export const run: CliCommand = async (args, io) => {
  const spec = { repo: 'value', file: 'value', 'dry-run': 'flag', json: 'flag', 'active-months': 'value', bot: 'list' } as const;
  const { options, help } = parseArgs(args, spec, { maxPositionals: 0 });
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const raw = options['active-months'];
  const months = raw === undefined ? DEFAULT_ACTIVE_MONTHS : checkActiveMonths(/^\d+$/.test(raw) ? Number(raw) : raw);
  if (typeof months === 'string') throw new UsageError(`--active-months: ${months}`);
  for (const p of options.bot) {
    try {
      new RegExp(p, 'i');
    } catch {
      throw new UsageError(`--bot: '${p}' is not a regular expression`);
    }
  }
  const repo = path.resolve(io.cwd, options.repo ?? '.');
  const file = path.resolve(io.cwd, options.file ?? path.join(repo, DEFAULT_FILE_NAME));
  const shown = path.relative(io.cwd, file) || file;
  const dryRun = options['dry-run'];
  if (!dryRun && fs.existsSync(file)) {
    io.err(`peer-mentoring init: ${oneLine(shown)} already exists; nothing was written\n`);
    return 1;
  }

  let partners: ProposedPartner[];
  try {
    const [list, owners] = await Promise.all([readAuthors(repo, { activeMonths: months, botPatterns: options.bot }), readOwnershipFiles(repo)]);
    partners = proposeTeam(list.authors, { newest: list.newest, activeMonths: months, owners: ownerHandles(owners) });
  } catch (e) {
    const why = e instanceof NotARepositoryError ? e.message : `git failed: ${e instanceof Error ? (e.message.trim().split('\n')[0] ?? '') : String(e)}`;
    io.err(`peer-mentoring init: ${oneLine(why)}\n`);
    return 2;
  }

  const checked = partners.filter((p) => p.checked);
  if (!dryRun) {
    const text = newMentoringFile(checked.map((p) => ({ id: p.id, name: p.name, emails: p.emails })));
    if (!createFileExclusive(file, text)) {
      io.err(`peer-mentoring init: ${oneLine(shown)} already exists; nothing was written\n`);
      return 1;
    }
  }
  if (options.json) {
    io.out(jsonText({ partners: partners.map((p) => ({ id: p.id, name: p.name, emails: p.emails, checked: p.checked, reason: p.reason })) }) + '\n');
    return 0;
  }
  const lines = partners.map((p) => `${p.checked ? '[x]' : '[ ]'} ${oneLine(p.name)} <${p.emails.map(oneLine).join(', ')}>: ${oneLine(p.reason)}`);
  if (partners.length === 0) lines.push('No commits by people: the file lists no partners.');
  lines.push('', dryRun ? `${checked.length} of ${partners.length} people would be partners; nothing was written (--dry-run).` : `Wrote ${oneLine(shown)} with ${checked.length} of ${partners.length} people as partners.`);
  io.out(lines.join('\n') + '\n');
  return 0;
};
