/**
 * Private notes in the real workbench: a session logged with shared and private notes (typed in the
 * palette's notes steps, and in a private notes editor), a private
 * reflection typed beside a review, a private note added from the tree; the lock rows in the tree
 * and the private block of the review panel; and then the proof that no byte of any private text
 * reached the workspace folder, git (every object, every ref, every commit message) or the test
 * window's settings, logs and state, while the notes file has all of them.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PRIVATE_TOOLTIP } from '../../src/core/view/treeModel';
import type { Logged } from '../../src/vscode/log';
import { host, waitFor } from './host';
import { accept, anaBen, api, children, fileUri, folder, originalText, question, restore } from './mentoring';
import { openLogSession, quickInput, typeAndEnter } from './palette';
import { FRAME, frameText, reviewTabs } from './panel';

/** Every private text the tests write, each with a marker found nowhere else. */
const written: string[] = [];
const secret = (what: string): string => {
  const text = `PRIVATE-${what}-${Math.random().toString(36).slice(2, 10)}`;
  written.push(text);
  return text;
};

function notesDir(): string {
  const dir = process.env.PEER_MENTORING_NOTES_DIR;
  assert.ok(dir && path.isAbsolute(dir), 'the test run points the private notes at a folder of its own');
  return dir;
}

function git(args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, { cwd: folder().uri.fsPath, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
}

/** Every file under `dir` (not following links), with its bytes. */
function* filesUnder(dir: string, skip: (p: string) => boolean = () => false): Generator<[string, Buffer]> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (skip(p)) continue;
    if (e.isDirectory()) yield* filesUnder(p, skip);
    else if (e.isFile()) {
      try {
        yield [p, fs.readFileSync(p)];
      } catch {
        // Gone meanwhile (a log rotated, a lock released).
      }
    }
  }
}

/** The files under `dir` that hold any of `texts` (as UTF-8 or UTF-16, as databases may store it). */
function holding(dir: string, texts: string[], skip?: (p: string) => boolean): { files: number; hits: string[] } {
  let files = 0;
  const hits: string[] = [];
  const needles = texts.flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
  for (const [file, bytes] of filesUnder(dir, skip)) {
    files++;
    if (needles.some((n) => bytes.includes(n))) hits.push(file);
  }
  return { files, hits };
}

