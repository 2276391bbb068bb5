import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { buildRepo } from './helpers/gitRepo';
import { fakeIO } from './helpers/cliIO';

/** Erin alone changes scripts/data/; the others share src/; Dev's goal covers scripts/data/. */
function repo(): string {
  const steps = [];
  for (let i = 0; i < 12; i++) {
    const day = `2025-0${1 + Math.floor(i / 4)}-${String(10 + (i % 4) * 4).padStart(2, '0')}`;
    steps.push({ author: 'Erin Walsh <erin@example.com>', date: day, files: { 'scripts/data/export.py': `x = ${i}\n` } });
    steps.push({ author: ['Alice Chen <alice@example.com>', 'Bob Okafor <bob@example.com>', 'Dev Patel <dev@example.com>'][i % 3], date: day, files: { 'src/app.ts': `// ${i}\n` }, message: i % 2 ? 'Work\n\nReviewed-by: Alice Chen <alice@example.com>' : 'Work' });
  }
  const dir = buildRepo(steps);
  fs.writeFileSync(
    path.join(dir, '.mentoring.yml'),
    [
      'version: 1',
      'partners:',
      '  - { id: dev, name: Dev Patel, emails: [dev@example.com] }',
      '  - { id: erin, name: Erin Walsh, emails: [erin@example.com] }',
      'partnerships:',
      '  - { id: p, members: [dev, erin], kind: mutual, status: active }',
      'goals:',
      '  - { id: dev-data, partnership: p, owner: dev, title: Learn the data scripts, paths: ["scripts/data/**"], status: active }',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('peer-mentoring reviewers and replay', () => {
  let dir: string;
  before(() => {
    dir = repo();
  });

  it('reviewers --json: the goal owner as learner for a change to the island, never the author', async () => {
    fs.appendFileSync(path.join(dir, 'scripts/data/export.py'), 'y = 1\n');
    try {
      const io = fakeIO(dir);
      io.env = { GIT_AUTHOR_NAME: 'x' };
      const code = await runCli(['reviewers', '--json'], io);
      assert.strictEqual(code, 0, io.stderr);
      const out = JSON.parse(io.stdout) as { person: string; role: string; reason: string; goal?: string }[];
      assert.deepStrictEqual(out.map((s) => [s.person, s.role, s.goal]), [
        ['dev', 'learner', 'dev-data'],
        ['erin', 'expert', undefined],
      ]);
      assert.match(out[0].reason, /^only Erin Walsh has changed or reviewed scripts\/data\/export\.py in the last year; Dev Patel's goal “Learn the data scripts” covers it$/);
    } finally {
      fs.writeFileSync(path.join(dir, 'scripts/data/export.py'), 'x = 11\n');
    }
  });

  it('replay --json: the issue’s shape, the same twice with one seed', async () => {
    const run = async (): Promise<string> => {
      const io = fakeIO(dir);
      assert.strictEqual(await runCli(['replay', '--repo', dir, '--months', '3', '--seed', '4', '--json'], io), 0, io.stderr);
      return io.stdout;
    };
    const first = await run();
    assert.strictEqual(first, await run());
    const r = JSON.parse(first) as { changes: number; strategies: { name: string; filesAtRisk: number; filesAtRiskChange: number; extraReviewShare: number; expertise: number }[] };
    assert.ok(r.changes > 0);
    assert.deepStrictEqual(r.strategies.map((s) => s.name), ['status-quo', 'expert', 'random', 'ours']);
    for (const s of r.strategies) for (const k of ['filesAtRisk', 'filesAtRiskChange', 'extraReviewShare', 'expertise'] as const) assert.strictEqual(typeof s[k], 'number');
  });

  it('says what is wrong with bad options, in one line', async () => {
    for (const [args, message] of [
      [['replay', '--months', 'x'], /--months: "x" is not a whole number from 1 to 120/],
      [['reviewers', '--head', 'main'], /--head needs --base/],
      [['replay', '--repo', '/nonexistent/dir'], /is not a git repository/],
    ] as const) {
      const io = fakeIO(dir);
      assert.strictEqual(await runCli([...args], io), 2);
      assert.match(io.stderr, message);
      assert.strictEqual(io.stderr.trim().split('\n').length, 1, io.stderr);
    }
  });
});
