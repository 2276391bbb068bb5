/**
 * The mentoring file of each workspace folder, as the editor sees it: parsed from the open document
 * when there is one (so unsaved typing counts), else from disk. Keeps the last valid model for views
 * while the file has errors, and is the one place that writes the file ({@link MentoringStore.applyEdit}).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { EditError, EditResult } from '../core/file';
import { DEFAULT_FILE_NAME, MentoringFile } from '../core/file';
import { decodeUtf8, fileTooLarge, MAX_FILE_BYTES, ParsedFile, parseMentoring, parseMentoringBytes, tooLargeFile } from '../core/file';
import { Problem, Range, hasErrors } from '../core/file';
import { editFile, FileAccessError, readFileBytes, withFileLock } from '../core/disk';
import { plain } from '../core/text';
import type { ShownVersion } from '../core/view';
import { lastCommittedVersion } from '../git/lastCommitted';

export interface FolderFile {
  folder: vscode.WorkspaceFolder;
  /** `folder.uri.toString()`: how rows and commands name the folder. */
  key: string;
  uri: vscode.Uri;
  /** False when there is no mentoring file (nor an unsaved document for it). */
  exists: boolean;
  /** The text parsed last (the open document's or the file's). */
  text?: string;
  parsed?: ParsedFile;
  problems: Problem[];
  hasErrors: boolean;
  /** The model of the last text without errors; what views show while the file has errors. */
  lastValid?: MentoringFile;
  /**
   * Where {@link lastValid} comes from: the file's own text (this session), or, when the file had
   * errors from the start, its last valid committed version; `none` (with why) when there is none.
   * Undefined while that is being looked up.
   */
  shown?: ShownVersion;
}

/** The folder a command is about: a folder, its key, or `{ folder: key }` from a tree row. */
export type FolderRef = vscode.WorkspaceFolder | string | { folder: string };

const DEBOUNCE_MS = 300;
/** A second read after a change on disk (see the watcher in `reset`). */
const SETTLE_REREAD_MS = 1000;

export function vscodeRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line - 1, r.start.col - 1, r.end.line - 1, r.end.col - 1);
}

/** The `mentoring.file` setting of a folder as path segments (default `.mentoring.yml`). */
function fileSegments(folder: vscode.WorkspaceFolder): string[] {
  const name = vscode.workspace.getConfiguration('mentoring', folder.uri).get<string>('file')?.trim() || DEFAULT_FILE_NAME;
  return name.split(/[\\/]+/).filter((s) => s && s !== '.');
}

export function mentoringFileUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...fileSegments(folder));
}

