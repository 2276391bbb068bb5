/**
 * Evidence of work on a goal, chosen from commits: a commit counts when its message names the goal
 * in a `Mentoring-Goal:` trailer, or when the goal's owner (by the partner's `emails`) made it on
 * or after the goal's `created` date and it touches one of the goal's `paths`. Pure: the commits
 * come from src/git/evidence.ts.
 */
import { compileGlobs } from './glob';
import type { PathMatcher } from './glob';
import type { IsoDate, MentoringFile } from './model';
import { goalTrailers } from './trailer';
import type { EvidenceCommit } from '../protocol/review';

/** What evidence needs to know about a goal. */
export interface EvidenceGoal {
  id: string;
  /** Path globs, repository-relative. */
  paths: string[];
  created?: IsoDate;
  /** The owner's emails, lower case. */
  ownerEmails: string[];
}

/** A commit as read from history, newest first. */
export interface LoggedCommit {
  hash: string;
  /** The author date, `YYYY-MM-DD`. */
  date: IsoDate;
  author: string;
  email: string;
  /** The whole message (subject, body, trailers). */
  message: string;
  /** Repository-relative paths the commit touched. */
  files: string[];
}

/** Commits listed per goal unless told otherwise. */
export const EVIDENCE_PER_GOAL = 20;

/** The goals of a partnership, with what evidence matching needs. */
export function evidenceGoals(file: MentoringFile, partnershipId: string): EvidenceGoal[] {
  return file.goals
    .filter((g) => g.partnership === partnershipId)
    .map((g) => {
      const owner = file.partners.find((p) => p.id === g.owner);
      const goal: EvidenceGoal = {
        id: g.id,
        paths: [...(g.paths ?? [])],
        ownerEmails: (owner?.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean),
      };
      if (g.created !== undefined) goal.created = g.created;
      return goal;
    });
}

/** Each goal's evidence among `commits` (newest first), at most `perGoal` commits each. */
export function collectEvidence(commits: Iterable<LoggedCommit>, goals: readonly EvidenceGoal[], perGoal = EVIDENCE_PER_GOAL): Map<string, EvidenceCommit[]> {
  const found = new Map<string, EvidenceCommit[]>(goals.map((g) => [g.id, []]));
  const matchers = new Map<string, PathMatcher>(goals.map((g) => [g.id, compileGlobs(g.paths)]));
  for (const c of commits) {
    const named = goalTrailers(c.message);
    const email = c.email.trim().toLowerCase();
    for (const g of goals) {
      const list = found.get(g.id);
      if (!list || list.length >= perGoal) continue;
      const trailer = named.includes(g.id);
      const byOwner =
        g.ownerEmails.includes(email) &&
        (g.created === undefined || c.date >= g.created) &&
        c.files.some(matchers.get(g.id) ?? (() => false));
      if (trailer || byOwner) list.push({ hash: c.hash, date: c.date, author: c.author, subject: subjectOf(c.message), trailer });
    }
  }
  return found;
}

/** The message's subject as git shows it: its first paragraph on one line. */
export function subjectOf(message: string): string {
  const paragraph = message.trim().split(/\r?\n[ \t]*\r?\n/, 1)[0];
  return paragraph.split(/\r?\n/).map((l) => l.trim()).join(' ');
}
