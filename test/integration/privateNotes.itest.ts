/**
 * Private notes in the real workbench: a session logged with shared and private notes, a private
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
import { PRIVATE_TOOLTIP } from '../../src/core/tree-model';
import type { Logged } from '../../src/vscode/logSession';
import { host, waitFor } from './host';
import { anaBen, api, children, fileUri, folder, originalText, restore } from './mentoring';
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
    assert.deepStrictEqual([lock.label, lock.description, lock.icon?.id], ['Private note', 'only on this machine', 'lock']);
    assert.ok(lock.tooltip?.startsWith(PRIVATE_TOOLTIP));
    assert.ok(privateNotes.get(folder())?.data?.notes.some((n) => n.text === text));
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
    await vscode.commands.executeCommand('mentoring.addPrivateNote', { goal: 'ben-ts', text: secret('GOAL') });

    // The notes file has every one of them, owner-only: the search below finds what is there.
    const store = holding(notesDir(), written);
    assert.strictEqual(store.hits.length, 1, `one notes file holds them: ${store.hits.join(', ')}`);
    const notesFile = store.hits[0];
    for (const t of written) assert.ok(fs.readFileSync(notesFile, 'utf8').includes(t), `the notes file holds ${t}`);
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
