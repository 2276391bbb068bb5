/**
 * HEAD's tree as the expertise model sees it: an index of live paths, and the folders of
 * subtree-merged projects whose own history names their files without the folder they live in.
 */

import { FileState, STRIDE } from './authorship';

/**
 * A folder of HEAD is a subtree-merged project when at least this many of its files, and this share
 * of them, match (without the folder) files the history names but HEAD does not have…
 */
export const SUBTREE_MIN_FILES = 3;
export const SUBTREE_MIN_SHARE = 0.3;
/** …or when the files that match carry at least this many commits between them. */
export const SUBTREE_MIN_HISTORY = 50;
/** Folders this deep at most are tried as subtree prefixes. */
const SUBTREE_MAX_DEPTH = 3;

/** HEAD's files, with the one file each path names below a folder at most {@link SUBTREE_MAX_DEPTH} deep. */
export class TreeIndex {
  readonly live: ReadonlySet<string>;
  /** Paths by file name, built on first use. */
  private byName?: Map<string, string | string[]>;
  private folderSizes?: Map<string, number>;

  /** `live`: the same paths as a set, when the caller has one. */
  constructor(
    readonly paths: readonly string[],
    live?: ReadonlySet<string>,
  ) {
    this.live = live ?? new Set(paths);
  }

  /** The one file of the tree whose path is `folder/…/suffix` (folders at most three deep), if exactly one is. */
  endingWith(suffix: string): string | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const p of this.paths) {
        const name = p.slice(p.lastIndexOf('/') + 1);
        const known = this.byName.get(name);
        if (known === undefined) this.byName.set(name, p);
        else if (typeof known === 'string') this.byName.set(name, [known, p]);
        else known.push(p);
      }
    }
    const found = this.byName.get(suffix.slice(suffix.lastIndexOf('/') + 1));
    let match: string | undefined;
    for (const p of found === undefined ? [] : typeof found === 'string' ? [found] : found) {
      if (p.length <= suffix.length || !p.endsWith(suffix) || p.charCodeAt(p.length - suffix.length - 1) !== 47) continue;
      const folder = p.slice(0, p.length - suffix.length - 1);
      if (folder.split('/').length > SUBTREE_MAX_DEPTH) continue;
      if (match !== undefined) return undefined;
      match = p;
    }
    return match;
  }

  /** Files below `folder` (at most three deep). */
  filesIn(folder: string): number {
    if (!this.folderSizes) {
      this.folderSizes = new Map();
      for (const p of this.paths) {
        let slash = -1;
        for (let depth = 1; depth <= SUBTREE_MAX_DEPTH; depth++) {
          slash = p.indexOf('/', slash + 1);
          if (slash < 0) break;
          const dir = p.slice(0, slash);
          this.folderSizes.set(dir, (this.folderSizes.get(dir) ?? 0) + 1);
        }
      }
    }
    return this.folderSizes.get(folder) ?? 0;
  }
}

/**
 * Where the history's paths live at HEAD, for a project merged in as a subtree: its own commits name
 * `lib/blame.tcl` for what HEAD has as `git-gui/lib/blame.tcl`. A path HEAD does not have maps to
 * the one path of HEAD that ends with it below a folder at most {@link SUBTREE_MAX_DEPTH} deep,
 * when there is exactly one; a file at the root (`git-gui.sh`) only into a folder in `known`
 * (subtrees recognised before), as a root file name alone says too little. Other paths stay.
 */
export function subtreePaths(tree: TreeIndex, known: readonly string[] = [], onMapped?: (prefix: string) => void): (path: string) => string {
  const knownPrefixes = known.map((k) => `${k}/`);
  const memo = new Map<string, string>();
  return (path) => {
    if (tree.live.has(path)) return path;
    let mapped = memo.get(path);
    if (mapped !== undefined) return mapped;
    const match = tree.endingWith(path);
    mapped = match && (path.includes('/') || knownPrefixes.some((k) => match === k + path)) ? match : path;
    memo.set(path, mapped);
    if (mapped !== path) onMapped?.(mapped.slice(0, mapped.length - path.length - 1));
    return mapped;
  };
}

/** One record holding both files' histories (`a`'s creator first). */
export function mergeRecords(a: FileState | undefined, b: FileState): FileState {
  if (!a) return b.slice();
  const out = a.slice();
  if (out[0] < 0) out[0] = b[0];
  for (let i = 1; i < b.length; i += STRIDE) {
    let j = 1;
    while (j < out.length && out[j] !== b[i]) j += STRIDE;
    if (j < out.length) {
      out[j + 1] += b[i + 1];
      out[j + 2] = Math.max(out[j + 2], b[i + 2]);
      out[j + 3] += b[i + 3];
      out[j + 4] += b[i + 4];
    } else out.push(...b.slice(i, i + STRIDE));
  }
  return out;
}
