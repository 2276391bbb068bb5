import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { addSession, EditError } from '../../src/core/edit';
import { editFile, writeFileAtomic } from '../../src/core/safeWrite';
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
    }, /ENOENT/);
    assert.equal(fs.existsSync(gone), false);
  });

  it('leaves the original and no temporary file when the rename fails', () => {
    // Renaming a file over a non-empty folder fails after the temporary file was written.
    const target = path.join(dir, 'target');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'kept');
    assert.throws(() => writeFileAtomic(target, 'new\n'), /EISDIR|ENOTEMPTY|EEXIST|EPERM/);
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

  it('edits a file through an edit operation, and writes nothing when the edit is refused', () => {
    const file = path.join(dir, '.mentoring.yml');
    const text = fixture('basic.yml');
    fs.writeFileSync(file, text);
    const r = editFile(file, (t) => addSession(t, { date: '2024-03-01', partnership: 'ana-ben', status: 'held' }));
    assert.equal(fs.readFileSync(file, 'utf8'), r.text);
    assert.ok(r.text.length > text.length);
    assert.throws(() => editFile(file, (t) => addSession(t, { date: '2024-03-01', partnership: 'nope', status: 'held' })), EditError);
    assert.equal(fs.readFileSync(file, 'utf8'), r.text);
    assert.deepEqual(fs.readdirSync(dir), ['.mentoring.yml']);
  });
});
