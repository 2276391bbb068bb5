/** A change set as review prompts see it: the files of a diff, with the new side's changed line ranges. */

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechange' | 'untracked' | 'unmerged';

/** Lines `startLine .. startLine + lineCount - 1` of the new file changed; `lineCount` 0: lines were removed after `startLine`. */
export interface Hunk {
  startLine: number;
  lineCount: number;
}

export interface ChangedFile {
  /** Repository-relative, forward slashes; the new path of a rename. */
  path: string;
  status: ChangeStatus;
  /** The path before a rename or copy. */
  oldPath?: string;
  binary?: boolean;
  /** Changed line ranges of the new side; absent when unknown (binary, deleted, too large). */
  hunks?: Hunk[];
}

/** The first line of the new file that a change touches (1-based), if any line is known. */
export function firstChangedLine(file: ChangedFile): number | undefined {
  let first: number | undefined;
  for (const h of file.hunks ?? []) {
    const line = Math.max(1, h.startLine);
    if (first === undefined || line < first) first = line;
  }
  return first;
}
