/**
 * The private notes of each workspace folder's mentoring file, for the tree, the review panel and
 * the session log (core/noteStore on disk, core/privateNotes for placing them). Which repository a
 * folder is (git/repoIdentity) is asked once per folder, with git only in a trusted workspace; the
 * notes are read again when another window or the CLI changes them.
 *
 * Private text goes to the notes file and to the views of this window, nowhere else: not into the
 * mentoring file, settings, webview state, logs or messages.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { privateNotesDir } from '../../core/notes';
import type { Goal, MentoringFile } from '../../core/file';
import { addNote, attachDraftNote, checkStore, draftNote, findStore, NotesStoreError, removeNote, setDraftNote } from '../../core/notes';
import { emptyNotes, goalRef, NotesData, PrivateNote, Resolution, resolveNotes, SessionRef, sessionRef } from '../../core/notes';
import type { PrivateInput } from '../../core/notes';
import { plain } from '../../core/text';
import type { EntryRef } from '../../core/view';
import { privatePlaceProblem } from '../../git/notesPlace';
import { fileInRepository, FolderRepository, repositoryOf } from '../../git/repoIdentity';
import { command } from '../command';
import { FolderRef, MentoringStore } from '../store';

export interface FolderNotes {
  /** The folder's repository; not asked while this machine has no private notes at all. */
  repo?: FolderRepository;
  /** The mentoring file, relative to the repository. */
  file: string;
  /** The store file (it may not exist yet), or the notes folder while the repository is not known. */
  store: string;
  data?: NotesData;
  /** Why the notes cannot be read or written (`FILE:LINE:COL: …`). */
  error?: string;
}

/** The note to add: on a session or a goal, with its text. */
export type NewNote = Pick<PrivateNote, 'session' | 'goal' | 'review' | 'text'>;

const RELOAD_MS = 150;

export class PrivateNotes implements vscode.Disposable {
  private readonly folders = new Map<string, Promise<FolderNotes | undefined>>();
  private readonly loaded = new Map<string, FolderNotes>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped when everything is read afresh (trust granted, folders changed). */
  private generation = 0;
  /** Fires when a folder's notes were read (again). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: MentoringStore,
    readonly notesDir: string = privateNotesDir(),
  ) {
    this.disposables.push(
      store.onDidChange((file) => {
        // Another mentoring file (the setting changed) or other folders: where the notes are may change.
        if (!file) this.forget();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.forget()),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.scheduleReload();
      }),
    );
  }

  /** The folder's notes as last read; undefined while they are read the first time (then onDidChange fires). */
  get(ref: FolderRef): FolderNotes | undefined {
    const key = this.store.get(ref)?.key;
    if (key === undefined) return undefined;
    if (!this.folders.has(key)) void this.load(key);
    return this.loaded.get(key);
  }

  /** Where the folder's notes are in its model, or why they cannot be shown; undefined while unknown. */
  view(ref: FolderRef, model: MentoringFile | undefined, drafts?: ReadonlyMap<string, string>): PrivateInput | undefined {
    const notes = this.get(ref);
    if (!notes) return undefined;
    const input: PrivateInput = { store: notes.store };
    if (notes.error !== undefined) input.error = notes.error;
    if (notes.data && model) input.resolution = this.resolve(notes, model);
    if (drafts) input.drafts = drafts;
    return input;
  }

  /** For the tree: the folder's notes placed in `model`, or the error. */
  treeInput(ref: FolderRef, model: MentoringFile | undefined): { resolution?: Resolution; error?: string } | undefined {
    const v = this.view(ref, model);
    return v && { resolution: v.resolution, error: v.error };
  }

  /** Waits for the folder's notes to be read, with its repository known. */
  async ready(ref: FolderRef): Promise<FolderNotes | undefined> {
    const key = this.store.get(ref)?.key;
    if (key === undefined) return undefined;
    const notes = await (this.folders.get(key) ?? this.load(key));
    return notes && !notes.repo ? this.load(key, true) : notes;
  }

  /**
   * Throws, with the reason, when the folder's notes cannot be written now (a virtual folder, an
   * unreadable notes file): checked before anything is written to the mentoring file.
   */
  async check(ref: FolderRef): Promise<FolderNotes> {
    const notes = await this.ready(ref);
    if (!notes?.repo) throw new Error(vscode.l10n.t('Private notes need a folder on this computer.'));
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const refused = await privatePlaceProblem(this.notesDir, 'folder', { repo: notes.repo, workspaceFolders: folders, git: vscode.workspace.isTrusted });
    if (refused) throw new Error(refused);
    try {
      checkStore(this.notesDir, notes.repo);
    } catch (e) {
      if (e instanceof NotesStoreError) throw new Error(e.message);
      throw e;
    }
    return notes;
  }