export class MentoringStore implements vscode.Disposable {
  private readonly files = new Map<string, FolderFile>();
  private readonly watchers: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped per read, so a slow read never overwrites a newer one. */
  private readonly reads = new Map<string, number>();
  /** Each folder's latest read: a read that a newer one overtakes leaves the result to it. */
  private readonly latestRead = new Map<string, Promise<void>>();
  /** Bumped per look-up of a committed version, so only the latest one counts. */
  private readonly lookups = new Map<string, number>();
  private hasFile: boolean | undefined;
  private lacksFile: boolean | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<FolderFile | undefined>();
  /** Fires after a folder's file was re-read (undefined: the set of folders changed). */
  readonly onDidChange = this.changed.event;
  /** Settles once every folder's file has been read the first time. */
  readonly ready: Promise<void>;

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document.uri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.schedule(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mentoring.file')) void this.reset();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const f of this.all()) if (f.hasErrors && !f.lastValid) void this.showCommitted(f);
      }),
    );
    this.ready = this.reset();
  }

  /** Every workspace folder's file, in folder order. */
  all(): FolderFile[] {
    return [...this.files.values()];
  }

  get(ref: FolderRef | undefined): FolderFile | undefined {
    if (ref === undefined) return this.files.size === 1 ? this.all()[0] : undefined;
    const key = typeof ref === 'string' ? ref : 'uri' in ref ? ref.uri.toString() : ref.folder;
    return this.files.get(key);
  }

  /** Re-reads every folder's file now. */
  async refresh(): Promise<void> {
    await Promise.all(this.all().map((f) => this.load(f.key)));
    // A file with errors and nothing valid to show: maybe a valid version has been committed since.
    await Promise.all(this.all().filter((f) => f.hasErrors && !f.lastValid).map((f) => this.showCommitted(f)));
  }

  /**
   * Applies a pure edit to the current text of a folder's file, re-read right before applying.
   *
   * - File open in an editor: a `WorkspaceEdit` of the result's minimal edits on that document (one
   *   undo step). A document that was clean is saved afterwards so disk matches; a dirty one stays
   *   dirty, its unsaved changes kept.
   * - Otherwise: the file is read from disk at that moment, edited and replaced atomically.
   *
   * Either way the write takes the file's lock, as the CLI does ({@link editFile}), and a file whose
   * bytes are not UTF-8 is never written.
   *
   * When `op` throws an {@link EditError} (for instance the file has errors), or the file cannot be
   * written (read-only, locked by another writer, ...), nothing is written: the error is shown (with
   * a "Show Problem" action when it has a position) and the result is undefined.
   */
  async applyEdit(ref: FolderRef, op: (text: string) => EditResult): Promise<EditResult | undefined> {
    const file = this.get(ref);
    if (!file) throw new Error(vscode.l10n.t('No workspace folder for the mentoring file'));
    const doc = openDocument(file.uri);
    try {
      const result = (doc && (await applyInEditor(file.uri, doc, op))) ?? (await applyToDisk(file.uri, op));
      // Callers read the store next: it must show the edit, even when a read from a change event overtakes ours.
      await this.loadSettled(file.key);
      return result;
    } catch (e) {
      if (!(e instanceof EditError) && !(e instanceof FileAccessError)) throw e;
      // Not awaited: the caller goes on while the message waits for the user.
      const first = e instanceof EditError ? e.problems[0] : undefined;
      const text = e instanceof FileAccessError ? vscode.l10n.t('{0} was not changed: {1}', vscode.workspace.asRelativePath(file.uri), e.message) : e.message;
      const message = plain(text.charAt(0).toUpperCase() + text.slice(1));
      if (!first) void vscode.window.showErrorMessage(message);
      else {
        void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Problem')).then((action) => (action ? this.revealRange(file.key, first.range) : undefined));
      }
      return undefined;
    }
  }

  /** Opens the folder's file with `range` (1-based) selected. */
  async revealRange(ref: FolderRef, range: Range): Promise<void> {
    const file = this.get(ref);
    if (!file) return;
    const doc = await vscode.workspace.openTextDocument(file.uri);
    const selection = vscodeRange(range);
    await vscode.window.showTextDocument(doc, { selection, preserveFocus: false });
  }

  /** Reveals the first error of the folder's file (or its first problem). */
  async revealFirstProblem(ref: FolderRef): Promise<void> {
    const file = this.get(ref);
    const first = file?.problems.find((p) => p.severity === 'error') ?? file?.problems[0];
    if (file && first) await this.revealRange(file.key, first.range);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    vscode.Disposable.from(...this.watchers, ...this.disposables).dispose();
  }

  private async reset(): Promise<void> {
    vscode.Disposable.from(...this.watchers).dispose();
    this.watchers.length = 0;
    const previous = new Map(this.files);
    this.files.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const key = folder.uri.toString();
      const uri = mentoringFileUri(folder);
      const old = previous.get(key);
      const keep = old && old.uri.toString() === uri.toString() ? old : undefined;
      this.files.set(key, keep ?? { folder, key, uri, exists: false, problems: [], hasErrors: false });
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, fileSegments(folder).join('/')));
      // Read at once, and once more a little later: a file written in place (truncated, then
      // written) can raise one event for both steps, and the first read may land between them.
      const reload = (): void => {
        this.schedule(uri, 0);
        setTimeout(() => this.schedule(uri, 0), SETTLE_REREAD_MS);
      };
      this.watchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
    await Promise.all(this.all().map((f) => this.load(f.key, false)));
    this.changed.fire(undefined);
    this.updateContext();
  }

  private schedule(uri: vscode.Uri, delay = DEBOUNCE_MS): void {
    const file = this.all().find((f) => f.uri.toString() === uri.toString());
    if (!file) return;
    clearTimeout(this.timers.get(file.key));
    this.timers.set(
      file.key,
      setTimeout(() => {
        this.timers.delete(file.key);
        void this.load(file.key);
      }, delay),
    );
  }

  private load(key: string, fire = true): Promise<void> {
    const read = this.read(key, fire);
    this.latestRead.set(key, read);
    return read;
  }

  /** Reads the folder's file and waits for any newer read that started meanwhile, so that what it says is current. */
  private async loadSettled(key: string): Promise<void> {
    let done: Promise<void> | undefined;
    for (let next = this.load(key); next !== done; next = this.latestRead.get(key) ?? next) {
      done = next;
      await next;
    }
  }

  private async read(key: string, fire: boolean): Promise<void> {
    const file = this.files.get(key);
    if (!file) return;
    const read = (this.reads.get(key) ?? 0) + 1;
    this.reads.set(key, read);
    let content: Content | undefined;
    let failure: string | undefined;
    try {
      content = await currentContent(file.uri);
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    const text = content?.text;
    if (this.files.get(key) !== file || this.reads.get(key) !== read) return;
    if (failure !== undefined) {
      const at = { line: 1, col: 1 };
      file.exists = true;
      file.text = file.parsed = undefined;
      file.problems = [{ code: 'unreadable', severity: 'error', message: vscode.l10n.t('the file cannot be read: {0}', failure), range: { start: at, end: at } }];
      file.hasErrors = true;
      if (fire) this.changed.fire(file);
      return;
    }
    if (text === file.text && file.exists === (text !== undefined)) return;
    file.text = text;
    file.exists = text !== undefined;
    if (text === undefined) {
      file.parsed = undefined;
      file.problems = [];
      file.hasErrors = false;
      file.lastValid = file.shown = undefined;
    } else {
      file.parsed = content?.parsed ?? parseMentoring(text);
      file.problems = file.parsed.problems;
      file.hasErrors = hasErrors(file.problems);
      if (!file.hasErrors && file.parsed.model) {
        file.lastValid = file.parsed.model;
        file.shown = { from: 'editor' };
      } else if (!file.lastValid && file.shown === undefined) void this.showCommitted(file);
    }
    if (fire) this.changed.fire(file);
    this.updateContext();
  }

  /**
   * A file with errors and no valid text of it from this session: the views show its last valid
   * committed version (git is read only in a trusted workspace), or say plainly that there is none.
   */
  private async showCommitted(file: FolderFile): Promise<void> {
    const lookup = (this.lookups.get(file.key) ?? 0) + 1;
    this.lookups.set(file.key, lookup);
    let shown: ShownVersion;
    let model: MentoringFile | undefined;
    if (!vscode.workspace.isTrusted) shown = { from: 'none', reason: vscode.l10n.t('git is not read in Restricted Mode') };
    else if (file.uri.scheme !== 'file' || file.folder.uri.scheme !== 'file') shown = { from: 'none', reason: vscode.l10n.t('the folder is not on this computer') };
    else {
      const rel = path.relative(file.folder.uri.fsPath, file.uri.fsPath).split(path.sep).join('/');
      try {
        const found = await lastCommittedVersion(file.folder.uri.fsPath, rel, (text) => {
          const parsed = parseMentoring(text);
          model = !hasErrors(parsed.problems) ? parsed.model : undefined;
          return model !== undefined;
        });
        shown = found.found ? { from: 'commit', commit: found.commit, date: found.date } : { from: 'none', reason: found.reason };
      } catch (e) {
        shown = { from: 'none', reason: vscode.l10n.t('git could not be read: {0}', e instanceof Error ? e.message : String(e)) };
      }
    }
    // Only if nothing newer decided meanwhile (a valid text, another lookup, a reset).
    if (this.files.get(file.key) !== file || this.lookups.get(file.key) !== lookup || file.lastValid || !file.hasErrors) return;
    file.shown = shown;
    if (shown.from === 'commit') file.lastValid = model;
    this.changed.fire(file);
  }

  /**
   * `mentoring.hasFile`: some workspace folder has a mentoring file; `mentoring.lacksFile`: some
   * folder has none yet, so Create Mentoring File applies (for `when` clauses).
   */
  private updateContext(): void {
    const has = this.all().some((f) => f.exists);
    if (has !== this.hasFile) void vscode.commands.executeCommand('setContext', 'mentoring.hasFile', (this.hasFile = has));
    const lacks = this.all().some((f) => !f.exists);
    if (lacks !== this.lacksFile) void vscode.commands.executeCommand('setContext', 'mentoring.lacksFile', (this.lacksFile = lacks));
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const target = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === target && !d.isClosed);
}

