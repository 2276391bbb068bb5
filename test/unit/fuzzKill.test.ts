/**
 * `log` killed at random moments (SIGKILL, seeded so a failure can be replayed): between its
 * temporary file and the rename, holding a lock, mid-way through moving a stale lock aside. After
 * the loop and one more ordinary run:
 *
 * - no session that a run acknowledged ("Logged …" printed) is lost, and none is there twice;
 * - the file is valid;
 * - no temporary, lock or moved-aside file is left in the work tree, and none ever showed in
 *   `git status` (their names are in the repository's info/exclude);
 * - no temporary file is left in the private notes folder.
 *
 *   PM_FUZZ_KILLS=200 PM_FUZZ_SEED=7 npx mocha out/test/unit/fuzzKill.test.js
 */
import * as assert from 'assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseMentoring } from '../../src/core/file';
import { ALICE_AND_BOB, mentoringRepo } from './helpers/cliRepo';
import { git, tempDir } from './helpers/gitRepo';
import { prng } from './helpers/prng';

const CLI = path.join(__dirname, '../../../dist/cli.js');
const KILLS = Number(process.env.PM_FUZZ_KILLS ?? 40);
const SEED = Number(process.env.PM_FUZZ_SEED ?? 2026);

const FILE = `${ALICE_AND_BOB}sessions:
  - date: 2026-01-10
    partnership: alice-bob
    status: held
    minutes: 50
`;

describe('log killed at random moments (seeded)', function () {
  this.timeout(600_000);

  it(`loses no acknowledged session and leaves nothing behind in the work tree or the notes folder (${KILLS} kills, seed ${SEED})`, async () => {
    assert.ok(fs.existsSync(CLI), 'build the CLI first (node esbuild.js)');
    const repo = mentoringRepo(FILE);
    const notesDir = path.join(tempDir(), 'notes');
    const rand = prng(SEED);
    const run = (i: number, killAfterMs: number | undefined): Promise<{ out: string; code: number | null }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, 'log', '--partnership', 'alice-bob', '--date', '2026-01-20', '--notes', `run ${i}`, '--private-notes', `secret ${i}`], {
          cwd: repo,
          env: { PATH: process.env.PATH, HOME: tempDir(), PEER_MENTORING_NOTES_DIR: notesDir },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.resume();
        const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ out, code });
        });
      });

    // Runs whole now and then, to know how long a run takes on this machine as its load changes:
    // kills fall anywhere within the longest so far, and a little after it.
    let span = 0;
    const whole = async (i: number): Promise<void> => {
      const started = Date.now();
      const r = await run(i, undefined);
      assert.equal(r.code, 0, r.out);
      span = Math.max(span, Date.now() - started);
    };
    await whole(-1);
    const acknowledged: number[] = [-1];
    const seenInStatus = new Set<string>();
    let killedLogged = 0;
    for (let i = 0; i < KILLS; i++) {
      if (i > 0 && i % 10 === 0) {
        await whole(KILLS + 1 + i);
        acknowledged.push(KILLS + 1 + i);
      }
      const r = await run(i, Math.floor(rand() * span * 1.3));
      if (/^Logged held session/m.test(r.out)) {
        acknowledged.push(i);
        killedLogged++;
      }
      for (const line of git(repo, ['status', '--porcelain', '--untracked-files=all']).split('\n').filter(Boolean)) seenInStatus.add(line);
    }
    const last = await run(KILLS, undefined);
    assert.equal(last.code, 0, last.out);
    acknowledged.push(KILLS);

    const text = fs.readFileSync(path.join(repo, '.mentoring.yml'), 'utf8');
    const parsed = parseMentoring(text);
    assert.deepEqual(parsed.problems, []);
    const notes = (parsed.model?.sessions ?? []).map((s) => s.notes).filter((n): n is string => n !== undefined);
    assert.equal(new Set(notes).size, notes.length, 'no session twice');
    for (const i of acknowledged) assert.ok(notes.includes(`run ${i}`), `acknowledged run ${i} is in the file`);

    assert.deepEqual([...seenInStatus].filter((l) => l !== ' M .mentoring.yml'), [], 'git status never showed a lock or temporary file');
    assert.ok(killedLogged > 0 && killedLogged < KILLS, `some runs were killed before and some after writing (${killedLogged} of ${KILLS} logged)`);
    assert.deepEqual(fs.readdirSync(repo).sort(), ['.git', '.mentoring.yml']);
    assert.deepEqual(fs.readdirSync(notesDir).filter((n) => !n.endsWith('.yml') || n.startsWith('.')), []);
  });
});
