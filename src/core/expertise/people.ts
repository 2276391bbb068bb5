/**
 * Who the authors of a history are: which accounts are automation, which addresses are one person,
 * who is still around. One set of rules for the analysis, the CLI, the Suggestions view and
 * "Create Mentoring File".
 *
 *  - **Bots** ({@link isBot}): `[bot]` in the name or address; a name whose last word is "bot"
 *    (`ESLint Bot`, `jade-bot`) or a handle that ends in it (`dependabot`); a name that is a CI or
 *    service account (`Jenkins`, `GitHub Actions`, `Copilot`, `Travis CI`); a CI word in the name
 *    with a service address (`ESLint Jenkins <eslint@googlegroups.com>`); and service addresses
 *    (`jenkins@host`, `noreply@github.com`, `ci@…`, `…-bot@…`). A person whose name merely contains
 *    such a word (`Jon Jenkins <jon@gmail.com>`) is not a bot.
 *  - **Identities** ({@link identityKey}): addresses are compared case-insensitively, and the two
 *    GitHub noreply forms of one handle (`123+kai@users.noreply.github.com`,
 *    `kai@users.noreply.github.com`) are one person. People who share a full name under several
 *    addresses are not merged silently: {@link mailmapSuggestions} proposes `.mailmap` lines.
 *  - **Active** ({@link activeSince}): a person committed within the last N months (12 by default)
 *    before the newest commit of the history read, so an old clone still makes sense.
 */

import { RE2JS } from 're2js';

export const DEFAULT_ACTIVE_MONTHS = 12;

/** Whole names of CI and service accounts (lower case, punctuation as spaces). */
const SERVICE_NAMES = new Set([
  'jenkins', 'travis', 'travis ci', 'travisci', 'circleci', 'circle ci', 'github', 'github actions', 'github action',
  'actions user', 'gitlab', 'gitlab ci', 'buildkite', 'teamcity', 'appveyor', 'azure pipelines', 'azure devops', 'bamboo',
  'drone', 'copilot', 'github copilot', 'codecov', 'snyk', 'renovate', 'greenkeeper', 'mergify', 'semantic release',
  'allcontributors', 'all contributors', 'imgbot', 'dependabot', 'whitesource', 'pre commit ci', 'web flow', 'ci', 'automation',
]);
/** Words that name a CI system inside a longer name (`ESLint Jenkins`). */
const CI_WORD = /\b(jenkins|travis|circleci|github actions?|gitlab ci|buildkite|teamcity|appveyor|copilot|buildbot)\b/;
/** Local parts of addresses that belong to automation. */
const SERVICE_LOCAL = /^(jenkins|travis|circleci|ci|buildbot|build|builder|bot|bots|automation|actions?|github-actions|noreply|no-reply|donotreply|do-not-reply|copilot|deploy|deployer|release-bot)$|[-_.+]bot$/;
/** Mailing lists and relays: an address no one person reads as their own. */
const LIST_DOMAIN = /(^|\.)(googlegroups\.com|groups\.io|lists\.[a-z0-9.-]+)$/;

/** Lower case, accents dropped, anything but letters and digits as one space. */
function words(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isServiceAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  const local = (at < 0 ? email : email.slice(0, at)).toLowerCase();
  const domain = at < 0 ? '' : email.slice(at + 1).toLowerCase();
  return SERVICE_LOCAL.test(local) || LIST_DOMAIN.test(domain);
}

/** The built-in rules: true for automation (see the module comment). */
export function isBuiltinBot(name: string, email: string): boolean {
  if (/\[bot\]/i.test(name) || /\[bot\]/i.test(email)) return true;
  const trimmed = name.trim();
  if (/(^|[\s._-])(ro)?bot$/i.test(trimmed) || /^[a-z0-9][a-z0-9-]*bot$/.test(trimmed)) return true;
  const w = words(trimmed);
  if (SERVICE_NAMES.has(w)) return true;
  if (isServiceAddress(email)) return true;
  return CI_WORD.test(w) && /@[^.]+$|noreply|no-reply/i.test(email);
}

