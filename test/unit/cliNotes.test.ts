import * as assert from 'assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import type { ListedNote } from '../../src/cli/notes';
import { privatePlaceProblem } from '../../src/git/notesPlace';
import { fakeIO } from './helpers/cliIO';
import { ALICE_AND_BOB, mentoringRepo } from './helpers/cliRepo';
import { buildRepo, cloneRepo, git, tempDir } from './helpers/gitRepo';

const FILE = `${ALICE_AND_BOB}  - id: bob-carol
    members: [bob, alice]
    kind: one-way
    mentor: bob
goals:
  - id: parser
    partnership: alice-bob
    owner: alice
    title: Learn the parser
    status: active
sessions:
  - date: 2026-01-10
    partnership: alice-bob
    status: held
    minutes: 50
`;

const SECRET = 'I froze in that design review';

describe('peer-mentoring notes and log --private-notes', () => {
  let repo: string;
  let notesDir: string;
  const mentoring = (): string => path.join(repo, '.mentoring.yml');

  const run = async (args: string[], options: { cwd?: string; dir?: string } = {}) => {
    const io = fakeIO(options.cwd ?? repo);
    io.env = { PEER_MENTORING_NOTES_DIR: options.dir ?? notesDir };
    const code = await runCli(args, io);
    return { code, out: io.stdout, err: io.stderr };
  };
  const listed = async (dir?: string): Promise<ListedNote[]> => {
    const r = await run(['notes', '--json'], { dir });
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { notes: ListedNote[] }).notes;
  };

  beforeEach(() => {
    repo = mentoringRepo(FILE);
    git(repo, ['remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    notesDir = path.join(tempDir(), 'notes');
  });

  it('logs the session in the file and keeps the private notes on this machine only', async () => {
    const r = await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-24', '--minutes', '30', '--notes', 'Walked through errors', '--private-notes', `${SECRET}.\nAnd said nothing.`]);
    assert.equal(r.code, 0, r.err);
    const store = fs.readdirSync(notesDir).map((n) => path.join(notesDir, n));
    assert.equal(store.length, 1);
    assert.match(r.out, /^Logged held session of alice-bob on 2026-01-24 \(30 min\) in \.mentoring\.yml\n/);
    assert.ok(r.out.includes(`Private notes kept on this machine only, in ${store[0]}\n`), r.out);
    assert.ok(!r.out.includes(SECRET), 'the output does not repeat them');

    const text = fs.readFileSync(mentoring(), 'utf8');
    assert.ok(text.includes('notes: Walked through errors'));
    assert.ok(!text.includes(SECRET));
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'Log a session'], { GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com' });
    assert.equal(git(repo, ['log', '-p', '--all']).includes(SECRET), false);
    if (process.platform !== 'win32') assert.equal(fs.statSync(store[0]).mode & 0o777, 0o600);

    assert.deepEqual(await listed(), [
      { id: (await listed())[0].id, partnership: 'alice-bob', on: 'session', date: '2026-01-24', status: 'held', attached: true, session: 1, written: (await listed())[0].written, text: `${SECRET}.\nAnd said nothing.` },
    ]);
    const shown = await run(['notes']);
    assert.equal(shown.code, 0);
    assert.deepEqual(shown.out.split('\n').slice(1, 5), ['', 'alice-bob', `  session 2026-01-24 (held), written ${(await listed())[0].written.slice(0, 16).replace('T', ' ')}`, `    ${SECRET}.`]);
  });

  it('refuses the whole session when the store cannot take the private notes', async () => {
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--private-notes', 'first'])).code, 0);
    const [name] = fs.readdirSync(notesDir);
    const store = path.join(notesDir, name);
    const broken = fs.readFileSync(store, 'utf8').replace('version: 1', 'version: 1\nversion: 2');
    fs.writeFileSync(store, broken);
    const before = fs.readFileSync(mentoring(), 'utf8');
    const r = await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--private-notes', 'second']);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`^${store.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:1: .*; nothing was written\\n$`));
    assert.equal(fs.readFileSync(mentoring(), 'utf8'), before);
    assert.equal(fs.readFileSync(store, 'utf8'), broken);
    const listing = await run(['notes']);
    assert.equal(listing.code, 2);
    assert.match(listing.err, /:4:1: /);

    // A store that could be read but not replaced, or a notes folder that cannot be made: refused before the file is written.
    fs.writeFileSync(store, broken.replace('version: 1\nversion: 2', 'version: 1'));
    fs.chmodSync(store, 0o400);
    const readOnly = await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--private-notes', 'second']);
    assert.equal(readOnly.code, 1, readOnly.out);
    assert.match(readOnly.err, /read-only.*; nothing was written\n$/);
    assert.equal(fs.readFileSync(mentoring(), 'utf8'), before);
    const dangling = path.join(tempDir(), 'notes');
    fs.symlinkSync(path.join(tempDir(), 'gone', 'notes'), dangling);
    const noFolder = await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--private-notes', 'second'], { dir: dangling });
    assert.equal(noFolder.code, 1, noFolder.out);
    assert.match(noFolder.err, /cannot be created.*; nothing was written\n$/);
    assert.equal(fs.readFileSync(mentoring(), 'utf8'), before);
  });

  it('never writes the session and then exits 1: a notes store held by a live process refuses the whole session', async function () {
    this.timeout(40_000);
    fs.mkdirSync(notesDir, { recursive: true });
    const lock = path.join(notesDir, '.lock');
    // This process holds it: alive, on this machine, so it is waited for and never taken over.
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'held-by-the-test' }));
    const before = fs.readFileSync(mentoring(), 'utf8');
    const refused = await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--private-notes', 'second']);
    assert.equal(refused.code, 1, refused.out);
    assert.equal(refused.out, '');
    assert.match(refused.err, /^the private notes cannot be kept now \(.*\.lock is held by another process; try again in a moment\); nothing was written\n$/);
    assert.equal(fs.readFileSync(mentoring(), 'utf8'), before);

    // Released while the log waits: the session and its note are written once each, exit 0.
    const waiting = run(['log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--private-notes', 'second']);
    setTimeout(() => fs.rmSync(lock), 300);
    const r = await waiting;
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.equal(fs.readFileSync(mentoring(), 'utf8').split('date: 2026-01-20').length, 2);
    assert.deepEqual((await listed()).map((n) => n.text), ['second']);
  });

  it('exits 0 quietly when its reader goes away after the session was written (log … | head -1)', async function () {
    this.timeout(60_000);
    const cli = path.join(__dirname, '../../../dist/cli.js');
    assert.ok(fs.existsSync(cli), 'build the CLI first (node esbuild.js)');
    for (let i = 0; i < 5; i++) {
      const child = spawn(process.execPath, [cli, 'log', '--partnership', 'alice-bob', '--date', `2026-01-2${i}`, '--private-notes', `run ${i}`], {
        cwd: repo,
        env: { ...process.env, PEER_MENTORING_NOTES_DIR: notesDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // The reader closes its end at once: every line the command writes meets a closed pipe (EPIPE).
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(err, '', `run ${i}`);
      assert.equal(code, 0, `run ${i}`);
    }
    const text = fs.readFileSync(mentoring(), 'utf8');
    for (let i = 0; i < 5; i++) assert.equal(text.split(`date: 2026-01-2${i}`).length, 2, `session ${i} logged once`);
    assert.deepEqual((await listed()).map((n) => n.text).sort(), ['run 0', 'run 1', 'run 2', 'run 3', 'run 4']);
  });

  it('removes the temporary files a killed writer left in the notes folder, private text and all', async () => {
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--private-notes', 'first'])).code, 0);
    const [name] = fs.readdirSync(notesDir).filter((n) => n.endsWith('.yml'));
    // What a writer killed between writing and renaming leaves: its process is gone (pid beyond any real one).
    const left = path.join(notesDir, `.${name}.4194303.0123456789ab.tmp`);
    fs.writeFileSync(left, `notes:\n  - text: ${SECRET}\n`);
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--private-notes', 'second'])).code, 0);
    assert.deepEqual(fs.readdirSync(notesDir), [name]);
  });

  it('refuses private notes and exports inside any worktree of the repository, from a linked one too', async () => {
    const linked = path.join(tempDir(), 'linked');
    git(repo, ['worktree', 'add', '-q', linked]);
    const before = fs.readFileSync(path.join(linked, '.mentoring.yml'), 'utf8');
    // From the linked worktree, a notes folder in the main one (XDG_DATA_HOME pointing there, say).
    const inMain = path.join(repo, 'data', 'peer-mentoring', 'notes');
    const r = await run(['log', '--partnership', 'alice-bob', '--private-notes', SECRET], { cwd: linked, dir: inMain });
    assert.equal(r.code, 1, r.out);
    assert.equal(r.err, `the private notes folder ${inMain} is inside ${fs.realpathSync(repo)}, a worktree of this repository; private notes must live outside it; nothing was written\n`);
    assert.equal(fs.readFileSync(path.join(linked, '.mentoring.yml'), 'utf8'), before);
    assert.equal(fs.existsSync(path.join(repo, 'data')), false);
    // And the other way round: the linked worktree from the main one; an export into either.
    const inLinked = path.join(linked, 'notes');
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--private-notes', SECRET], { dir: inLinked })).code, 1);
    for (const [cwd, out] of [[linked, path.join(repo, 'x.yml')], [repo, path.join(linked, 'sub', 'x.yml')]]) {
      const e = await run(['notes', 'export', '--out', out], { cwd });
      assert.equal(e.code, 1, e.out);
      assert.match(e.err, /, a worktree of this repository; export private notes to a place outside it \(your home folder, a USB stick\); nothing was written\n$/);
      assert.equal(fs.existsSync(out), false);
    }
    const imported = await run(['notes', 'import', path.join(tempDir(), 'x.yml')], { cwd: linked, dir: inMain });
    assert.equal(imported.code, 1);
    assert.match(imported.err, /a worktree of this repository; private notes must live outside it; nothing was imported\n$/);
  });

  it('refuses a notes folder inside an enclosing repository that does not ignore it, naming it and the line to add', async () => {
    // The repository sits inside another one's work tree (a superproject, a dotfiles repository at home).
    const outer = buildRepo([{ author: 'Ann <ann@example.com>', date: '2026-01-01', files: { 'README.md': 'home' } }]);
    const inner = path.join(outer, 'work', 'shop');
    fs.mkdirSync(path.dirname(inner), { recursive: true });
    git(outer, ['clone', '-q', repo, inner]);
    const notes = path.join(outer, '.local', 'share', 'peer-mentoring', 'notes');
    const before = fs.readFileSync(path.join(inner, '.mentoring.yml'), 'utf8');
    const r = await run(['log', '--partnership', 'alice-bob', '--private-notes', SECRET], { cwd: inner, dir: notes });
    assert.equal(r.code, 1, r.out);
    const top = fs.realpathSync(outer);
    assert.equal(
      r.err,
      `the private notes folder ${notes} is inside the repository ${top}, which does not ignore it: add the line /.local/share/peer-mentoring/notes/ to ${path.join(top, '.gitignore')}, or private notes must live outside it; nothing was written\n`,
    );
    assert.equal(fs.readFileSync(path.join(inner, '.mentoring.yml'), 'utf8'), before);
    // With the line (or a broader one) in its ignore file, the notes may stay there.
    fs.writeFileSync(path.join(outer, '.gitignore'), '/.local/\n');
    const ok = await run(['log', '--partnership', 'alice-bob', '--private-notes', SECRET], { cwd: inner, dir: notes });
    assert.equal(ok.code, 0, ok.err);
    assert.equal(git(outer, ['status', '--porcelain', '--untracked-files=all']).includes('notes'), false);
  });

  it('refuses a notes folder inside a workspace folder', async () => {
    const folder = tempDir();
    const problem = await privatePlaceProblem(path.join(folder, 'notes'), 'folder', { repo: { path: repo }, workspaceFolders: [folder] });
    assert.equal(problem, `the private notes folder ${path.join(folder, 'notes')} is inside the workspace folder ${folder}; private notes must live outside it`);
    assert.equal(await privatePlaceProblem(path.join(tempDir(), 'notes'), 'folder', { repo: { path: repo }, workspaceFolders: [folder] }), undefined);
  });

  it('keeps notes on their sessions while others edit the file, and lists removed ones as detached', async () => {
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-24', '--private-notes', 'on the 24th'])).code, 0);
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--status', 'cancelled', '--reason', 'ill', '--date', '2026-02-07', '--private-notes', 'why we cancelled'])).code, 0);
    // Someone else adds a session at the top and removes the cancelled one.
    const text = fs.readFileSync(mentoring(), 'utf8');
    const edited = text
      .replace('sessions:\n', 'sessions:\n  - date: 2026-01-03\n    partnership: bob-carol\n    status: held\n')
      .replace(/ {2}- date: 2026-02-07\n(?: {4}.*\n)+/, '');
    assert.notEqual(edited, text);
    fs.writeFileSync(mentoring(), edited);
    const notes = await listed();
    assert.deepEqual(
      notes.map((n) => [n.text, n.attached, n.session]),
      [
        ['on the 24th', true, 2],
        ['why we cancelled', false, undefined],
      ],
    );
    const r = await run(['notes']);
    assert.match(r.out, /\n {2}DETACHED session 2026-02-07 \(cancelled\), written .*\n {4}why we cancelled\n/);
    assert.match(r.out, /DETACHED: its session or goal is no longer in the file; the note is kept\.\n$/);
    assert.deepEqual((await run(['notes', '--partnership', 'bob-carol'])).out, `No private notes of partnership "bob-carol" for .mentoring.yml on this machine (they would be kept in ${path.join(notesDir, fs.readdirSync(notesDir)[0])}).\n`);
  });

  it('escapes control characters in what it prints: one line of output per line of the note', async () => {
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--private-notes', 'a\u001b[31mred\u202e\r\n::error::forged'])).code, 0);
    const r = await run(['notes']);
    assert.ok(r.out.includes('    a\\x1b[31mred\\u202e\n    ::error::forged\n'), r.out);
    for (const c of ['\u001b', '\u202e', '\r']) assert.ok(!r.out.includes(c), JSON.stringify(c));
  });

  it('moves the notes to another machine: export, import into a clone there, once', async () => {
    assert.equal((await run(['log', '--partnership', 'alice-bob', '--date', '2026-01-24', '--private-notes', 'travels'])).code, 0);
    const out = path.join(tempDir(), 'notes-export.yml');
    const exported = await run(['notes', 'export', '--out', out]);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.out, /^Exported 1 private note to .*notes-export\.yml \(readable by you only\)/);
    if (process.platform !== 'win32') assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    assert.equal((await run(['notes', 'export', '--out', out])).code, 1, 'an existing file is not replaced');
    assert.match((await run(['notes', 'export', '--out', out])).err, /already exists; use --force to replace it; nothing was written/);
    assert.equal((await run(['notes', 'export', '--out', out, '--force'])).code, 0);
    const inside = await run(['notes', 'export', '--out', 'notes.yml']);
    assert.equal(inside.code, 1);
    assert.match(inside.err, /notes\.yml is inside .*, a worktree of this repository; export private notes to a place outside it/);
    assert.equal(fs.existsSync(path.join(repo, 'notes.yml')), false);
    // A name that starts with two dots is still inside, and so is the repository reached through a symbolic link.
    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(repo, link);
    for (const name of ['..notes.yml', path.join(link, 'notes.yml')]) {
      const r = await run(['notes', 'export', '--out', name]);
      assert.equal(r.code, 1, `${name}: ${r.out}`);
      assert.match(r.err, /, a worktree of this repository; export private notes/);
    }
    assert.deepEqual(fs.readdirSync(repo).filter((n) => n.includes('notes')), []);

    // The other machine: a clone of the repository (with the session) and an empty notes folder.
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'session'], { GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com' });
    const clone = cloneRepo(repo);
    const there = path.join(tempDir(), 'notes');
    const imported = await run(['notes', 'import', out], { cwd: clone, dir: there });
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /^Imported 1 private note into /);
    const r = await run(['notes', '--json'], { cwd: clone, dir: there });
    assert.deepEqual((JSON.parse(r.out) as { notes: ListedNote[] }).notes.map((n) => [n.text, n.attached]), [['travels', true]]);
    assert.match((await run(['notes', 'import', out], { cwd: clone, dir: there })).out, /^Imported 0 private notes \(1 already here\)/);

    // The same note changed on this machine: importing the old one again is refused, unless forced.
    const [name] = fs.readdirSync(there).filter((n) => n.endsWith('.yml'));
    const store = path.join(there, name);
    fs.writeFileSync(store, fs.readFileSync(store, 'utf8').replace('text: travels', 'text: changed here'));
    const refused = await run(['notes', 'import', out], { cwd: clone, dir: there });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /differs from the one on this machine\n1 note would replace different text; use --force to replace it; nothing was written\n$/);
    assert.ok(fs.readFileSync(store, 'utf8').includes('changed here'));
    assert.match((await run(['notes', 'import', out, '--force'], { cwd: clone, dir: there })).out, /^Imported 0 private notes, replaced 1 into /);

    // Another repository altogether.
    const other = buildRepo([{ author: 'X <x@example.com>', date: '2026-02-01', files: { '.mentoring.yml': FILE } }]);
    const elsewhere = await run(['notes', 'import', out], { cwd: other, dir: there });
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.err, /was exported from another repository \(github\.com\/acme\/shop\); use --force/);
  });

  it('reports a file that is not an export at its line', async () => {
    const bad = path.join(tempDir(), 'bad.yml');
    fs.writeFileSync(bad, 'version: 1\nnotes:\n  - id: x\n    text: [\n');
    const r = await run(['notes', 'import', bad]);
    assert.equal(r.code, 2);
    assert.ok(r.err.startsWith(`${bad}:`), r.err);
    assert.match(r.err, /nothing was imported\n$/, 'said of the import, not of a store left alone');
    assert.equal((await run(['notes', 'import'])).code, 2);
    assert.equal((await run(['notes', 'export'])).code, 2);
  });

  it('never reads a device, a pipe or an oversized file as an export or a mentoring file: one line, exit 2', async () => {
    const big = path.join(tempDir(), 'big.yml');
    fs.writeFileSync(big, `version: 1\n# ${'x'.repeat(6 * 1024 * 1024)}\n`);
    for (const file of ['/dev/zero', big]) {
      const r = await run(['notes', 'import', file]);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
      assert.match(r.err, /not a regular file|larger than 5 MB/);
    }
    const listedFrom = await run(['notes', '/dev/zero']);
    assert.equal(listedFrom.code, 2);
    assert.match(listedFrom.err, /^\/dev\/zero: it is not a regular file/);
  });
});
