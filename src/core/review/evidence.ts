/**
 * Evidence of work on a goal, chosen from commits: a commit counts when its message names the goal
 * in a `Mentoring-Goal:` trailer, or when the goal's owner (by the partner's `emails`) made it on
 * or after the goal's `created` date and it touches one of the goal's `paths`. Pure: the commits
 * come from src/git/evidence.ts. The goal review panel and the session agenda both read evidence
 * through here.
 */
import { compileGlobs } from '../glob';
import type { PathMatcher } from '../glob';
import type { Goal, IsoDate, MentoringFile } from '../file';
import { goalTrailers } from './trailer';

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

/** A commit shown as evidence of a goal. */
export interface EvidenceCommit {
  hash: string;
  date: IsoDate;
  author: string;
  subject: string;
  /** True when the commit names the goal in a trailer (not only by touching its paths). */
  trailer: boolean;
  /** Paths the commit touched, in git's order: at most {@link EVIDENCE_FILES_PER_COMMIT}. */
  files: string[];
  /** How many paths the commit touched (more than `files` lists for a very large commit). */
  filesChanged: number;
}

/** Commits that show work on a goal; unavailable e.g. in an untrusted workspace or without git. */
export type GoalEvidence = { available: true; commits: EvidenceCommit[] } | { available: false; reason: string };

/** Commits listed per goal unless told otherwise. */
export const EVIDENCE_PER_GOAL = 20;
/** Paths kept per evidence commit (the count says how many there were). */
export const EVIDENCE_FILES_PER_COMMIT = 100;

export interface CollectOptions {
  /** At most this many commits per goal, the newest (default {@link EVIDENCE_PER_GOAL}). */
  perGoal?: number;
  /** Only commits authored on or after this date. */
  since?: IsoDate;
}

/** The goals of a partnership, with what evidence matching needs. */
export function evidenceGoals(file: MentoringFile, partnershipId: string): EvidenceGoal[] {
  return evidenceGoalsOf(file, file.goals.filter((g) => g.partnership === partnershipId));
}

/** What evidence matching needs to know about `goals` (the owner's emails, the goal's paths and start). */
export function evidenceGoalsOf(model: MentoringFile, goals: readonly Goal[]): EvidenceGoal[] {
  return goals.map((g) => {
    const owner = model.partners.find((p) => p.id === g.owner);
    const goal: EvidenceGoal = {
      id: g.id,
      paths: [...(g.paths ?? [])],
      ownerEmails: (owner?.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean),
    };
    if (g.created !== undefined) goal.created = g.created;
    return goal;
  });
}

interface Matching {
  goal: EvidenceGoal;
  matches: PathMatcher;
  list: EvidenceCommit[];
}

/**
 * Each goal's evidence among `commits` (newest first), at most `perGoal` commits each. Costs one
 * trailer check per commit and path matching only for the goals its author owns, so a partnership
 * with many goals reads as fast as one with a few.
 */
export function collectEvidence(commits: Iterable<LoggedCommit>, goals: readonly EvidenceGoal[], options: CollectOptions | number = {}): Map<string, EvidenceCommit[]> {
  const { perGoal = EVIDENCE_PER_GOAL, since } = typeof options === 'number' ? { perGoal: options } : options;
  const found = new Map<string, EvidenceCommit[]>(goals.map((g) => [g.id, []]));
  const byId = new Map<string, Matching>();
  const byEmail = new Map<string, Matching[]>();
  for (const goal of goals) {
    if (byId.has(goal.id)) continue;
    const m: Matching = { goal, matches: compileGlobs(goal.paths), list: found.get(goal.id) ?? [] };
    byId.set(goal.id, m);
    if (!goal.paths.length) continue;
    for (const email of new Set(goal.ownerEmails)) byEmail.set(email, [...(byEmail.get(email) ?? []), m]);
  }
  let open = byId.size;
  for (const c of commits) {
    if (open === 0) break;
    if (since !== undefined && c.date < since) continue;
    const hits = new Map<Matching, boolean>();
    if (/mentoring-goal/i.test(c.message)) {
      for (const id of goalTrailers(c.message)) {
        const m = byId.get(id);
        if (m) hits.set(m, true);
      }
    }
    for (const m of byEmail.get(c.email.trim().toLowerCase()) ?? []) {
      if (hits.has(m) || (m.goal.created !== undefined && c.date < m.goal.created)) continue;
      if (c.files.some(m.matches)) hits.set(m, false);
    }
    if (!hits.size) continue;
    const subject = subjectOf(c.message);
    const files = c.files.length > EVIDENCE_FILES_PER_COMMIT ? c.files.slice(0, EVIDENCE_FILES_PER_COMMIT) : c.files;
    for (const [m, trailer] of hits) {
      if (m.list.length >= perGoal) continue;
      m.list.push({ hash: c.hash, date: c.date, author: c.author, subject, trailer, files: [...files], filesChanged: c.files.length });
      if (m.list.length === perGoal) open--;
    }
  }
  return found;
}

/** The message's subject as git shows it: its first paragraph on one line. */
export function subjectOf(message: string): string {
  const paragraph = message.trim().split(/\r?\n[ \t]*\r?\n/, 1)[0];
  return paragraph.split(/\r?\n/).map((l) => l.trim()).join(' ');
}
