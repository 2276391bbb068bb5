import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIO } from './helpers/cliIO';
import { tempDir } from './helpers/gitRepo';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What stays the same from one day's demo to the next: dates and commit ids become placeholders. */
function normalise(markdown: string): string {
  return markdown.replace(/(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g, 'YYYY-MM-DD').replace(/(?<= · )[0-9a-f]{7}(?= · )/g, '<commit>');
}

describe('docs/vscode.md: Preparing a session', () => {
  it('shows the agenda the demo workspace makes, dates and commit ids aside', async function () {
    this.timeout(60000);
    const workspace = path.join(tempDir(), 'workspace');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const demo = require(path.join(ROOT, 'scripts', 'demo-workspace.js')) as { makeDemoWorkspace(dir: string): number };
    demo.makeDemoWorkspace(workspace);
    const io = fakeIO(workspace);
    assert.equal(await runCli(['agenda', '--partnership', 'alice-bob'], io), 0, io.stderr);

    const readme = fs.readFileSync(path.join(ROOT, 'docs', 'vscode.md'), 'utf8');
    const shown = /```markdown\n(# Session agenda: Alice Chen and Bob Okafor\n[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(shown, 'docs/vscode.md has the example agenda in a ```markdown block');
    assert.equal(
      normalise(shown),
      normalise(io.stdout),
      'the example in docs/vscode.md is not what the demo makes now: run `npm run demo -- --no-open` and ' +
        '`npx peer-mentoring agenda .cache/demo/workspace/.mentoring.yml --partnership alice-bob`, and put its output in docs/vscode.md',
    );
  });
});
