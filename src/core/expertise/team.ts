/**
 * Who takes part: the team proposed for a new mentoring file ("Create Mentoring File" and
 * `peer-mentoring init` share it). One row per person (all their addresses), bots already left out,
 * and on every row, checked or not, why.
 *
 *  - **Steady recent activity** is checked: at least {@link STEADY_COMMITS} commits in the active
 *    months before the newest commit, in at least {@link STEADY_MONTHS} different calendar months;
 *    so are the {@link ALWAYS_CHECKED} most active people of those months. At most
 *    {@link MAX_CHECKED} people are checked, the most active first: a proposal a lead can read.
 *    One commit, or a burst in one month, is a contribution, not membership of the team.
 *  - **Ownership files** (CODEOWNERS, Kubernetes-style OWNERS, MAINTAINERS, OpenTelemetry's
 *    component_owners.yml) name the people a project itself calls its maintainers: those of them
 *    still active are checked too, whatever their commit count (maintainers review more than they
 *    commit). Handles are matched to commit identities by their GitHub noreply address, an address
 *    whose local part is the handle, or a name that is the handle; teams (`@org/team`) are not people.
 */
import { parse } from 'yaml';
import { compactNameKey, isoDay, noreplyHandle } from './people';
import { partnerIds } from '../file';

export const STEADY_COMMITS = 4;
export const STEADY_MONTHS = 3;
export const ALWAYS_CHECKED = 5;
export const MAX_CHECKED = 20;

/** A person who wrote the repository's commits, as the proposal reads them. */
export interface TeamCandidate {
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
  /** Commits within the active months before the newest commit. */
  recentCommits: number;
  /** Calendar months (of those) with at least one commit. */
  recentMonths: number;
}

export interface ProposedPartner {
  id: string;
  name: string;
  emails: string[];
  checked: boolean;
  reason: string;
}

/** Handles an ownership file names, with the files that name each (lower-case handle → files). */
export type OwnerHandles = Map<string, string[]>;

const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/**
 * People named by the repository's ownership files (`files`: path → text at HEAD). CODEOWNERS:
 * `@handle` entries (`@org/team` and addresses are not handles); OWNERS: `approvers` and `reviewers`
 * (aliases of OWNERS_ALIASES expanded); component_owners.yml: every component's list; MAINTAINERS:
 * `@handle` mentions. A file that does not parse adds nobody.
 */