/**
 * The file on disk: its text (a byte order mark kept) and, when its bytes cannot be taken as they
 * are (over the size limit, not UTF-8), the problem; undefined when there is no file. A local file
 * is read as the CLI reads it: never past the size limit, never a device or a pipe.
 */
async function readDisk(uri: vscode.Uri): Promise<{ text: string; bytes?: Uint8Array; problem?: Problem } | undefined> {
  let bytes: Uint8Array | undefined;
  if (uri.scheme === 'file') {
    try {
      bytes = await readFileBytes(uri.fsPath);
    } catch (e) {
      if (e instanceof FileAccessError && e.code === 'not-found') return undefined;
      throw e;
    }
  } else {
    try {
      if ((await vscode.workspace.fs.stat(uri)).size <= MAX_FILE_BYTES) bytes = await vscode.workspace.fs.readFile(uri);
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  }
  if (bytes === undefined || bytes.length > MAX_FILE_BYTES) return { text: '', problem: fileTooLarge() };
  return { ...decodeUtf8(bytes), bytes };
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Content {
  text: string;
  /** The text parsed, when it was read from disk (with the problems of its bytes). */
  parsed?: ParsedFile;
}

/** The text that counts: an open document's when it has unsaved changes, else the file's on disk. */
async function currentContent(uri: vscode.Uri): Promise<Content | undefined> {
  const doc = openDocument(uri);
  if (doc?.isDirty) return { text: doc.getText() };
  const disk = await readDisk(uri);
  if (!disk) return undefined;
  const parsed = disk.bytes ? parseMentoringBytes(disk.bytes) : tooLargeFile();
  return { text: disk.text, parsed };
}

/**
 * Saves a document that was clean before our edit. A save fails when a save participant times out
 * (a busy machine), or when the file was rewritten on disk (same text, newer time) and the editor
 * has not noticed yet: retried for a few seconds, else left unsaved with a message (nothing is lost;
 * the change is in the editor).
 */
async function saveSoon(doc: vscode.TextDocument): Promise<void> {
  for (const wait of [0, 100, 250, 500, 1000, 2000]) {
    if (!doc.isDirty || doc.isClosed) return;
    if (wait) await new Promise((r) => setTimeout(r, wait));
    if (await doc.save()) return;
  }
  if (doc.isDirty && !doc.isClosed) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} was changed in its editor but could not be saved; save it when you are ready.', vscode.workspace.asRelativePath(doc.uri)));
  }
}