/** The longest bot pattern accepted (a pattern is a short rule, never a list of names). */
export const MAX_BOT_PATTERN = 1000;

/**
 * A bot pattern (a regular expression, case-insensitive, tested against `Name <email>`) compiled for
 * a linear-time engine (RE2): a pattern from a setting or a cloned repository can never make the
 * test take longer than the text is long. JavaScript's syntax is read as it is (`\u0041`, `\d`,
 * `(?<name>…)`); what such an engine cannot do in linear time (lookahead, lookbehind,
 * backreferences, possessive repeats) is refused here, with the reason, as is a pattern over
 * {@link MAX_BOT_PATTERN} characters.
 */
export function compileBotPattern(pattern: string): (text: string) => boolean {
  if (pattern.length > MAX_BOT_PATTERN) throw new Error(`invalid bot pattern ${JSON.stringify(pattern.slice(0, 40) + '…')}: longer than ${MAX_BOT_PATTERN} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    const why = (e as Error).message.replace(/^error parsing regexp: /, '');
    const unsupported = /unsupported Perl syntax|invalid named capture|invalid escape sequence: `\\[1-9]|invalid nested repetition/.test(why);
    throw new Error(`invalid bot pattern ${JSON.stringify(pattern)}: ${why}${unsupported ? ' (lookahead, lookbehind, backreferences and possessive repeats are not supported: patterns run in linear time)' : ''}`);
  }
  return (text) => re.test(text);
}

/**
 * A bot test: the built-in rules plus `patterns`, case-insensitive regular expressions tested against
 * `Name <email>` in linear time ({@link compileBotPattern}). Throws for a pattern that is not a
 * regular expression or uses what the linear-time engine refuses. Answers are remembered per author,
 * so a long history costs one test per distinct author.
 */
export function botMatcher(patterns: readonly string[] = []): (name: string, email: string) => boolean {
  const extra = patterns.map(compileBotPattern);
  const memo = new Map<string, boolean>();
  return (name, email) => {
    const key = `${name} <${email}>`;
    let bot = memo.get(key);
    if (bot === undefined) {
      bot = isBuiltinBot(name, email) || extra.some((test) => test(key));
      memo.set(key, bot);
    }
    return bot;
  };
}

/** True when `name <email>` is automation by the built-in rules or `patterns`. */
export function isBot(name: string, email: string, patterns: readonly string[] = []): boolean {
  return botMatcher(patterns)(name, email);
}

const NOREPLY = /^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$/i;

/** The GitHub handle of a noreply address (`123+kai@users.noreply.github.com` → `kai`), else undefined. */
export function noreplyHandle(email: string): string | undefined {
  return NOREPLY.exec(email.trim())?.[1].toLowerCase();
}

/** The key that joins addresses of one person: the lower-cased address, or `github:<handle>` for noreply addresses. */
export function identityKey(email: string): string {
  const handle = noreplyHandle(email);
  return handle === undefined ? email.trim().toLowerCase() : `github:${handle}`;
}

/**
 * A full name as a key for "the same person": lower case, accents and punctuation dropped; undefined
 * for names of one word (`admin`, `root`, a handle), which say too little about who it is.
 */
export function fullNameKey(name: string): string | undefined {
  const w = words(name);
  return w.includes(' ') ? w : undefined;
}

/** True when two names are the same full name (see {@link fullNameKey}). */
export function sameFullName(a: string, b: string): boolean {
  const k = fullNameKey(a);
  return k !== undefined && k === fullNameKey(b);
}

/** Epoch seconds from which a person counts as active: `months` calendar months before `newest`. */
export function activeSince(newest: number, months: number = DEFAULT_ACTIVE_MONTHS): number {
  if (!Number.isFinite(newest)) return -Infinity;
  const d = new Date(newest * 1000);
  d.setUTCMonth(d.getUTCMonth() - months);
  return Math.floor(d.getTime() / 1000);
}

/**
 * Said of someone active whose own last commit is older than `since`: they count as active because
 * the same full name commits under another address (see {@link mailmapSuggestions}).
 */