export function ownerHandles(files: ReadonlyMap<string, string>): OwnerHandles {
  const out: OwnerHandles = new Map();
  const add = (handle: unknown, file: string): void => {
    if (typeof handle !== 'string') return;
    const h = handle.replace(/^@/, '');
    if (!HANDLE.test(h)) return;
    const list = out.get(h.toLowerCase()) ?? [];
    if (!list.includes(file)) list.push(file);
    out.set(h.toLowerCase(), list);
  };
  const yamlOf = (text: string): unknown => {
    try {
      return parse(text, { logLevel: 'silent', maxAliasCount: 100 }) as unknown;
    } catch {
      return undefined;
    }
  };
  const aliasText = files.get('OWNERS_ALIASES');
  const aliasDoc = aliasText === undefined ? undefined : yamlOf(aliasText);
  const aliases = isRecord(aliasDoc) && isRecord(aliasDoc.aliases) ? aliasDoc.aliases : {};
  for (const [path, text] of files) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name === 'CODEOWNERS') {
      for (const line of text.split(/\r?\n/)) {
        const tokens = line.replace(/#.*/, '').trim().split(/\s+/).slice(1);
        for (const t of tokens) if (t.startsWith('@') && !t.includes('/')) add(t, path);
      }
    } else if (name === 'OWNERS') {
      const doc = yamlOf(text);
      if (!isRecord(doc)) continue;
      for (const key of ['approvers', 'reviewers']) {
        const list = doc[key];
        if (!Array.isArray(list)) continue;
        for (const h of list) {
          const expanded = typeof h === 'string' && Array.isArray(aliases[h]) ? (aliases[h] as unknown[]) : [h];
          for (const x of expanded) add(x, path);
        }
      }
    } else if (name === 'component_owners.yml' || name === 'component_owners.yaml') {
      const doc = yamlOf(text);
      const components = isRecord(doc) && isRecord(doc.components) ? doc.components : {};
      for (const list of Object.values(components)) if (Array.isArray(list)) for (const h of list) add(h, path);
    } else if (/^MAINTAINERS(\.md|\.txt)?$/i.test(name)) {
      for (const m of text.matchAll(/(?:^|[\s([,])@([A-Za-z0-9][A-Za-z0-9-]{0,38})\b/g)) add(m[1], path);
    }
  }
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The handles (lower case) that name `person`: their noreply handles, address local parts and a name written as a handle. */
function handlesOf(person: TeamCandidate): Set<string> {
  const out = new Set<string>();
  for (const e of person.emails) {
    const h = noreplyHandle(e);
    if (h !== undefined) out.add(h);
    const local = e.slice(0, e.lastIndexOf('@')).toLowerCase();
    if (local.length >= 4) out.add(local);
  }
  const compact = compactNameKey(person.name);
  if (compact !== undefined) out.add(compact);
  out.add(person.name.trim().toLowerCase());
  return out;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How long before the newest commit `then` was, as a row says it. */
function beforeNewest(then: number, newest: number): string {
  const days = Math.floor(newest / 86_400) - Math.floor(then / 86_400);
  return days <= 0 ? 'on the day of the newest commit' : `${plural(days, 'day')} before it`;
}

/** The team proposed for a new mentoring file, in the order given (most active first); ids unique. */
export function proposeTeam(people: readonly TeamCandidate[], options: { newest?: number; activeMonths: number; owners?: OwnerHandles }): ProposedPartner[] {
  const newest = options.newest ?? 0;
  const months = plural(options.activeMonths, 'month');
  const byRecent = [...people].sort((x, y) => y.recentCommits - x.recentCommits || y.commits - x.commits);
  const top = new Set(byRecent.filter((p) => p.recentCommits > 0).slice(0, ALWAYS_CHECKED));
  const ownerOf = (p: TeamCandidate): string | undefined => {
    if (!options.owners || options.owners.size === 0) return undefined;
    for (const h of handlesOf(p)) {
      const files = options.owners.get(h);
      if (files) return `listed in ${files.slice(0, 2).join(', ')} as @${h}`;
    }
    return undefined;
  };
  let checkedCount = 0;
  const rows = people.map((p) => {
    const owner = ownerOf(p);
    const steady = p.recentCommits >= STEADY_COMMITS && p.recentMonths >= STEADY_MONTHS;
    const activity = p.recentCommits > 0
      ? `${plural(p.recentCommits, 'commit')} in the ${months} before the newest commit, in ${plural(p.recentMonths, 'month')} of them; last ${beforeNewest(p.lastDate, newest)}`
      : `no commit in the ${months} before the newest commit; last on ${isoDay(p.lastDate)}`;
    // The verdict comes first: a quick pick cuts a long reason at its width.
    let checked = false;
    let why: string;
    if (owner && p.active) {
      checked = true;
      why = `${owner}: ${activity}`;
    } else if (steady || top.has(p)) {
      checked = checkedCount < MAX_CHECKED;
      const verdict = !checked ? `not among the ${MAX_CHECKED} most active` : steady ? 'steady' : `one of the ${ALWAYS_CHECKED} most active`;
      why = `${verdict}: ${activity}`;
    } else if (p.recentCommits > 0) {
      why = `not steady (fewer than ${STEADY_COMMITS} commits, or in fewer than ${STEADY_MONTHS} months): ${activity}`;
    } else {
      why = owner ? `${owner}, left: ${activity}` : `left: ${activity}`;
    }
    if (checked) checkedCount++;
    return { p, checked, reason: why };
  });
  const ids = partnerIds(people.map((p) => ({ name: p.name, emails: p.emails })));
  return rows.map(({ p, checked, reason }, i) => ({ id: ids[i], name: p.name, emails: [...p.emails], checked, reason }));
}
