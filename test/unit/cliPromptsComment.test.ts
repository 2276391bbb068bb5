/**
 * `peer-mentoring prompts --format github|gitlab`: a pull request comment that starts with the
 * marker, renders as plain text whatever the goal titles, names, questions, file names and commit
 * subjects hold, is empty (exit 0) when no goal is touched, and one line with exit 2 for bad refs.
 */
import * as assert from 'assert/strict';
import { runCli } from '../../src/cli/main';
import { COMMENT_MARKER } from '../../src/core/review/prComment';
import { fakeIO } from './helpers/cliIO';
import { cliRepo } from './helpers/cliRepo';
import type { CliRepo } from './helpers/cliRepo';
import { assertInert, HOSTILE, md } from './helpers/inertMarkdown';

function fileWith(title: string, name: string, question: string): string {
  const q = (s: string): string => JSON.stringify(s);
  return `version: 1
partners:
  - id: ann
    name: ${q(name)}
    emails: [ann@example.com]
  - id: bob
    name: Bob Stone
    emails: [bob@example.com]
partnerships:
  - id: ann-bob
    members: [ann, bob]
    kind: mutual
goals:
  - id: async-errors
    partnership: ann-bob
    owner: bob
    title: ${q(title)}
    paths: ["server/**"]
    prompts:
      - ${q(question)}
    status: active
    progress: 40
  - id: docs
    partnership: ann-bob
    owner: ann
    title: Write the guide
    paths: ["docs/**"]
    status: active
`;
}

describe('peer-mentoring prompts --format github', () => {
  let repo: CliRepo;
  const init = (file: string): void => {
    repo = cliRepo({ name: 'Bob Stone', email: 'bob@example.com' }, { '.mentoring.yml': file, 'server/handler.ts': 'export function handle() {}\n' });
  };

  const run = async (...args: string[]) => {
    const io = fakeIO(repo.dir);
    const code = await runCli(['prompts', ...args], io);
    return { code, out: io.stdout, err: io.stderr };
  };

  it('writes the marker, the goal with owner, mentor and progress, its questions and files, for a head that is not checked out', async () => {
    init(fileWith('Handle async errors', 'Ann Lee', 'Is every rejected promise handled?'));
    repo.git('checkout', '-qb', 'feature');
    repo.commit('Retry', { 'server/retry.ts': 'export function retry() {}\n' });
    repo.git('checkout', '-q', 'main');
    const { code, out, err } = await run('--base', 'main', '--head', 'feature', '--format', 'github');
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.equal(out.split('\n')[0], COMMENT_MARKER);
    const html = md.render(out);
    assert.match(html, /<h4>Handle async errors<\/h4>/);
    assert.match(html, /Bob Stone’s goal · mentored by Ann Lee · 40% done · <code>async-errors<\/code>/);
    assert.match(html, /<li>Is every rejected promise handled\?<\/li>/);
    assert.match(html, /<li><code>server\/retry\.ts<\/code><\/li>/);
    assert.match(html, /compared with <code>main\.\.\.feature<\/code>/);
    assert.ok(!html.includes('Write the guide'), 'only the goals the change touches');
    assertInert(out);
    assert.equal(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main', 'the head was never checked out');
  });

  it('prints the same inert body for --format gitlab', async () => {
    init(fileWith('Handle async errors', 'Ann Lee', 'Q?'));
    repo.commit('x', { 'server/x.ts': 'x\n' });
    const github = await run('--base', 'HEAD~1', '--format', 'github');
    const gitlab = await run('--base', 'HEAD~1', '--format', 'gitlab');
    assert.equal(gitlab.code, 0);
    assert.equal(gitlab.out, github.out);
  });

  for (const hostile of HOSTILE) {
    it(`renders ${JSON.stringify(hostile.slice(0, 30))} as plain text in titles, names, questions, file names and commit subjects`, async function () {
      init(fileWith(hostile, hostile, hostile));
      const name = hostile.replace(/[\0/\n\r]/g, '_').slice(0, 100);
      repo.commit(hostile, { [`server/${name}.ts`]: 'x\n' });
      const { code, out } = await run('--base', 'HEAD~1', '--format', 'github');
      assert.equal(code, 0);
      assert.equal(out.split('\n')[0], COMMENT_MARKER);
      assertInert(out);
    });
  }

  it('prints nothing and exits 0 when the change touches no goal', async () => {
    init(fileWith('Handle async errors', 'Ann Lee', 'Q?'));
    repo.commit('readme', { 'README.md': 'hello\n' });
    assert.deepEqual(await run('--base', 'HEAD~1', '--format', 'github'), { code: 0, out: '', err: '' });
    assert.deepEqual(await run('--base', 'HEAD', '--format', 'github'), { code: 0, out: '', err: '' }, 'no change at all');
  });

  it('says in one line that a ref names no commit, and exits 2', async () => {
    init(fileWith('Handle async errors', 'Ann Lee', 'Q?'));
    for (const args of [
      ['--base', 'no-such-branch'],
      ['--base', 'main', '--head', 'no-such-head'],
      ['--base', '--output=/tmp/x'],
    ]) {
      const { code, out, err } = await run(...args, '--format', 'github');
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '');
      assert.equal(err.split('\n').filter(Boolean).length, 1, err);
      assert.match(err, /^peer-mentoring prompts: /);
    }
    const { code, err } = await run('--format', 'html');
    assert.equal(code, 2);
    assert.match(err, /--format: "html" is not one of text, json, github, gitlab/);
  });
});