  /** Keeps a note of the folder's file (placed in `model`, the file as it is now); resolves to where, and its id. */
  async add(ref: FolderRef, model: MentoringFile, note: NewNote): Promise<{ file: string; id: string }> {
    const notes = await this.check(ref);
    const written = await this.storeCall(() => addNote(this.notesDir, notes.repo as FolderRepository, notes.file, model, note));
    const key = this.store.get(ref)?.key;
    if (key !== undefined && this.loaded.has(key)) {
      this.loaded.set(key, { ...notes, store: written.file, data: written.data, error: undefined });
      this.changed.fire();
    }
    this.watch();
    return { file: written.file, id: written.id };
  }

  /**
   * The private notes of a session not logged yet (a draft of the log), kept in the notes file under
   * the draft's id (empty `text` removes them): never in the workspace state, where the draft is.
   */
  async setDraft(ref: FolderRef, draft: string, text: string): Promise<void> {
    const notes = await this.check(ref);
    await this.storeCall(() => setDraftNote(this.notesDir, notes.repo as FolderRepository, notes.file, draft, text));
    this.scheduleReload();
  }

  /** The text of a draft's private notes, if it has any. */
  async draftText(ref: FolderRef, draft: string): Promise<string | undefined> {
    const notes = await this.check(ref);
    return this.storeCall(() => draftNote(this.notesDir, notes.repo as FolderRepository, draft));
  }

  /** A draft's private notes, now that its session is logged: on `session` of `model`. Resolves to the note's file and id. */
  async attachDraft(ref: FolderRef, model: MentoringFile, draft: string, session: SessionRef): Promise<{ file: string; id: string } | undefined> {
    const notes = await this.check(ref);
    const id = await this.storeCall(() => attachDraftNote(this.notesDir, notes.repo as FolderRepository, notes.file, model, draft, session));
    this.scheduleReload();
    return id === undefined ? undefined : { file: findStore(this.notesDir, notes.repo as FolderRepository).file, id };
  }

  /** Runs a store operation, its problems as plain errors (`FILE:LINE:COL: …`). */
  private async storeCall<T>(op: () => T | Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (e instanceof NotesStoreError) throw new Error(e.message);
      throw e;
    }
  }

  /** Takes back a note just kept (its id from {@link add}). */
  async remove(ref: FolderRef, id: string): Promise<boolean> {
    const notes = await this.check(ref);
    const removed = await this.storeCall(() => removeNote(this.notesDir, notes.repo as FolderRepository, id));
    this.scheduleReload();
    return removed;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private resolve(notes: FolderNotes, model: MentoringFile): Resolution {
    return resolveNotes(notes.data?.notes ?? [], model, notes.file);
  }

  private forget(): void {
    this.generation++;
    this.folders.clear();
    this.loaded.clear();
    this.changed.fire();
  }

  /** Reads the folder's notes; `full`: asks which repository it is even when this machine has no notes yet. */
  private load(key: string, full = false): Promise<FolderNotes | undefined> {
    const p = this.read(key, this.generation, full);
    this.folders.set(key, p);
    return p;
  }

  private async read(key: string, generation: number, full: boolean): Promise<FolderNotes | undefined> {
    // Never synchronously: `load` records this read before anyone hears of its result, so that a
    // listener asking again (a panel refreshing on onDidChange) waits for it instead of reading again
    // and again, without end.
    await Promise.resolve();
    const file = this.store.get(key);
    if (!file || file.folder.uri.scheme !== 'file' || file.uri.scheme !== 'file') return undefined;
    let notes: FolderNotes;
    if (!full && !hasNotesFiles(this.notesDir)) {
      // No private notes on this machine: nothing to show, and no need to ask git which repository this is.
      notes = { file: '', store: this.notesDir, data: emptyNotes() };
    } else {
      const repo = await repositoryOf(path.dirname(file.uri.fsPath), { git: vscode.workspace.isTrusted });
      notes = { repo, file: fileInRepository(repo, file.uri.fsPath), store: '' };
      this.fill(notes);
    }
    if (generation !== this.generation) return notes; // forgotten meanwhile: a newer read tells
    this.loaded.set(key, notes);
    this.watch();
    this.changed.fire();
    return notes;
  }

  /** Reads the store of `notes`'s repository into it. */
  private fill(notes: FolderNotes): void {
    if (!notes.repo) return;
    try {
      const found = findStore(this.notesDir, notes.repo);
      notes.store = found.file;
      notes.data = found.data;
      notes.error = undefined;
    } catch (e) {
      if (!(e instanceof NotesStoreError)) throw e;
      notes.store = e.file;
      notes.data = undefined;
      notes.error = e.message;
    }
  }

  /** Another window or the CLI may have written the notes: read them again, and tell when they changed. */
  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      let changed = false;
      for (const [key, notes] of this.loaded) {
        if (!notes.repo) {
          // Notes written meanwhile (by the CLI, another window): now the repository matters.
          if (hasNotesFiles(this.notesDir)) void this.load(key, true);
          continue;
        }
        const next: FolderNotes = { ...notes };
        this.fill(next);
        if (JSON.stringify(next) !== JSON.stringify(notes)) {
          this.loaded.set(key, next);
          changed = true;
        }
      }
      if (changed) this.changed.fire();
    }, RELOAD_MS);
  }

  private watch(): void {
    if (this.watcher || !fs.existsSync(this.notesDir)) return;
    try {
      this.watcher = fs.watch(this.notesDir, { persistent: false }, () => this.scheduleReload());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      // Not watchable here: the notes are read again when the window gets focus.
    }
  }
}