describe('Private notes', function () {
  this.timeout(180000);
  before(async () => {
    originalText();
    await api();
  });
  afterEach(async () => {
    await vscode.window.tabGroups.close(reviewTabs());
    await vscode.commands.executeCommand('notifications.clearAll');
    await restore();
  });
  after(async () => {
    // The notes go with the tests, so that the next test files see a machine without any.
    for (const name of fs.readdirSync(notesDir())) fs.rmSync(path.join(notesDir(), name), { force: true, recursive: true });
    const { privateNotes } = await api();
    await waitFor('the tree without private notes', async () => (privateNotes.get(folder())?.data?.notes.length ?? 0) === 0 && !(await children()).some((r) => r.kind === 'private'));
  });

  /** Runs the palette flow for Ana and Chen's held session on `date` up to the private notes step. */
  async function toPrivateNotes(date: string, shared: string): Promise<void> {
    await openLogSession();
    await quickInput('1/8', 'Ana Lima and Chen Wei');
    await typeAndEnter('Chen Wei');
    await quickInput('2/8', 'When did it take place?');
    await typeAndEnter(date, true);
    await quickInput('3/8', 'Held');
    await typeAndEnter('');
    await quickInput('4/8', 'How many minutes');
    await typeAndEnter('40', true);
    await quickInput('5/8', 'Cover the docs build with tests');
    await typeAndEnter('');
    await quickInput('6/8', 'Shared notes (in the file)');
    await typeAndEnter(shared);
    await quickInput('7/8', 'Private notes (this machine only)');
  }

  /** Runs the flow for Ana and Chen's session on `date` on to a private notes editor of its own, and returns that editor. */
  async function toPrivateEditor(date: string): Promise<vscode.TextEditor> {
    await toPrivateNotes(date, '');
    // "Open a private notes editor…" is the second item.
    await host.press('ArrowDown');
    await host.press('Enter');
    await quickInput('8/8', 'No action items');
    await typeAndEnter('');
    return waitFor('the private notes editor', () => vscode.window.activeTextEditor?.document.isUntitled && vscode.window.activeTextEditor);
  }

  it('logs a session with shared and private notes typed in the palette: the shared ones in the file, the private ones on this machine', async function () {
    host.requireDriver(this);
    const text = secret('PALETTE');
    await toPrivateNotes('2024-03-04', 'Talked about the docs build');
    await typeAndEnter(text);
    await quickInput('8/8', 'No action items');
    await typeAndEnter('');
    // Whole: a save through an open editor rewrites the file in place, so a read can meet it empty for a moment.
    await waitFor('the session in the file', () => fs.readFileSync(fileUri().fsPath, 'utf8').endsWith('    notes: Talked about the docs build\n'), 10000);
    const file = fs.readFileSync(fileUri().fsPath, 'utf8');
    assert.strictEqual(file, `${originalText()}  - date: 2024-03-04\n    partnership: ana-chen\n    status: held\n    minutes: 40\n    notes: Talked about the docs build\n`);
    const { privateNotes } = await api();
    const note = await waitFor('the private note in the store', () => privateNotes.get(folder())?.data?.notes.find((n) => n.text === text));
    assert.deepStrictEqual([note.session?.partnership, note.session?.date], ['ana-chen', '2024-03-04']);
  });

  it('keeps private notes written in their own editor, which says where they go, with Ctrl+Enter', async function () {
    host.requireDriver(this);
    const text = secret('EDITOR');
    const editor = await toPrivateEditor('2024-03-06');
    assert.match(fs.readFileSync(fileUri().fsPath, 'utf8'), /- date: 2024-03-06\n {4}partnership: ana-chen\n {4}status: held\n {4}minutes: 40\n$/, 'the session is logged, without notes');
    const lenses = await waitFor('the lenses at the top', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found?.length && found;
    });
    assert.ok(lenses.some((l) => l.command?.title.includes('only on this machine, never in the file')), lenses.map((l) => l.command?.title).join(' | '));
    await host.type(`${text}\nsecond line`);
    await waitFor('the text in the editor', () => editor.document.getText().includes('second line'));
    await host.press('Control+Enter');
    const { privateNotes } = await api();
    const note = await waitFor('the note kept', () => privateNotes.get(folder())?.data?.notes.find((n) => n.text.startsWith(text)));
    assert.strictEqual(note.text, `${text}\nsecond line`);
    await waitFor('the editor to close without asking', () => !vscode.workspace.textDocuments.some((d) => d === editor.document && !d.isClosed) || !vscode.window.visibleTextEditors.some((e) => e.document === editor.document));
  });

  it('keeps private notes with Ctrl+S too: saving never offers a file in the workspace', async function () {
    host.requireDriver(this);
    const text = secret('SAVE');
    const editor = await toPrivateEditor('2024-03-07');
    await host.type(text);
    await waitFor('the text in the editor', () => editor.document.getText().includes(text));
    await host.press('Control+s');
    const { privateNotes } = await api();
    const note = await waitFor('the note kept', () => privateNotes.get(folder())?.data?.notes.find((n) => n.text === text));
    assert.deepStrictEqual([note.session?.partnership, note.session?.date], ['ana-chen', '2024-03-07']);
    await waitFor('the editor to close', () => !vscode.window.visibleTextEditors.some((e) => e.document === editor.document));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(holding(folder().uri.fsPath, [text], (p) => path.basename(p) === '.git').hits, [], 'nothing saved in the workspace');
  });

  it('keeps private notes typed before a notes editor out of the draft (workspace state): they wait in the notes file and go on the session once it is logged', async function () {
    host.requireDriver(this);
    const { logSession, privateNotes } = await api();
    const text = secret('DRAFT');
    const run = vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', { partnership: 'ana-ben', date: '2024-03-02' });
    for (const step of [2, 3, 4, 5]) {
      await question('Log mentoring session', step);
      await accept();
    }
    await question('Log mentoring session', 6);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await accept(); // the shared notes in an editor
    await quickInput('7/8', 'No private notes');
    await typeAndEnter(text);
    await question('Log mentoring session', 8);
    await accept();
    assert.strictEqual(await run, undefined, 'not logged before its notes are written');
    const editor = await waitFor('the notes editor', () => vscode.window.activeTextEditor?.document.isUntitled && vscode.window.activeTextEditor);
    const [draft] = await waitFor('the draft', () => logSession.drafts().length === 1 && logSession.drafts());
    assert.ok(!JSON.stringify(logSession.drafts()).includes(text), 'the draft in the workspace state holds no private text');
    const waiting = await waitFor('the private notes waiting in the notes file', () => privateNotes.get(folder())?.data?.notes.find((n) => n.text === text));
    assert.strictEqual(waiting.draft, draft.id);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Shared: the router.'));
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSessionNotes');
    assert.ok(logged);
    const note = await waitFor('the note on the logged session', () => privateNotes.get(folder())?.data?.notes.find((n) => n.text === text && n.session));
    assert.deepStrictEqual([note.draft, note.session?.partnership, note.session?.date], [undefined, 'ana-ben', '2024-03-02']);
    assert.ok(!fs.readFileSync(fileUri().fsPath, 'utf8').includes(text));
    assert.deepStrictEqual(logSession.drafts(), []);
    // The editor's typing schedules a draft save half a second later: it must not bring the logged session back.
    await new Promise((r) => setTimeout(r, 800));
    assert.deepStrictEqual(logSession.drafts(), [], 'a logged session stays logged, not a draft again');
  });

  it('adds a private note to a session from the tree: a lock row, only on this machine, nothing in the file', async () => {
    const { privateNotes } = await api();
    const session = (await children(await anaBen())).find((r) => r.kind === 'session');
    assert.ok(session, 'a session row');
    const text = secret('TREE');
    const kept = await vscode.commands.executeCommand<string | undefined>('mentoring.addPrivateNote', { folder: session.folder, session: session.ref?.section === 'sessions' ? session.ref.index : -1, text });
    assert.ok(kept?.startsWith(notesDir()), `kept in the run's notes folder: ${kept}`);
    assert.strictEqual(fs.readFileSync(fileUri().fsPath, 'utf8'), originalText(), 'the mentoring file is untouched');
    const lock = await waitFor('the lock row under the session', async () => {
      const row = (await children(await anaBen())).find((r) => r.id === session.id);
      return row?.children.find((c) => c.kind === 'private');
    });
    assert.deepStrictEqual([lock.label, lock.description, lock.icon?.id], ['Private note', undefined, 'lock']);
    assert.ok(lock.tooltip?.startsWith(PRIVATE_TOOLTIP));
    assert.ok(privateNotes.get(folder())?.data?.notes.some((n) => n.text === text));
  });

  it('takes a private note added from the tree back with Remove on its confirmation', async function () {
    host.requireDriver(this);
    const { privateNotes } = await api();
    const session = (await children(await anaBen())).find((r) => r.kind === 'session');
    assert.ok(session, 'a session row');
    const text = secret('REMOVED');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand<string | undefined>('mentoring.addPrivateNote', { folder: session.folder, session: session.ref?.section === 'sessions' ? session.ref.index : -1, text });
    assert.ok(privateNotes.get(folder())?.data?.notes.some((n) => n.text === text), 'kept');
    await vscode.commands.executeCommand('notifications.showList');
    const item = '.notifications-center .notification-list-item:has-text("kept on this machine only")';
    await waitFor('the confirmation', async () => (await host.domText(item)).some((t) => t.includes('Remove')));
    await host.click(`${item} .notification-list-item-buttons-container .monaco-button:has-text("Remove")`);
    await waitFor('the note removed', () => !privateNotes.get(folder())?.data?.notes.some((n) => n.text === text));
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('keeps a private reflection typed beside a review, and shows it in the panel’s private block', async function () {
    host.requireDriver(this);
    await vscode.commands.executeCommand('mentoring.reviewGoals', { partnership: 'ana-ben' });
    await frameText('#g0 .review-form', 'Private reflection — only on this machine');
    await frameText('section.private h2', 'Private notes — only on this machine');
    const text = secret('REFLECTION');
    await host.click('#g0-note textarea', FRAME);
    await host.type('Shared review note.');
    await host.click('#g0-reflection textarea', FRAME);
    await host.type(text);
    await host.click('#g0-save', FRAME);
    await frameText('#g0-save-status', 'Review saved.');
    await frameText('#g0 .private-reflections .note', text);
    const file = fs.readFileSync(fileUri().fsPath, 'utf8');
    assert.ok(file.includes('note: Shared review note.'), 'the review is in the file');
    assert.ok(!file.includes(text), 'the reflection is not');
    const goal = await waitFor('the goal’s lock row', async () => (await children(await anaBen())).find((r) => r.kind === 'goal' && r.children.some((c) => c.kind === 'private')));
    assert.strictEqual(goal.children[0].label, 'Private reflection');
  });

  it('never puts private text into the workspace folder, git, or the window’s settings, logs and state', async () => {
    const { reviews } = await api();
    // Notes through every path that needs no UI driver too: a session logged with both kinds of
    // notes, a review with a reflection, a note added to a goal.
    const sessionText = secret('SESSION');
    const logged = await vscode.commands.executeCommand<Logged | undefined>('mentoring.logSession', {
      partnership: 'ana-ben',
      date: '2024-03-01',
      status: 'held',
      minutes: 30,
      notes: 'Shared notes: paired on the handlers.',
      privateNotes: sessionText,
    });
    assert.ok(logged, 'the session was logged');
    const panel = await reviews.open({ partnership: 'ana-ben' });
    assert.ok(panel);
    const reflection = secret('SAVED-REVIEW');
    await panel.handle({ type: 'reflectionDraft', goalId: 'ben-ts', text: reflection });
    await panel.handle({ type: 'saveReview', requestId: 'r1', goalId: 'ben-ts', review: { progress: 45, status: 'active', by: 'ana', note: 'Shared review.' }, reflection });
    const goalText = secret('GOAL');
    await vscode.commands.executeCommand('mentoring.addPrivateNote', { goal: 'ben-ts', text: goalText });

    // The notes file has these (and those of the tests before), owner-only: the search below finds what is there.
    const store = holding(notesDir(), [sessionText, reflection, goalText]);
    assert.strictEqual(store.hits.length, 1, `one notes file holds them: ${store.hits.join(', ')}`);
    const notesFile = store.hits[0];
    for (const t of [sessionText, reflection, goalText]) assert.ok(fs.readFileSync(notesFile, 'utf8').includes(t), `the notes file holds ${t}`);
    if (process.platform !== 'win32') {
      assert.strictEqual(fs.statSync(notesFile).mode & 0o777, 0o600);
      assert.strictEqual(fs.statSync(path.dirname(notesFile)).mode & 0o777, 0o700);
    }

    // The workspace folder (the mentoring file with the shared notes and review in it).
    const text = fs.readFileSync(fileUri().fsPath, 'utf8');
    assert.ok(text.includes('Shared notes: paired on the handlers.') && text.includes('Shared review.'));
    const ws = holding(folder().uri.fsPath, written, (p) => path.basename(p) === '.git');
    assert.ok(ws.files >= 4, `${ws.files} files read in the workspace`);
    assert.deepStrictEqual(ws.hits, [], 'no workspace file holds private text');

    // Git: everything in the working tree committed to a ref of its own, then every object, every
    // ref's tree and every commit searched; the shared notes are found, the private ones are not.
    const env = { GIT_AUTHOR_NAME: 'Ana Lima', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_COMMITTER_NAME: 'Ana Lima', GIT_COMMITTER_EMAIL: 'ana@example.com' };
    const index = path.join(notesDir(), '..', 'itest-index');
    git(['add', '-A'], { GIT_INDEX_FILE: index });
    const tree = git(['write-tree'], { GIT_INDEX_FILE: index }).trim();
    const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'Log a session and a review\n\nMentoring-Goal: ben-ts'], env).trim();
    git(['update-ref', 'refs/pm-itest/private-notes', commit]);
    try {
      const revs = git(['rev-list', '--all']).trim().split('\n');
      assert.ok(revs.includes(commit));
      const grep = (needle: string): string => {
        try {
          return execFileSync('git', ['grep', '-F', '-e', needle, ...revs], { cwd: folder().uri.fsPath, encoding: 'utf8' });
        } catch (e) {
          if ((e as { status?: number }).status === 1) return ''; // no match
          throw e;
        }
      };
      assert.match(grep('Shared notes: paired on the handlers.'), /\.mentoring\.yml/, 'git grep finds the shared notes');
      for (const t of written) assert.strictEqual(grep(t), '', 'git grep over all refs finds no private text');
      const log = git(['log', '-p', '--all', '--format=%H%n%B']);
      assert.ok(log.includes('Shared review.'));
      const objects = git(['cat-file', '--batch-all-objects', '--batch']);
      assert.ok(objects.includes('Shared notes: paired on the handlers.'));
      for (const t of written) {
        assert.ok(!log.includes(t), 'git log -p --all holds no private text');
        assert.ok(!objects.includes(t), 'no git object holds private text');
      }
    } finally {
      git(['update-ref', '-d', 'refs/pm-itest/private-notes']);
      fs.rmSync(index, { force: true });
    }

    // The test window's own data: settings, logs, workspace and global state.
    const userData = process.env.PM_USER_DATA_DIR;
    assert.ok(userData && fs.existsSync(path.join(userData, 'User', 'settings.json')), `the window's user data folder: ${userData}`);
    const mine = holding(userData, written);
    assert.ok(mine.files >= 2, `${mine.files} files read in ${userData}`);
    assert.deepStrictEqual(mine.hits, [], 'no settings, log or state file holds private text');
  });
});
