/**
 * `peer-mentoring notes`: the private notes kept on this machine for a repository's mentoring file
 * (core/noteStore), listed, exported for another machine, or imported from one.
 *
 *   notes [FILE] [--partnership ID] [--json]
 *   notes export --out FILE [--repo DIR] [--force]
 *   notes import FILE [--repo DIR] [--force]
 */
import * as path from 'path';
import { privateNotesDir } from '../core/notes';
import { DEFAULT_FILE_NAME, MentoringFile } from '../core/file';
import { addedNote, checkStore, findStore, NotesStoreError, readNotesFile, StoreChange, StoreFile, updateStore, writeExport } from '../core/notes';
import { hasErrors } from '../core/file';
import { matchScore, MergeResult, mergeNotes, notePartnership, NotesData, noteSubject, PrivateNote, resolveNotes, sessionRef } from '../core/notes';
import { FileAccessError } from '../core/disk';
import { jsonText, oneLine, quote } from '../core/text';
import { privatePlaceProblem } from '../git/notesPlace';
import { fileInRepository, FolderRepository, repositoryOf } from '../git/repoIdentity';
import { parseArgs } from './args';
import { CliCommand, CliIO, ExitCode, UsageError } from './io';
import { readForCommand, reportUnreadable } from './mentoringFile';

const usage = (io: CliIO): string => `usage: peer-mentoring notes [FILE] [--partnership ID] [--json]
       peer-mentoring notes export --out FILE [--repo DIR] [--force]
       peer-mentoring notes import FILE [--repo DIR] [--force]

Private notes on sessions and reflections on goals: kept on this machine only, in
${privateNotesDir(io.env)}
(one file per repository), never in the mentoring file or in git.

  FILE               the mentoring file whose notes to list (default ./${DEFAULT_FILE_NAME})
  --partnership ID   only this partnership's notes
  --json             print the notes as JSON
  export --out FILE  write this repository's notes to FILE (plain YAML) for another machine
  import FILE        add the notes of an export to this repository's notes
  --repo DIR         the repository (default: the current folder)
  --force            export: replace FILE; import: replace notes that differ, or take notes
                     exported from another repository

Exit status: 0 done, 1 refused (nothing written), 2 usage error or unreadable file.
`;

/** Where the notes of the repository holding `dir` are kept, and the repository. */
export async function notesLocation(io: CliIO, dir: string): Promise<{ notesDir: string; repo: FolderRepository }> {
  return { notesDir: privateNotesDir(io.env), repo: await repositoryOf(dir, { git: true }) };
}

/** Where a session's private notes go: the store of the file's repository, checked to take them. */
export type NotesTarget = { notesDir: string; repo: FolderRepository; file: string } | { failed: string };

export async function privateNotesFor(io: CliIO, file: string): Promise<NotesTarget> {
  const { notesDir, repo } = await notesLocation(io, path.dirname(file));
  const refused = await privatePlaceProblem(notesDir, 'folder', { repo });
  if (refused) return { failed: refused };
  try {
    checkStore(notesDir, repo);
  } catch (e) {
    if (e instanceof NotesStoreError) return { failed: e.message };
    throw e;
  }
  return { notesDir, repo, file: fileInRepository(repo, file) };
}

/** Keeps `text` as the private notes of session `index` of `model`, through `keep` (the store, locked); returns the store file. */
export function addSessionNote(keep: StoreChange, target: Exclude<NotesTarget, { failed: string }>, model: MentoringFile, index: number, text: string): string {
  return keep((data) => addedNote(data, target.file, model, { session: sessionRef(model.sessions[index]), text }).data).file;
}