/** Whether the notes folder has any notes file (any repository's). */
function hasNotesFiles(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((n) => n.endsWith('.yml') && !n.startsWith('.'));
  } catch {
    return false;
  }
}

/** The argument of "Add Private Note…": a tree row (session or goal), or `{ folder?, session?: index, goal?: id, text? }`. */
export interface PrivateNoteArgs {
  folder?: string;
  /** A session's position in `sessions:`. */
  session?: number;
  goal?: string;
  /** The note; asked for when absent. */
  text?: string;
}

/**
 * "Add Private Note…" on a session or goal: one line (or `text` from code), kept on this machine
 * only. Resolves to the store file, or undefined when nothing was kept.
 */
export async function addPrivateNote(store: MentoringStore, notes: PrivateNotes, arg: unknown): Promise<string | undefined> {
  await store.ready;
  const a = targetOf(arg);
  const file = store.get(a.folder);
  const model = file?.lastValid;
  if (!file || !model) throw new Error(vscode.l10n.t('There is no valid mentoring file to add a private note to.'));
  const session = a.session !== undefined ? model.sessions[a.session] : undefined;
  const goal = a.goal !== undefined ? model.goals.find((g) => g.id === a.goal) : undefined;
  if (!session && !goal) throw new Error(vscode.l10n.t('Choose a session or a goal in Partners & Goals to add a private note to.'));
  await notes.check(file.key);
  const on = session
    ? vscode.l10n.t('the session of {0} on {1}', plain(session.partnership), session.date)
    : vscode.l10n.t('the goal “{0}”', plain(goal?.title ?? ''));
  const text =
    a.text ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Private note — only on this machine'),
      prompt: vscode.l10n.t('On {0}. Kept on this computer only, never written to the mentoring file or to git.', on),
      placeHolder: vscode.l10n.t('What stays between the two of you'),
      ignoreFocusOut: true,
      validateInput: (t) => (t.trim() ? undefined : vscode.l10n.t('Write the note, or press Escape')),
    }));
  if (text === undefined || !text.trim()) return undefined;
  const kept = await notes.add(file.key, model, session ? { session: sessionRef(session), text: text.trim() } : { goal: goalRef(goal as Goal), text: text.trim() });
  const remove = vscode.l10n.t('Remove');
  void vscode.window.showInformationMessage(vscode.l10n.t('Private note on {0} kept on this machine only.', on), remove).then(async (action) => {
    if (action === remove) await notes.remove(file.key, kept.id);
  });
  return kept.file;
}

function targetOf(arg: unknown): PrivateNoteArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const r = arg as Record<string, unknown>;
  const ref = r.ref as EntryRef | undefined;
  if (typeof r.kind === 'string' && typeof r.folder === 'string' && ref) {
    return ref.section === 'sessions' ? { folder: r.folder, session: ref.index } : ref.section === 'goals' ? { folder: r.folder, goal: ref.id } : { folder: r.folder };
  }
  return {
    folder: typeof r.folder === 'string' ? r.folder : undefined,
    session: typeof r.session === 'number' ? r.session : undefined,
    goal: typeof r.goal === 'string' ? r.goal : undefined,
    text: typeof r.text === 'string' ? r.text : undefined,
  };
}

export function registerPrivateNotes(store: MentoringStore, notes: PrivateNotes): vscode.Disposable {
  return command('mentoring.addPrivateNote', (arg?: unknown) => addPrivateNote(store, notes, arg));
}
