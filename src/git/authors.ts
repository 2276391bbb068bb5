/**
 * The people who wrote a repository's commits (after `.mailmap`, merges and bots left out), for
 * starting a mentoring file from the team that is actually there.
 */
import { gitHistorySource } from './history';

export interface Author {
  name: string;
  email: string;
  commits: number;
  /** Date of the latest commit, epoch seconds. */
  lastDate: number;
}

/** Authors by number of commits (most first), then name; one entry per email (case-insensitive). */
export async function listAuthors(repoDir: string, options: { botPatterns?: readonly string[]; signal?: AbortSignal } = {}): Promise<Author[]> {
  const source = gitHistorySource(repoDir);
  const byEmail = new Map<string, Author>();
  if ((await source.locate()).head === undefined) return [];
  for await (const c of source.readCommits({ withFiles: false, botPatterns: options.botPatterns, signal: options.signal })) {
    const key = c.authorEmail.toLowerCase();
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
  return [...byEmail.values()].sort((x, y) => y.commits - x.commits || x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
}