export const run: CliCommand = async (args, io) => {
  if (args[0] === 'export') return exportNotes(args.slice(1), io);
  if (args[0] === 'import') return importNotes(args.slice(1), io);
  const { options, positionals, help } = parseArgs(args, { partnership: 'value', json: 'flag' }, { maxPositionals: 1 });
  if (help) {
    io.out(usage(io));
    return 0;
  }
  const name = positionals[0] ?? DEFAULT_FILE_NAME;
  const file = path.resolve(io.cwd, name);
  const parsed = await readForCommand(file);
  if (parsed instanceof FileAccessError) return reportUnreadable(io, name, parsed);
  const { notesDir, repo } = await notesLocation(io, path.dirname(file));
  let store: StoreFile;
  try {
    store = findStore(notesDir, repo);
  } catch (e) {
    return storeFailure(e, io);
  }
  for (const u of store.unreadable) io.err(`warning: ${oneLine(u.message)} (not read)\n`);
  const model = parsed.model && !hasErrors(parsed.problems) ? parsed.model : undefined;
  if (!model) io.err(`warning: ${oneLine(name)} has errors: the notes are listed without checking which sessions and goals are still in it\n`);
  const rel = fileInRepository(repo, file);
  const listed = listNotes(store.data.notes, model, rel).filter((n) => options.partnership === undefined || n.partnership === options.partnership);
  const others = store.data.notes.filter((n) => n.file !== rel).length;

  if (options.json) {
    io.out(jsonText({ store: store.file, file: rel, notes: listed }) + '\n');
    return 0;
  }
  if (!listed.length) {
    const scope = options.partnership !== undefined ? ` of partnership ${quote(options.partnership)}` : '';
    io.out(`No private notes${scope} for ${oneLine(name)} on this machine (they would be kept in ${oneLine(store.file)}).\n`);
  } else {
    io.out(`Private notes for ${oneLine(name)}, only on this machine (${oneLine(store.file)}):\n`);
    let partnership: string | undefined;
    for (const n of listed) {
      if (n.partnership !== partnership) {
        partnership = n.partnership;
        io.out(`\n${oneLine(partnership)}\n`);
      }
      io.out(`  ${n.attached === false ? 'DETACHED ' : ''}${describeListed(n)}, written ${n.written.slice(0, 16).replace('T', ' ')}\n`);
      for (const line of n.text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n')) io.out(`    ${oneLine(line)}\n`.replace(/ +\n$/, '\n'));
    }
    if (listed.some((n) => n.attached === false)) io.out('\nDETACHED: its session or goal is no longer in the file; the note is kept.\n');
  }
  if (others) io.out(`${others} more private note${others === 1 ? '' : 's'} belong${others === 1 ? 's' : ''} to other mentoring files of this repository.\n`);
  return 0;
};

/** A note as `notes` lists it (and prints with `--json`). */
export interface ListedNote {
  id: string;
  partnership: string;
  on: 'session' | 'goal';
  /** The session's date, or the review's. */
  date?: string;
  status?: string;
  goal?: string;
  title?: string;
  /** Whether its session or goal is in the file; null when the file could not be read. */
  attached: boolean | null;
  /** The session's position in `sessions:` (0-based) when attached. */
  session?: number;
  written: string;
  text: string;
}

/** The notes of `file` with where they are attached in `model`, by partnership and date. */
export function listNotes(notes: readonly PrivateNote[], model: MentoringFile | undefined, file: string): ListedNote[] {
  // Notes of sessions still being logged in the editor (drafts) are not listed until they are logged.
  const mine = notes.filter((n) => n.file === file && n.draft === undefined);
  const res = model && resolveNotes(mine, model, file);
  const sessionOf = new Map<PrivateNote, number>();
  for (const [index, list] of res?.sessions ?? []) for (const n of list) sessionOf.set(n, index);
  const detached = new Set(res?.detached ?? []);
  const listed = mine.map((n): ListedNote => {
    const out: ListedNote = { id: n.id, partnership: notePartnership(n), on: n.session ? 'session' : 'goal', attached: res ? !detached.has(n) : null, written: n.written, text: n.text };
    if (n.session) {
      // Where the note is attached now: the session as the file has it (a corrected date or id
      // followed), as the tree, the review panel and the agenda show it.
      const at = sessionOf.get(n);
      const now = at !== undefined ? model?.sessions[at] : undefined;
      out.date = now?.date ?? n.session.date;
      out.status = now?.status ?? n.session.status;
      if (now) out.partnership = now.partnership;
      if (at !== undefined) out.session = at;
    } else if (n.goal) {
      out.goal = n.goal.id;
      out.title = n.goal.title;
      if (n.review) out.date = n.review;
    }
    return out;
  });
  return listed.sort((a, b) => a.partnership.localeCompare(b.partnership) || (a.date ?? a.written).localeCompare(b.date ?? b.written) || a.written.localeCompare(b.written));
}

function describeListed(n: ListedNote): string {
  if (n.on === 'session') return `session ${n.date} (${n.status})`;
  return `goal ${quote(n.title ?? '')} (${oneLine(n.goal ?? '')})${n.date ? `, review ${n.date}` : ''}`;
}

function storeFailure(e: unknown, io: CliIO): ExitCode {
  if (!(e instanceof NotesStoreError)) throw e;
  io.err(`${oneLine(e.message)}\n`);
  return 2;
}

async function exportNotes(args: string[], io: CliIO): Promise<ExitCode> {
  const { options, help } = parseArgs(args, { out: 'value', repo: 'value', force: 'flag' }, { maxPositionals: 0 });
  if (help) {
    io.out(usage(io));
    return 0;
  }
  if (!options.out) throw new UsageError('export needs --out FILE');
  const { notesDir, repo } = await notesLocation(io, path.resolve(io.cwd, options.repo ?? '.'));
  const outName = options.out;
  const out = path.resolve(io.cwd, outName);
  const refused = await privatePlaceProblem(out, 'file', { repo });
  if (refused) {
    io.err(`${oneLine(refused)}; nothing was written\n`);
    return 1;
  }
  let store: StoreFile;
  try {
    store = findStore(notesDir, repo);
    writeExport(out, store.data, options.force);
  } catch (e) {
    if (e instanceof NotesStoreError && e.file === out) {
      io.err(`${oneLine(e.message)}; nothing was written\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (!(e instanceof NotesStoreError) && code) {
      io.err(`${oneLine(outName)}: cannot be written (${code})\n`);
      return 2;
    }
    return storeFailure(e, io);
  }
  const n = store.data.notes.length;
  io.out(`Exported ${n} private note${n === 1 ? '' : 's'} to ${oneLine(outName)} (readable by you only). Keep it private; on the other machine: peer-mentoring notes import FILE\n`);
  return 0;
}

async function importNotes(args: string[], io: CliIO): Promise<ExitCode> {
  const { options, positionals, help } = parseArgs(args, { repo: 'value', force: 'flag' }, { maxPositionals: 1 });
  if (help) {
    io.out(usage(io));
    return 0;
  }
  const inName = positionals[0];
  if (!inName) throw new UsageError('import needs the FILE to import');
  const { notesDir, repo } = await notesLocation(io, path.resolve(io.cwd, options.repo ?? '.'));
  const refused = await privatePlaceProblem(notesDir, 'folder', { repo });
  if (refused) {
    io.err(`${oneLine(refused)}; nothing was imported\n`);
    return 1;
  }
  let incoming: NotesData;
  try {
    incoming = readNotesFile(path.resolve(io.cwd, inName), 'import');
  } catch (e) {
    return storeFailure(e, io);
  }
  const ids = incoming.repository;
  if (!options.force && (ids.roots.length || ids.remotes.length) && matchScore({ ...ids, paths: [] }, { ...repo, path: '' }) === 0) {
    io.err(`${oneLine(inName)}: was exported from another repository (${oneLine(ids.remotes[0] ?? ids.roots[0])}); use --force to import it here anyway; nothing was written\n`);
    return 1;
  }
  let merged: MergeResult | undefined;
  let store: StoreFile;
  try {
    store = await updateStore(notesDir, repo, (data) => {
      const m = (merged = mergeNotes(data, incoming.notes, options.force));
      if ((m.conflicts.length && !options.force) || (!m.added.length && !m.conflicts.length)) return undefined;
      const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];
      return { ...m.data, repository: { ...m.data.repository, roots: union(m.data.repository.roots, ids.roots), remotes: union(m.data.repository.remotes, ids.remotes) } };
    });
  } catch (e) {
    return storeFailure(e, io);
  }
  const { added, same, conflicts } = merged as MergeResult;
  if (conflicts.length && !options.force) {
    for (const c of conflicts) io.err(`${oneLine(inName)}: note ${oneLine(c.id)} (${oneLine(notePartnership(c))}, ${oneLine(noteSubject(c))}) differs from the one on this machine\n`);
    io.err(`${conflicts.length} note${conflicts.length === 1 ? '' : 's'} would replace different text; use --force to replace ${conflicts.length === 1 ? 'it' : 'them'}; nothing was written\n`);
    return 1;
  }
  const replaced = options.force && conflicts.length ? `, replaced ${conflicts.length}` : '';
  const already = same.length ? ` (${same.length} already here)` : '';
  io.out(`Imported ${added.length} private note${added.length === 1 ? '' : 's'}${replaced}${already} into ${oneLine(store.file)}\n`);
  return 0;
}