export function activeElsewhere(person: { active: boolean; lastDate: number }, since: number): boolean {
  return person.active && person.lastDate < since;
}
export const ACTIVE_ELSEWHERE = 'active under another address';

/** A positive whole number of months, or an error message. */
export function checkActiveMonths(value: unknown): number | string {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1200 ? value : `${String(value)} is not a whole number of months from 1 to 1200`;
}

/** How long before `now` (epoch seconds) `then` was: "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago", "2 years ago". */
export function agoText(then: number, now: number): string {
  const days = Math.floor(now / 86_400) - Math.floor(then / 86_400);
  const n = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return n(days, 'day');
  if (days < 60) return n(Math.floor(days / 7), 'week');
  if (days < 730) return n(Math.floor(days / 30.44), 'month');
  return n(Math.floor(days / 365.25), 'year');
}

/** `YYYY-MM-DD` (UTC) of epoch seconds. */
export function isoDay(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

export interface AuthorIdentity {
  name: string;
  email: string;
  commits: number;
  /** Latest commit, epoch seconds. */
  lastDate: number;
}

export interface PersonGroup<A extends AuthorIdentity = AuthorIdentity> {
  /** The name and address of the most recent commit. */
  name: string;
  email: string;
  /** Every address, the most recent first. */
  emails: string[];
  commits: number;
  lastDate: number;
  members: A[];
  /** Why the identities were joined, one line each (empty for one identity). */
  evidence: string[];
}

/** Local parts of addresses that many people use: no evidence that two addresses are one person. */
const COMMON_LOCAL = new Set(['admin', 'info', 'mail', 'email', 'contact', 'hello', 'github', 'gitlab', 'git', 'dev', 'developer', 'user', 'test', 'root', 'me', 'hi', 'code', 'work', 'office', 'support', 'noreply', 'no-reply', 'post', 'name', 'someone', 'somebody', 'nobody', 'unknown', 'anonymous']);

/**
 * A name as a key for spelling variants of it: lower case, accents, punctuation, spaces and
 * parenthesised parts dropped (`Anuraag (Rag) Agrawal` and `Anuraag Agrawal`, `GuyTempleton` and
 * `Guy Templeton`); undefined when too short to say who it is (under 6 letters for one word).
 */
export function compactNameKey(name: string): string | undefined {
  const w = words(name.replace(/\([^)]*\)/g, ' '));
  const key = w.replace(/ /g, '');
  if (!key || (!w.includes(' ') && key.length < 6)) return undefined;
  return key;
}

/** The local part of an address when it says who someone is (`jane.doe`), else undefined (`info`, `me`, noreply addresses). */
function personalLocalPart(email: string): string | undefined {
  if (noreplyHandle(email) !== undefined) return undefined;
  const at = email.lastIndexOf('@');
  const local = (at < 0 ? email : email.slice(0, at)).trim().toLowerCase();
  return local.length >= 5 && !COMMON_LOCAL.has(local) && !SERVICE_LOCAL.test(local) ? local : undefined;
}

/** Why two identities are one person, or undefined. */
export function sameIdentityEvidence(a: { name: string; email: string }, b: { name: string; email: string }): string | undefined {
  if (identityKey(a.email) === identityKey(b.email)) {
    return noreplyHandle(a.email) !== undefined ? `the same GitHub noreply handle (${noreplyHandle(a.email)})` : 'the same address';
  }
  const fa = fullNameKey(a.name);
  if (fa !== undefined && fa === fullNameKey(b.name)) return 'the same full name';
  const ca = compactNameKey(a.name);
  if (ca !== undefined && ca === compactNameKey(b.name)) return `names that differ only in case, accents, spacing or a nickname (${a.name} / ${b.name})`;
  for (const [x, y] of [[a, b], [b, a]]) {
    const handle = noreplyHandle(y.email) ?? personalLocalPart(y.email);
    const cx = compactNameKey(x.name);
    if (handle !== undefined && cx !== undefined && cx === handle.replace(/[^a-z0-9]/g, '')) return `the name ${x.name} is the handle of ${y.email}`;
  }
  const la = personalLocalPart(a.email);
  if (la !== undefined && la === personalLocalPart(b.email)) return `addresses with the same local part (${la})`;
  return undefined;
}

