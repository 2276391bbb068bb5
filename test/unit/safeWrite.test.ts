import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { addSession, EditError, EditResult } from '../../src/core/file';
import { parseMentoring } from '../../src/core/file/parse';
import { editFile, FileAccessError, readFileBytes, writeFileAtomic } from '../../src/core/disk/safeWrite';
import { fixture } from './editHelpers';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('safe writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-safewrite-'));
  });
  afterEach(() => {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the file, keeps its mode and leaves no temporary file', () => {
    const file = path.join(dir, '.mentoring.yml');
    fs.writeFileSync(file, 'old\n');
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, 'new\r\n\ufeff✓');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\r\n\ufeff✓');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
  });

  it('replaces the target of a symlink, keeping the link', () => {
    const real = path.join(dir, 'real.yml');
    const link = path.join(dir, '.mentoring.yml');
    fs.writeFileSync(real, 'old\n');
    fs.symlinkSync(real, link);
    writeFileAtomic(link, 'new\n');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(real, 'utf8'), 'new\n');
  });

  it('creates a file that does not exist yet', () => {
    const file = path.join(dir, 'new.yml');
    writeFileAtomic(file, 'version: 1\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'version: 1\n');
  });

  it('leaves the original untouched when the folder is gone', () => {
    const gone = path.join(dir, 'gone');
    fs.mkdirSync(gone);
    const file = path.join(gone, '.mentoring.yml');
    assert.throws(() => {
      fs.rmSync(gone, { recursive: true });
      writeFileAtomic(file, 'new\n');
    }, /no such file/);
    assert.equal(fs.existsSync(gone), false);
  });

  it('leaves a folder in the way alone, and no temporary file', () => {
    const target = path.join(dir, 'target');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'kept');
    assert.throws(() => writeFileAtomic(target, 'new\n'), /it is a folder/);
    assert.equal(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8'), 'kept');
    assert.deepEqual(fs.readdirSync(dir), ['target']);
  });

  it('leaves the original untouched in a read-only folder', function () {
    if (isRoot) this.skip(); // root may write into read-only folders
    const file = path.join(dir, '.mentoring.yml');
    fs.writeFileSync(file, 'old\n');
    fs.chmodSync(dir, 0o555);
    assert.throws(() => writeFileAtomic(file, 'new\n'), /EACCES|EPERM/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old\n');
    assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
  });

  it('edits a file through an edit operation, and writes nothing when the edit is refused', async () => {
    const file = path.join(dir, '.mentoring.yml');
    const text = fixture('basic.yml');
    fs.writeFileSync(file, text);
    const r = await editFile(file, (t) => addSession(t, { date: '2024-03-01', partnership: 'ana-ben', status: 'held' }));
    assert.equal(fs.readFileSync(file, 'utf8'), r.text);
    assert.ok(r.text.length > text.length);
    await assert.rejects(editFile(file, (t) => addSession(t, { date: '2024-03-01', partnership: 'nope', status: 'held' })), EditError);
    assert.equal(fs.readFileSync(file, 'utf8'), r.text);
    assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
  });

  describe('what is kept and what is refused', () => {
    const session = (t: string): EditResult => addSession(t, { date: '2024-03-01', partnership: 'ana-ben', status: 'held' });
    const write = (name = '.mentoring.yml', text = fixture('basic.yml')): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };

    it('refuses a read-only file, even for root, and leaves it as it was', async () => {
      const file = write();
      fs.chmodSync(file, 0o444);
      const before = fs.readFileSync(file);
      await assert.rejects(editFile(file, session), (e: unknown) => e instanceof FileAccessError && e.code === 'read-only' && /read-only/.test(e.message));
      assert.deepEqual(fs.readFileSync(file), before);
      assert.equal(fs.statSync(file).mode & 0o777, 0o444);
      assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
    });

    it("keeps the file's owner and group", async function () {
      if (!isRoot) this.skip(); // only root can hand a file to another user to set this up
      const file = write();
      fs.chownSync(file, 4321, 4322);
      fs.chmodSync(file, 0o664);
      await editFile(file, session);
      const st = fs.statSync(file);
      assert.deepEqual([st.uid, st.gid, st.mode & 0o777], [4321, 4322, 0o664]);
    });

    it('refuses a file with several hard links, which a rename would separate', async () => {
      const file = write();
      const other = path.join(dir, 'other-name.yml');
      fs.linkSync(file, other);
      await assert.rejects(editFile(file, session), (e: unknown) => e instanceof FileAccessError && e.code === 'hard-links' && /2 hard links/.test(e.message));
      assert.equal(fs.statSync(file).ino, fs.statSync(other).ino);
    });

    it('edits the target of a symlink, keeping the link, under the target\'s lock', async () => {
      const real = write('real.yml');
      const link = path.join(dir, '.mentoring.yml');
      fs.symlinkSync(real, link);
      const r = await editFile(link, (t) => {
        assert.ok(fs.existsSync(`${real}.lock`));
        return session(t);
      });
      assert.ok(fs.lstatSync(link).isSymbolicLink());
      assert.equal(fs.readFileSync(real, 'utf8'), r.text);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['.mentoring.yml', 'real.yml']);
    });

    it('never reads a device, a pipe or a folder', async () => {
      const zero = path.join(dir, 'zero.yml');
      fs.symlinkSync('/dev/zero', zero);
      await assert.rejects(readFileBytes(zero), (e: unknown) => e instanceof FileAccessError && e.code === 'not-a-file');
      await assert.rejects(editFile(zero, session), (e: unknown) => e instanceof FileAccessError && e.code === 'not-a-file');
      const fifo = path.join(dir, 'fifo.yml');
      if (spawnSync('mkfifo', [fifo]).status === 0) {
        await assert.rejects(readFileBytes(fifo), (e: unknown) => e instanceof FileAccessError && e.code === 'not-a-file');
        await assert.rejects(editFile(fifo, session), FileAccessError);
      }
      await assert.rejects(readFileBytes(dir), (e: unknown) => e instanceof FileAccessError && e.code === 'directory');
      await assert.rejects(editFile(dir, session), (e: unknown) => e instanceof FileAccessError && e.code === 'directory');
    });

    it('stops reading at the size limit', async () => {
      const file = path.join(dir, 'big.yml');
      const fd = fs.openSync(file, 'w');
      fs.ftruncateSync(fd, 64 * 1024 * 1024); // sparse: 64 MB of zeros
      fs.closeSync(fd);
      assert.equal(await readFileBytes(file), undefined);
      assert.equal((await readFileBytes(file, 64 * 1024 * 1024))?.length, 64 * 1024 * 1024);
      await assert.rejects(editFile(file, session), (e: unknown) => e instanceof EditError && e.problems[0]?.code === 'file-too-large');
    });

    it('refuses bytes that are not UTF-8, at their position, and keeps them', async () => {
      const text = fixture('basic.yml');
      const bytes = Buffer.concat([Buffer.from(`# caf`), Buffer.from([0xe9]), Buffer.from(` latin-1\n${text}`)]);
      const file = path.join(dir, '.mentoring.yml');
      fs.writeFileSync(file, bytes);
      await assert.rejects(editFile(file, session), (e: unknown) => {
        assert.ok(e instanceof EditError);
        assert.deepEqual([e.problems[0]?.code, e.problems[0]?.range.start], ['invalid-utf8', { line: 1, col: 6 }]);
        return true;
      });
      assert.deepEqual(fs.readFileSync(file), bytes);
    });
  });

  describe('taking turns with other writers', () => {
    const session = (date: string) => (t: string): EditResult => addSession(t, { date, partnership: 'ana-ben', status: 'held' });
    const sessions = (file: string): string[] => parseMentoring(fs.readFileSync(file, 'utf8')).model?.sessions.map((s) => s.date) ?? [];

    it('serialises edits made at the same time: every one that resolves is in the file', async () => {
      const file = path.join(dir, '.mentoring.yml');
      fs.writeFileSync(file, fixture('basic.yml'));
      const before = sessions(file).length;
      const dates = Array.from({ length: 12 }, (_, i) => `2024-04-${String(i + 1).padStart(2, '0')}`);
      await Promise.all(dates.map((d) => editFile(file, session(d))));
      assert.deepEqual(sessions(file).slice(before).sort(), dates);
      assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
    });

    it('waits for a live lock and takes over a stale one', async () => {
      const file = path.join(dir, '.mentoring.yml');
      fs.writeFileSync(file, fixture('basic.yml'));
      const lock = `${file}.lock`;
      fs.writeFileSync(lock, holder(process.pid, os.hostname()));
      const started = Date.now();
      setTimeout(() => fs.rmSync(lock), 300);
      await editFile(file, session('2024-05-01'));
      assert.ok(Date.now() - started >= 250, 'it waited for the lock');
      // a lock left by a process that is gone
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
      fs.writeFileSync(lock, holder(Number(dead), os.hostname()));
      await editFile(file, session('2024-05-02'));
      // a lock from another machine, an hour old
      fs.writeFileSync(lock, holder(1, 'elsewhere'));
      const hourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(lock, hourAgo, hourAgo);
      await editFile(file, session('2024-05-03'));
      assert.deepEqual(sessions(file).slice(-3), ['2024-05-01', '2024-05-02', '2024-05-03']);
      assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
    });

    it('gives up on a live lock after a while, with a clear message, and writes nothing', async () => {
      const file = path.join(dir, '.mentoring.yml');
      fs.writeFileSync(file, fixture('basic.yml'));
      fs.writeFileSync(`${file}.lock`, holder(process.pid, os.hostname()));
      await assert.rejects(editFile(file, session('2024-05-01'), { waitMs: 200 }), (e: unknown) => e instanceof FileAccessError && e.code === 'locked' && new RegExp(`process ${process.pid}`).test(e.message));
      assert.equal(fs.readFileSync(file, 'utf8'), fixture('basic.yml'));
    });

    it('refuses at once, with a clear message, when the lock file\'s name is taken by a folder or a symlink (a repository can hold either), and moves nothing', async () => {
      const file = path.join(dir, '.mentoring.yml');
      fs.writeFileSync(file, fixture('basic.yml'));
      const lock = `${file}.lock`;
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'kept.txt'), 'mine\n');
      const hourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(lock, hourAgo, hourAgo);
      await assert.rejects(editFile(file, session('2024-05-01')), (e: unknown) => e instanceof FileAccessError && e.code === 'locked' && /\.mentoring\.yml\.lock is a folder, not a lock file/.test(e.message));
      assert.equal(fs.readFileSync(path.join(lock, 'kept.txt'), 'utf8'), 'mine\n');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['.mentoring.yml', '.mentoring.yml.lock']);
      fs.rmSync(lock, { recursive: true });
      // a dangling symlink would otherwise hold the lock for ever (its target's age cannot be read)
      fs.symlinkSync(path.join(dir, 'nowhere'), lock);
      await assert.rejects(editFile(file, session('2024-05-01')), (e: unknown) => e instanceof FileAccessError && e.code === 'locked' && /is a symbolic link, not a lock file/.test(e.message));
      assert.ok(fs.lstatSync(lock).isSymbolicLink());
      assert.equal(fs.readFileSync(file, 'utf8'), fixture('basic.yml'));
    });

    it('edits again when a writer that takes no lock changed the file meanwhile', async () => {
      const file = path.join(dir, '.mentoring.yml');
      fs.writeFileSync(file, fixture('basic.yml'));
      let runs = 0;
      await editFile(file, (t) => {
        if (runs++ === 0) fs.writeFileSync(file, addSession(t, { date: '2024-06-01', partnership: 'ana-ben', status: 'held' }).text); // an editor saving
        return session('2024-06-02')(t);
      });
      assert.equal(runs, 2);
      assert.deepEqual(sessions(file).slice(-2), ['2024-06-01', '2024-06-02']);
    });
  });
});

/** A lock file's content as its holder writes it. */
function holder(pid: number, host: string): string {
  return JSON.stringify({ pid, host, token: `t${pid}` });
}
