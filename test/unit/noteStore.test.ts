import * as assert from 'assert/strict';
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { privateNotesDir, userDataHome } from '../../src/core/notes/dataDir';
import { LockTimeout, takeOver, withLock } from '../../src/core/disk/fileLock';
import { MentoringFile } from '../../src/core/file/model';
import { addNote, attachDraftNote, checkStore, draftNote, findStore, NotesStoreError, setDraftNote, storeFileName, writeExport } from '../../src/core/notes/noteStore';
import { parseMentoring } from '../../src/core/file/parse';
import { parseNotes, RepoIdentity, resolveNotes, sessionRef } from '../../src/core/notes/privateNotes';
import { fileInRepository, normalizeRemote, repositoryOf } from '../../src/git/repoIdentity';
import { buildRepo, cloneRepo, git, RepoStep, tempDir } from './helpers/gitRepo';

// The module object itself (not an import's read-only view of it), to make one call fail.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs: { renameSync: typeof fs.renameSync } = require('fs');

const posix = process.platform !== 'win32';
const mode = (p: string): number => fs.statSync(p).mode & 0o777;

const MODEL = parseMentoring(`version: 1
partners: [{ id: alice, name: Alice }, { id: bob, name: Bob }]
partnerships: [{ id: alice-bob, members: [alice, bob], kind: mutual }]
sessions:
  - { date: 2026-01-10, partnership: alice-bob, status: held, minutes: 45 }
`).model as MentoringFile;

const repo = (over: Partial<RepoIdentity> = {}): RepoIdentity => ({ key: 'git:r1', roots: ['r1'], remotes: [], path: '/work/shop', ...over });
const note = (text: string) => ({ session: sessionRef(MODEL.sessions[0]), text });

