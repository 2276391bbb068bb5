/**
 * Who knows which file, as the review-replay papers count it: a person *knows* a file when they
 * authored (or co-authored) a change to it, or reviewed one, within the knowledge window. People are
 * *active* while their own history (commits, co-authored commits, recorded reviews) is at most the
 * active window old. Built change by change, oldest first; renames carry a file's knowers, deletions
 * drop them.
 */
import { fullNameKey, identityKey } from '../expertise';
import type { FileChange } from '../expertise';

export const DAY = 86_400;
/** Knowledge counts for a year after the change that gave it (Mirsaeedi & Rigby 2020). */
export const KNOWLEDGE_DAYS = 365;
/** Someone with no commit and no recorded review for this long has left, for the replay and the suggestions. */
export const ACTIVE_DAYS = 182;

export interface PersonRef {
  name: string;
  /** May be empty (a trailer without an address). */
  email: string;
}

/** One change of the history, with what its message records. */
export interface HistoryChange {
  hash: string;
  /** Commit date, epoch seconds. */
  date: number;
  author: PersonRef;
  coAuthors: PersonRef[];
  /** People its `Reviewed-by:`, `Acked-by:` or `Helped-by:` trailers name. */
  reviewers: PersonRef[];
  files: FileChange[];
}

/** People seen in a history, by index: addresses joined by {@link identityKey}, trailer names to authors by full name. */
export class People {
  readonly names: string[] = [];
  readonly emails: string[] = [];
  /** Last commit or recorded review, epoch seconds. */
  readonly lastActive: number[] = [];
  /** Commits authored. */
  readonly commits: number[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  /** The index of `ref`; `author` refs name a person by their address first, trailer refs may match by full name. */
  index(ref: PersonRef, author: boolean): number {
    const key = ref.email ? identityKey(ref.email) : undefined;
    const nameKey = fullNameKey(ref.name);
    let i = key !== undefined ? this.byKey.get(key) : undefined;
    if (i === undefined && nameKey !== undefined) i = this.byName.get(nameKey);
    if (i === undefined && key === undefined && nameKey === undefined) i = this.byKey.get(`name:${ref.name.trim().toLowerCase()}`);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(ref.name.trim() || ref.email);
      this.emails.push(ref.email);
      this.lastActive.push(-Infinity);
      this.commits.push(0);
      if (key === undefined && nameKey === undefined) this.byKey.set(`name:${ref.name.trim().toLowerCase()}`, i);
    } else if (author && !this.emails[i]) {
      this.emails[i] = ref.email;
      this.names[i] = ref.name.trim() || this.names[i];
    }
    if (key !== undefined && !this.byKey.has(key)) this.byKey.set(key, i);
    if (nameKey !== undefined && !this.byName.has(nameKey)) this.byName.set(nameKey, i);
    return i;
  }

  /** Index of a person by address (identity key), if seen. */
  byEmail(email: string): number | undefined {
    return this.byKey.get(identityKey(email));
  }

  get size(): number {
    return this.names.length;
  }

  touch(i: number, date: number): void {
    if (date > this.lastActive[i]) this.lastActive[i] = date;
  }

  isActive(i: number, at: number, activeDays = ACTIVE_DAYS): boolean {
    return this.lastActive[i] >= at - activeDays * DAY;
  }
}

const folderOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
};

/** Who knows each file (person → date of the change that taught them), and each folder. */
export class Knowledge {
  readonly files = new Map<string, Map<number, number>>();
  readonly folders = new Map<string, Map<number, number>>();

  /** Renames carry, deletions drop, before the change's people are recorded. */
  move(changes: readonly FileChange[]): void {
    for (const f of changes) {
      if (f.status === 'R' && f.oldPath !== undefined) {
        const k = this.files.get(f.oldPath);
        if (k) {
          this.files.delete(f.oldPath);
          this.files.set(f.path, k);
        }
      } else if (f.status === 'D') this.files.delete(f.path);
    }
  }

  learn(path: string, person: number, date: number): void {
    for (const [map, key] of [[this.files, path], [this.folders, folderOf(path)]] as const) {
      let k = map.get(key);
      if (!k) map.set(key, (k = new Map()));
      if ((k.get(person) ?? -Infinity) < date) k.set(person, date);
    }
  }

  knows(path: string, person: number, since: number): boolean {
    return (this.files.get(path)?.get(person) ?? -Infinity) >= since;
  }

  knowsFolder(path: string, person: number, since: number): boolean {
    return (this.folders.get(folderOf(path))?.get(person) ?? -Infinity) >= since;
  }

  /** The people who know `path` since `since` and are `active`. */
  knowers(path: string, since: number, active: (person: number) => boolean): number[] {
    const out: number[] = [];
    for (const [p, d] of this.files.get(path) ?? []) if (d >= since && active(p)) out.push(p);
    return out;
  }
}
