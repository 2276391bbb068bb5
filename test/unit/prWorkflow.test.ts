/**
 * The example pull request workflow (docs/examples/mentoring-prompts.yml) holds to what makes it
 * safe on pull requests from forks: valid YAML, triggered by pull_request_target only, the least
 * permissions, the base checked out with its whole history, the pull request's head fetched but
 * never checked out, no expression expanded inside a script, the tool pinned to this version, and
 * the comment marker the CLI writes.
 */
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../../src/core/review/prComment';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FILE = path.join(ROOT, 'docs', 'examples', 'mentoring-prompts.yml');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe('the example pull request workflow', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  const workflow = parse(text, { strict: true, uniqueKeys: true }) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[]; permissions?: unknown }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('runs on pull_request_target only, with contents: read and pull-requests: write and nothing else', () => {
    assert.deepEqual(Object.keys(workflow.on), ['pull_request_target']);
    assert.deepEqual(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
    for (const job of Object.values(workflow.jobs)) assert.equal(job.permissions, undefined, 'no job widens the permissions');
  });

  it('checks out the base with its whole history, and never the pull request’s head', () => {
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkouts.length, 1);
    assert.equal(checkouts[0].with?.ref, '${{ github.event.pull_request.base.sha }}');
    assert.equal(checkouts[0].with?.['fetch-depth'], 0);
    assert.equal(checkouts[0].with?.['persist-credentials'], false);
    for (const s of steps) {
      const script = s.run ?? '';
      assert.doesNotMatch(script, /git\s+(?:-c\s+\S+\s+)*(checkout|switch|worktree|reset|merge|rebase|pull|cherry-pick)\b/, `${s.name}: no step puts the head in the working tree`);
      assert.doesNotMatch(JSON.stringify(s), /pull_request\.head\.(ref|sha)|github\.head_ref/, `${s.name}: the head is named only as a fetched ref`);
    }
    assert.ok(steps.some((s) => /git\b.*\bfetch\b/s.test(s.run ?? '') && (s.run ?? '').includes('refs/pull/')), 'the head is fetched');
  });

  it('pins every action to a commit and the tool to this version, and expands no expression inside a script', () => {
    for (const s of steps.filter((s) => s.uses)) assert.match(s.uses ?? '', /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${s.uses} is pinned to a full commit`);
    for (const s of steps) assert.doesNotMatch(s.run ?? '', /\$\{\{/, `${s.name}: values reach the script through env`);
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const calls = steps.map((s) => (s.run ?? '').replace(/\\\n\s*/g, ' ')).join('\n').match(/npx [^\n]*?peer-mentoring@\S+[^\n]*/g) ?? [];
    assert.equal(calls.length, 1);
    assert.equal(/peer-mentoring@(\S+)/.exec(calls[0])?.[1], version, calls[0]);
    assert.ok(steps.some((s) => s.env?.npm_config_ignore_scripts === 'true' && s.run?.includes('npx')), 'installed without install scripts');
    assert.match(calls[0], /--format github/);
  });

  it('finds its comment by the marker the CLI writes, and creates, updates or deletes it', () => {
    const markers = text.match(/<!--[^\n]*?-->/g) ?? [];
    assert.ok(markers.length > 0);
    for (const m of markers) assert.equal(m, COMMENT_MARKER);
    const script = steps.map((s) => s.run ?? '').join('\n');
    for (const method of ['POST', 'PATCH', 'DELETE']) assert.match(script, new RegExp(`--method ${method}\\b`));
    assert.match(script, /startswith\(\$ENV\.MARKER\)/);
    assert.ok(steps.some((s) => s.env?.MARKER === COMMENT_MARKER));
  });
});
