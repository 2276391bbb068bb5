/**
 * The people who wrote a repository's commits (after `.mailmap`, merges and bots left out), for
 * starting a mentoring file from the team that is actually there: one entry per person (addresses
 * of one GitHub handle or one full name joined, `core/people.ts`), those active in the last months
 * first.
 */
import { activeSince, DEFAULT_ACTIVE_MONTHS, groupPeople } from '../core/expertise';
import { gitHistorySource } from './history';

export interface Author {
  name: string;
  /** The address of their latest commit. */
  email: string;
  /** Every address, the latest first. */
  emails: string[];
  commits: number;
  /** Date of the latest commit, epoch seconds. */
  lastDate: number;
  /** Committed within the active months before the repository's newest commit. */
  active: boolean;
}

export interface ListAuthorsOptions {
  botPatterns?: readonly string[];
  /** Default 12. */
  activeMonths?: number;
  signal?: AbortSignal;
}

/** Active people first, each group by commits (most first), then name. */
export async function listAuthors(repoDir: string, options: ListAuthorsOptions = {}): Promise<Author[]> {
  const source = gitHistorySource(repoDir);
  const byEmail = new Map<string, { name: string; email: string; commits: number; lastDate: number }>();
  if ((await source.locate()).head === undefined) return [];
  let newest = -Infinity;
  for await (const c of source.readCommits({ withFiles: false, botPatterns: options.botPatterns, signal: options.signal })) {
    const key = c.authorEmail.toLowerCase();
    if (c.date > newest) newest = c.date;
    const a = byEmail.get(key);
    if (!a) byEmail.set(key, { name: c.authorName, email: c.authorEmail, commits: 1, lastDate: c.date });
    else {
      a.commits++;
      if (c.date >= a.lastDate) {
        a.lastDate = c.date;
        a.name = c.authorName;
      }
    }
  }
  const since = activeSince(newest, options.activeMonths ?? DEFAULT_ACTIVE_MONTHS);
  return groupPeople([...byEmail.values()])
    .map((g): Author => ({ name: g.name, email: g.email, emails: g.emails, commits: g.commits, lastDate: g.lastDate, active: g.lastDate >= since }))
    .sort((x, y) => Number(y.active) - Number(x.active) || y.commits - x.commits || x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
}
