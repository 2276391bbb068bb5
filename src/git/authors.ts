/**
 * The people who wrote a repository's commits (after `.mailmap`, merges and bots left out), for
 * starting a mentoring file from the team that is actually there: one entry per person (addresses
 * joined by the rules of `core/people.ts`, {@link groupPeople}), those active in the last months
 * first, with their commits in those months and how many of the months they committed in.
 */
import { activeSince, DEFAULT_ACTIVE_MONTHS, groupPeople, TeamCandidate } from '../core/expertise';
import { gitHistorySource } from './history';

/** A commit author as the team proposal takes them ({@link TeamCandidate}), with why their addresses are one person. */
export interface Author extends TeamCandidate {
  /** Why several addresses are this one person (empty for one address). */
  evidence: string[];
}

export interface AuthorList {
  authors: Author[];
  /** Date of the newest commit, epoch seconds (undefined without commits). */
  newest?: number;
  activeMonths: number;
}

export interface ListAuthorsOptions {
  botPatterns?: readonly string[];
  /** Default 12. */
  activeMonths?: number;
  signal?: AbortSignal;
}

/** Active people first, each group by commits (most first), then name. */
export async function listAuthors(repoDir: string, options: ListAuthorsOptions = {}): Promise<Author[]> {
  return (await readAuthors(repoDir, options)).authors;
}

/** {@link listAuthors} with the newest commit's date. */
export async function readAuthors(repoDir: string, options: ListAuthorsOptions = {}): Promise<AuthorList> {
  const activeMonths = options.activeMonths ?? DEFAULT_ACTIVE_MONTHS;
  const source = gitHistorySource(repoDir);
  const byEmail = new Map<string, { name: string; email: string; commits: number; lastDate: number; dates: number[] }>();
  if ((await source.locate()).head === undefined) return { authors: [], activeMonths };
  let newest = -Infinity;
  for await (const c of source.readCommits({ withFiles: false, botPatterns: options.botPatterns, signal: options.signal })) {
    const key = c.authorEmail.toLowerCase();
    if (c.date > newest) newest = c.date;
    const a = byEmail.get(key);
    if (!a) byEmail.set(key, { name: c.authorName, email: c.authorEmail, commits: 1, lastDate: c.date, dates: [c.date] });
    else {
      a.commits++;
      a.dates.push(c.date);
      if (c.date >= a.lastDate) {
        a.lastDate = c.date;
        a.name = c.authorName;
      }
    }
  }
  const since = activeSince(newest, activeMonths);
  const authors = groupPeople([...byEmail.values()])
    .map((g): Author => {
      const recent = g.members.flatMap((m) => m.dates.filter((d) => d >= since));
      // Calendar months with a commit; a window that starts mid-month touches one more than it
      // spans, so at most `activeMonths` are counted.
      const months = Math.min(activeMonths, new Set(recent.map((d) => new Date(d * 1000).toISOString().slice(0, 7))).size);
      return { name: g.name, email: g.email, emails: g.emails, commits: g.commits, lastDate: g.lastDate, active: g.lastDate >= since, recentCommits: recent.length, recentMonths: months, evidence: g.evidence };
    })
    .sort((x, y) => Number(y.active) - Number(x.active) || y.recentCommits - x.recentCommits || y.commits - x.commits || x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
  return { authors, newest: Number.isFinite(newest) ? newest : undefined, activeMonths };
}