async function applyToDocument(doc: vscode.TextDocument, op: (text: string) => EditResult): Promise<EditResult> {
  // The document can change while the edit is applied (someone typing); VS Code then refuses the
  // edit because it was built for an older version, and it is rebuilt from the new text.
  for (let attempt = 0; ; attempt++) {
    const wasDirty = doc.isDirty;
    const result = op(doc.getText());
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) {
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.text);
    }
    if (await vscode.workspace.applyEdit(edit)) {
      if (!wasDirty) await saveSoon(doc);
      return result;
    }
    if (attempt === 2) throw new Error(vscode.l10n.t('Could not edit {0}: it kept changing', vscode.workspace.asRelativePath(doc.uri)));
  }
}

/**
 * Edits an open document, holding the file's lock (a clean document is saved after the edit, and the
 * CLI must not write in between). Undefined when the document is clean but behind the file on disk:
 * disk is newer, and the file is edited instead.
 */
async function applyInEditor(uri: vscode.Uri, doc: vscode.TextDocument, op: (text: string) => EditResult): Promise<EditResult | undefined> {
  const apply = async (): Promise<EditResult | undefined> => {
    if (!doc.isDirty) {
      const disk = await readDisk(uri);
      // Saving the document would write its text over bytes it could not read.
      if (disk?.problem) throw new EditError(disk.problem.message, [disk.problem]);
      if (!disk || withoutBom(disk.text) !== doc.getText()) return undefined;
    }
    return applyToDocument(doc, op);
  };
  return uri.scheme === 'file' ? withFileLock(uri.fsPath, apply) : apply();
}

/** Edits the file on disk: a local file through {@link editFile}, as the CLI does. */
async function applyToDisk(uri: vscode.Uri, op: (text: string) => EditResult): Promise<EditResult> {
  if (uri.scheme === 'file') return editFile(uri.fsPath, op);
  const disk = await readDisk(uri);
  if (disk === undefined) throw new Error(vscode.l10n.t('{0} does not exist', vscode.workspace.asRelativePath(uri)));
  if (disk.problem) throw new EditError(disk.problem.message, [disk.problem]);
  const result = op(disk.text);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
  return result;
}