describe('private notes: where they live', () => {
  it('follows each platform’s convention for per-user data', () => {
    assert.equal(userDataHome({ HOME: '/home/u' }, 'linux'), '/home/u/.local/share');
    assert.equal(userDataHome({ HOME: '/home/u', XDG_DATA_HOME: '/data' }, 'linux'), '/data');
    assert.equal(userDataHome({ HOME: '/home/u', XDG_DATA_HOME: 'relative' }, 'linux'), '/home/u/.local/share', 'a relative XDG_DATA_HOME is ignored, as the specification says');
    assert.equal(userDataHome({ HOME: '/Users/u' }, 'darwin'), '/Users/u/Library/Application Support');
    assert.equal(userDataHome({ USERPROFILE: 'C:\\Users\\u', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32'), 'C:\\Users\\u\\AppData\\Roaming');
    assert.equal(userDataHome({ USERPROFILE: 'C:\\Users\\u' }, 'win32'), 'C:\\Users\\u\\AppData\\Roaming');
    assert.equal(privateNotesDir({ HOME: '/home/u' }, 'linux'), '/home/u/.local/share/peer-mentoring/notes');
    assert.equal(privateNotesDir({ HOME: '/home/u', PEER_MENTORING_NOTES_DIR: '/tmp/notes' }, 'linux'), '/tmp/notes');
    assert.equal(privateNotesDir({ APPDATA: 'C:\\R' }, 'win32'), 'C:\\R\\peer-mentoring\\notes');
  });

  it('names a repository by its remote however it is reached, without credentials', () => {
    for (const url of ['git@github.com:Acme/shop.git', 'https://github.com/Acme/shop', 'https://user:token@GitHub.com/Acme/shop.git/', 'ssh://git@github.com:22/Acme/shop.git', 'git+ssh://git@github.com/Acme/shop']) {
      assert.equal(normalizeRemote(url), 'github.com/Acme/shop', url);
    }
    assert.equal(normalizeRemote('/srv/git/shop.git'), '/srv/git/shop');
    assert.equal(normalizeRemote('file:///srv/git/shop.git'), '/srv/git/shop');
    assert.equal(normalizeRemote('C:\\repos\\shop'), 'C:/repos/shop');
    assert.equal(normalizeRemote(''), undefined);
  });
});

describe('private notes: repositories', () => {
  const history: RepoStep[] = [
    { author: 'Alice <alice@example.com>', date: '2026-01-05', files: { '.mentoring.yml': 'version: 1\n', 'team/.mentoring.yml': 'version: 1\n' } },
    { author: 'Bob <bob@example.com>', date: '2026-01-06', files: { 'src/a.ts': 'a' } },
  ];

  it('finds the same notes from two clones, a shallow clone and Restricted Mode, and one file per repository', async () => {
    const origin = buildRepo(history);
    git(origin, ['remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    const dir = tempDir();
    const first = await repositoryOf(origin, { git: true });
    assert.match(first.key, /^git:[0-9a-f]{40}$/);
    assert.deepEqual(first.remotes, ['github.com/acme/shop']);
    const written = await addNote(dir, first, '.mentoring.yml', MODEL, note('from the first clone'));

    const clone = cloneRepo(origin);
    git(clone, ['commit', '-q', '--allow-empty', '-m', 'more'], { GIT_AUTHOR_NAME: 'C', GIT_AUTHOR_EMAIL: 'c@example.com' });
    const second = await repositoryOf(path.join(clone, 'src'), { git: true });
    assert.equal(second.key, first.key, 'the same root commit');
    assert.equal(findStore(dir, second).file, written.file);

    const shallow = cloneRepo(origin, { depth: 1 });
    git(shallow, ['remote', 'set-url', 'origin', 'https://github.com/acme/shop.git']);
    const cut = await repositoryOf(shallow, { git: true });
    assert.deepEqual(cut.roots, [], 'a shallow clone has no root commit of its own');
    assert.equal(findStore(dir, cut).data.notes[0].text, 'from the first clone', 'found by its remote');

    // Restricted Mode: git is not run, the remote is read from the config file as text.
    const restricted = await repositoryOf(clone, { git: false });
    assert.deepEqual([restricted.roots, restricted.path], [[], fs.realpathSync(clone)]);
    assert.deepEqual(restricted.remotes, [fs.realpathSync(origin)]);
    const viaRemoteOfClone = findStore(dir, restricted);
    assert.equal(viaRemoteOfClone.exists, false, 'the clone’s remote is the origin folder, not yet known to the store');
    const originRestricted = await repositoryOf(origin, { git: false });
    assert.equal(findStore(dir, originRestricted).file, written.file, 'by remote (github.com/acme/shop)');

    // Writing from the clone records its folder, so Restricted Mode finds it next time.
    await addNote(dir, second, '.mentoring.yml', MODEL, note('from the second clone'));
    assert.equal(findStore(dir, restricted).data.notes.length, 2);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.yml')), [storeFileName(first)]);

    // Another repository gets a file of its own.
    const other = await repositoryOf(buildRepo([{ author: 'X <x@example.com>', date: '2026-02-01', files: { a: 'b' } }]), { git: true });
    assert.equal(findStore(dir, other).exists, false);
  });

  it('names the mentoring file relative to the repository, so several files in one repository keep their notes apart', async () => {
    const origin = buildRepo(history);
    const r = await repositoryOf(path.join(origin, 'team'), { git: true });
    assert.equal(fileInRepository(r, path.join(origin, 'team', '.mentoring.yml')), 'team/.mentoring.yml');
    assert.equal(fileInRepository(r, path.join(origin, '.mentoring.yml')), '.mentoring.yml');
  });

  it('reads a linked worktree’s remotes from its repository’s config without git', async () => {
    const origin = buildRepo(history);
    git(origin, ['remote', 'add', 'origin', 'https://github.com/acme/shop.git']);
    const tree = path.join(tempDir(), 'wt');
    git(origin, ['worktree', 'add', '-q', '-b', 'side', tree]);
    const r = await repositoryOf(path.join(tree, 'src'), { git: false });
    assert.deepEqual([r.path, r.remotes, r.roots], [fs.realpathSync(tree), ['github.com/acme/shop'], []]);
    assert.equal((await repositoryOf(tree, { git: true })).key, (await repositoryOf(origin, { git: true })).key);
  });

  it('without git, names the folder itself', async () => {
    const plain = tempDir();
    const r = await repositoryOf(plain, { git: true });
    assert.deepEqual([r.key, r.roots, r.remotes], [`path:${fs.realpathSync(plain)}`, [], []]);
  });
});

describe('private notes: the store on disk', () => {
  it('creates an owner-only folder and owner-only files, and narrows a folder that was open', async function () {
    if (!posix) this.skip();
    const dir = path.join(tempDir(), 'data', 'peer-mentoring', 'notes');
    const store = await addNote(dir, repo(), '.mentoring.yml', MODEL, note('secret'));
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(path.dirname(dir)), 0o700);
    assert.equal(mode(store.file), 0o600);
    assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(store.file)], 'no temporary or lock file left behind');
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(store.file, 0o644);
    await addNote(dir, repo(), '.mentoring.yml', MODEL, note('more'));
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(store.file), 0o600);
  });

  it('writes atomically: a failed write leaves the old file whole and no temporary file', async () => {
    const dir = tempDir();
    const store = await addNote(dir, repo(), '.mentoring.yml', MODEL, note('first'));
    const before = fs.readFileSync(store.file, 'utf8');
    const rename = realFs.renameSync;
    realFs.renameSync = () => {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    };
    try {
      await assert.rejects(addNote(dir, repo(), '.mentoring.yml', MODEL, note('second')), /disk full/);
    } finally {
      realFs.renameSync = rename;
    }
    assert.equal(fs.readFileSync(store.file, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(dir), [path.basename(store.file)]);
  });

  it('reports a corrupt store with its path and line, and never writes over it', async () => {
    const dir = tempDir();
    const store = await addNote(dir, repo(), '.mentoring.yml', MODEL, note('kept safe'));
    const broken = fs.readFileSync(store.file, 'utf8').replace('    text: kept safe', '    text: kept safe\n    text: twice');
    fs.writeFileSync(store.file, broken);
    const line = broken.split('\n').indexOf('    text: twice') + 1;
    const isCorrupt = (e: unknown) => e instanceof NotesStoreError && e.file === store.file && e.line === line && e.message.startsWith(`${store.file}:${line}:`);
    await assert.rejects(addNote(dir, repo(), '.mentoring.yml', MODEL, note('new')), isCorrupt);
    assert.throws(() => checkStore(dir, repo()), isCorrupt);
    assert.equal(fs.readFileSync(store.file, 'utf8'), broken);
    // Another repository's store is not held up by it.
    const other = await addNote(dir, repo({ key: 'git:r2', roots: ['r2'] }), '.mentoring.yml', MODEL, note('elsewhere'));
    assert.notEqual(other.file, store.file);
    assert.equal(findStore(dir, repo({ key: 'git:r2', roots: ['r2'] })).unreadable.length, 1);
  });

  it('keeps the private notes of a session not logged yet under its draft, and attaches them when it is logged', async () => {
    const dir = tempDir();
    await setDraftNote(dir, repo(), '.mentoring.yml', 'd1', 'first words');
    await setDraftNote(dir, repo(), '.mentoring.yml', 'd1', 'first words, more');
    await setDraftNote(dir, repo(), '.mentoring.yml', 'd2', 'another draft');
    let data = findStore(dir, repo()).data;
    assert.deepEqual(data.notes.map((n) => [n.draft, n.text]), [['d1', 'first words, more'], ['d2', 'another draft']]);
    assert.equal(draftNote(dir, repo(), 'd1'), 'first words, more');
    const res = resolveNotes(data.notes, MODEL, '.mentoring.yml');
    assert.deepEqual([res.sessions.size, res.detached.length], [0, 0], 'neither attached nor detached while not logged');
    const id = await attachDraftNote(dir, repo(), '.mentoring.yml', MODEL, 'd1', sessionRef(MODEL.sessions[0]));
    data = findStore(dir, repo()).data;
    const note = data.notes.find((n) => n.id === id);
    assert.deepEqual([note?.draft, note?.session, note?.text], [undefined, sessionRef(MODEL.sessions[0]), 'first words, more']);
    assert.equal(resolveNotes(data.notes, MODEL, '.mentoring.yml').sessions.get(0)?.[0].text, 'first words, more');
    await setDraftNote(dir, repo(), '.mentoring.yml', 'd2', '');
    assert.deepEqual(findStore(dir, repo()).data.notes.map((n) => n.text), ['first words, more'], 'an emptied draft note goes');
    assert.equal(await attachDraftNote(dir, repo(), '.mentoring.yml', MODEL, 'd2', sessionRef(MODEL.sessions[0])), undefined);
    assert.throws(() => parseNotes('version: 1\nnotes:\n  - id: x\n    file: a\n    draft: d\n    goal: { id: g, partnership: p, title: t }\n    written: 2026-01-01T00:00:00Z\n    text: hi\n'), /exactly one of session, goal and draft/);
  });

  it('refuses a notes folder inside the repository', async () => {
    const r = repo({ path: tempDir() });
    await assert.rejects(addNote(path.join(r.path, '.notes'), r, '.mentoring.yml', MODEL, note('x')), /inside the repository/);
    assert.equal(fs.existsSync(path.join(r.path, '.notes')), false);
    await assert.rejects(addNote(path.join(r.path, '..notes'), r, '.mentoring.yml', MODEL, note('x')), /inside the repository/);
    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(r.path, link);
    await assert.rejects(addNote(path.join(link, 'notes'), r, '.mentoring.yml', MODEL, note('x')), /inside the repository/);
    assert.deepEqual(fs.readdirSync(r.path), []);
  });

  it('refuses to export over an existing file unless forced, and exports owner-only without this machine’s folders', async () => {
    const dir = tempDir();
    const store = await addNote(dir, repo(), '.mentoring.yml', MODEL, note('moving'));
    const out = path.join(tempDir(), 'notes.yml');
    fs.writeFileSync(out, 'precious');
    assert.throws(() => writeExport(out, store.data, false), /already exists; use --force/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'precious');
    writeExport(out, store.data, true);
    if (posix) assert.equal(mode(out), 0o600);
    assert.doesNotMatch(fs.readFileSync(out, 'utf8'), /\/work\/shop/);
  });

  it('serialises writers: concurrent processes all keep their notes', async function () {
    this.timeout(60000);
    const dir = tempDir();
    const script = path.join(tempDir(), 'writer.js');
    const store = require.resolve('../../src/core/notes/noteStore');
    fs.writeFileSync(
      script,
      `const { addNote } = require(${JSON.stringify(store)});
const model = ${JSON.stringify(MODEL)};
const [dir, who] = process.argv.slice(2);
(async () => {
  for (let i = 0; i < 5; i++) await addNote(dir, { key: 'git:r1', roots: ['r1'], remotes: [], path: '/work/shop' }, '.mentoring.yml', model, { session: ${JSON.stringify(sessionRef(MODEL.sessions[0]))}, text: who + '-' + i });
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    const writers = Array.from({ length: 6 }, (_, w) => new Promise<number>((resolve) => fork(script, [dir, `w${w}`]).on('exit', (code) => resolve(code ?? 1))));
    assert.deepEqual(await Promise.all(writers), [0, 0, 0, 0, 0, 0]);
    const texts = findStore(dir, repo()).data.notes.map((n) => n.text).sort();
    assert.equal(texts.length, 30);
    assert.deepEqual(texts, Array.from({ length: 6 }, (_, w) => Array.from({ length: 5 }, (_, i) => `w${w}-${i}`)).flat().sort());
  });
});

describe('file lock', () => {
  it('takes over a lock whose holder has died, and waits for a live one', async () => {
    const dir = tempDir();
    const lock = path.join(dir, '.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), token: 'dead' }));
    assert.equal(await withLock(lock, () => 'ran'), 'ran');
    assert.equal(fs.existsSync(lock), false);

    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'alive' }));
    await assert.rejects(withLock(lock, () => 'ran', { timeoutMs: 200 }), LockTimeout);
    assert.equal(JSON.parse(fs.readFileSync(lock, 'utf8')).token, 'alive', 'a live holder keeps its lock');
    const old = (Date.now() - 120_000) / 1000;
    fs.utimesSync(lock, old, old);
    assert.equal(await withLock(lock, () => 'ran', { timeoutMs: 200 }), 'ran', 'unless it is older than any write takes');
  });

  it('takes over only the lock it judged stale: a fresh lock that took the name meanwhile stays, also after an unreadable one', () => {
    const lock = path.join(tempDir(), '.lock');
    fs.writeFileSync(lock, 'half-written');
    const { mtimeMs, ino, dev } = fs.statSync(lock);
    // Another process took that stale lock over and holds a fresh one now (a new file by that name).
    const fresh = JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'fresh' });
    fs.writeFileSync(`${lock}.new`, fresh);
    fs.renameSync(`${lock}.new`, lock);
    takeOver(lock, { mtimeMs, ino, dev });
    assert.equal(fs.readFileSync(lock, 'utf8'), fresh, 'the fresh lock is put back');
    assert.deepEqual(fs.readdirSync(path.dirname(lock)), ['.lock'], 'nothing left aside');
    const now = fs.statSync(lock);
    takeOver(lock, { mtimeMs: now.mtimeMs, ino: now.ino, dev: now.dev });
    assert.equal(fs.existsSync(lock), false, 'the lock judged stale is removed');
  });

  it('runs holders one after another', async () => {
    const lock = path.join(tempDir(), '.lock');
    const order: string[] = [];
    const hold = (name: string) =>
      withLock(lock, async () => {
        order.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${name}-`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    for (let i = 0; i < order.length; i += 2) assert.equal(order[i].slice(0, -1), order[i + 1].slice(0, -1), order.join(' '));
  });
});