/**
 * Authors grouped into people: addresses with one {@link identityKey}, identities that share a
 * full name ({@link fullNameKey}) or a spelling of it ({@link compactNameKey}), a name that is the
 * other's GitHub handle, and addresses that share a personal local part ({@link sameIdentityEvidence}).
 * Groups are ordered by commits (most first), then name.
 */
export function groupPeople<A extends AuthorIdentity>(authors: readonly A[]): PersonGroup<A>[] {
  const parent = authors.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  const evidence: string[][] = authors.map(() => []);
  const byKey = new Map<string, number>();
  authors.forEach((a, i) => {
    const handle = noreplyHandle(a.email) ?? personalLocalPart(a.email);
    const keys = [`id:${identityKey(a.email)}`, fullNameKey(a.name), handle && `name:${handle.replace(/[^a-z0-9]/g, '')}`, personalLocalPart(a.email) && `local:${personalLocalPart(a.email)}`];
    const compact = compactNameKey(a.name);
    if (compact !== undefined) keys.push(`name:${compact}`);
    for (const key of keys) {
      if (!key) continue;
      const other = byKey.get(key);
      if (other === undefined) byKey.set(key, i);
      else if (find(other) !== find(i)) {
        const why = sameIdentityEvidence(authors[other], a);
        if (why === undefined) continue;
        evidence[i].push(why);
        union(i, other);
      }
    }
  });
  const groups = new Map<number, A[]>();
  const why = new Map<number, string[]>();
  authors.forEach((a, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(a);
    else groups.set(root, [a]);
    why.set(root, [...(why.get(root) ?? []), ...evidence[i]]);
  });
  return [...groups.entries()]
    .map(([root, members]): PersonGroup<A> => {
      const sorted = [...members].sort((x, y) => y.lastDate - x.lastDate || y.commits - x.commits);
      const emails: string[] = [];
      for (const m of sorted) if (!emails.some((e) => e.toLowerCase() === m.email.toLowerCase())) emails.push(m.email);
      return {
        name: sorted[0].name,
        email: sorted[0].email,
        emails,
        commits: members.reduce((n, m) => n + m.commits, 0),
        lastDate: sorted[0].lastDate,
        members: sorted,
        evidence: [...new Set(why.get(root) ?? [])],
      };
    })
    .sort((x, y) => y.commits - x.commits || x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
}

export interface MailmapSuggestion {
  name: string;
  email: string;
  /** The other addresses that look like the same person. */
  aliases: string[];
  /** `.mailmap` lines: `Name <email> <alias>`, one per alias. */
  lines: string[];
  /** Why the addresses look like one person. */
  evidence: string[];
}

/** A name or address that a `.mailmap` line can hold (no angle brackets, no `#`, no control characters). */
// eslint-disable-next-line no-control-regex
const MAILMAP_SAFE = /^[^<>#\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+$/;

/**
 * `.mailmap` lines for people who appear under several addresses ({@link groupPeople}): each other
 * address maps to the name and address of their most recent commit. Groups whose name or addresses
 * a `.mailmap` line cannot hold are left out.
 */
export function mailmapSuggestions(authors: readonly AuthorIdentity[]): MailmapSuggestion[] {
  const out: MailmapSuggestion[] = [];
  for (const g of groupPeople(authors)) {
    if (g.emails.length < 2) continue;
    const name = g.name.trim();
    if (!MAILMAP_SAFE.test(name) || !g.emails.every((e) => MAILMAP_SAFE.test(e) && !/\s/.test(e))) continue;
    const aliases = g.emails.slice(1);
    out.push({ name, email: g.email, aliases, lines: aliases.map((a) => `${name} <${g.email}> <${a}>`), evidence: g.evidence });
  }
  return out.sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
}
