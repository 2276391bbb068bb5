/**
 * The history analysis in a worker thread: its message protocol, the rows it sends back (the same
 * as building them on the host), scoring again without reading, cancel (the worker terminated and
 * nothing delivered), the time budget, and errors in the worker as clear messages.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { identityFor } from '../../src/core/expertise';
import { buildSuggestionRows } from '../../src/core/view';
import { AnalysisBudgetError, AnalysisError, AnalysisWorker } from '../../src/git/analysisHost';
import { analyzeRepository } from '../../src/git/analyze';
import { AnalysisRequest, isAnalysisHostMessage, isAnalysisWorkerMessage } from '../../src/protocol/analysis';
import { buildRepo, cloneRepo, tempDir } from './helpers/gitRepo';
import { TEAM_STEPS } from './helpers/scenario';

const request = (repoDir: string, more: Partial<AnalysisRequest> = {}): AnalysisRequest => ({
  read: { repoDir },
  fresh: true,
  view: { key: 'folder', name: 'team', hasErrors: false, activeMonths: 1200, options: { everyone: true } },
  ...more,
});

/** A worker script of our own, for what the real one must not do (hang, answer late, crash). */
function script(body: string): string {
  const file = path.join(tempDir(), 'worker.js');
  fs.writeFileSync(file, `const { parentPort } = require('worker_threads');\n${body}\n`);
  return file;
}

describe('analysis worker', () => {
  let base: string;
  before(() => {
    base = buildRepo(TEAM_STEPS);
  });

  describe('protocol', () => {
    it('accepts a well-formed run and refuses anything else', () => {
      assert.ok(isAnalysisHostMessage({ type: 'run', id: 1, request: request('/repo') }));
      assert.ok(!isAnalysisHostMessage({ type: 'run', id: 0, request: request('/repo') }));
      assert.ok(!isAnalysisHostMessage({ type: 'run', id: 1, request: { ...request('/repo'), fresh: 'yes' } }));
      assert.ok(!isAnalysisHostMessage({ type: 'run', id: 1, request: { ...request('/repo'), read: { repoDir: 7 } } }));
      assert.ok(!isAnalysisHostMessage({ type: 'run', id: 1, request: { ...request('/repo'), read: { repoDir: '/r', botPatterns: [1] } } }));
      assert.ok(!isAnalysisHostMessage({ type: 'stop', id: 1 }));
      assert.ok(!isAnalysisHostMessage(null));
    });

    it('checks what the worker sends', () => {
      assert.ok(isAnalysisWorkerMessage({ type: 'progress', id: 3, commitsRead: 10 }));
      assert.ok(isAnalysisWorkerMessage({ type: 'error', id: 3, kind: 'failed', message: 'x' }));
      assert.ok(isAnalysisWorkerMessage({ type: 'result', id: 3, result: { mode: 'full', commits: 1, commitsRead: 1, rows: [], matches: [], mailmap: [], readMs: 1, scoreMs: 1 } }));
      assert.ok(!isAnalysisWorkerMessage({ type: 'error', id: 3, kind: 'boom', message: 'x' }));
      assert.ok(!isAnalysisWorkerMessage({ type: 'result', id: 3, result: { mode: 'full', rows: 'all' } }));
      assert.ok(!isAnalysisWorkerMessage({ type: 'progress', id: -1, commitsRead: 1 }));
    });
  });

  describe('the real worker', () => {
    let worker: AnalysisWorker;
    beforeEach(() => {
      worker = new AnalysisWorker();
    });
    afterEach(() => worker.terminate());

    it('reads, scores and sends back the rows the host would have built, with progress', async () => {
      const repo = cloneRepo(base);
      const progress: number[] = [];
      const result = await worker.run(request(repo), { onProgress: (n) => progress.push(n) });
      assert.deepStrictEqual([result.mode, result.commits, result.commitsRead], ['full', 9, 9]);
      assert.ok(progress.length > 0 && progress.every((n) => n >= 1 && n <= 9), String(progress));

      const analysis = await analyzeRepository(repo);
      const expertise = analysis.state.compute({ identity: identityFor(undefined), activeMonths: 1200 });
      const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'folder', name: 'team', status: { state: 'done', expertise, notices: analysis.notices, mailmap: 0 }, hasErrors: false }], options: { everyone: true } });
      assert.deepStrictEqual(result.rows, rows);
      assert.ok(result.rows.some((r) => r.label === 'Who knows what'));
    });

    it('scores its analysis again without reading the history when only the view changed', async () => {
      const repo = cloneRepo(base);
      const first = await worker.run(request(repo));
      // Gone from disk: only what the worker holds can answer.
      fs.rmSync(repo, { recursive: true, force: true });
      const again = await worker.run({ ...request(repo), fresh: false, view: { ...request(repo).view, activeMonths: 1, hasErrors: true } });
      assert.strictEqual(again.head, first.head);
      assert.ok(again.rows.some((r) => r.contextValue === 'notice-errors'));
      assert.notDeepStrictEqual(again.rows, first.rows);
      worker.terminate();
      await assert.rejects(worker.run({ ...request(repo), fresh: false }), (e: unknown) => e instanceof AnalysisError && e.kind === 'not-a-repository');
    });

    it('fits the rows to the side bar width the view asks for', async () => {
      const repo = cloneRepo(base);
      const wide = await worker.run(request(repo));
      const narrow = await worker.run({ ...request(repo), fresh: false, view: { ...request(repo).view, width: 240 } });
      const analysis = await analyzeRepository(repo);
      const expertise = analysis.state.compute({ identity: identityFor(undefined), activeMonths: 1200 });
      const rows = buildSuggestionRows({ trusted: true, folders: [{ key: 'folder', name: 'team', status: { state: 'done', expertise, notices: analysis.notices, mailmap: 0 }, hasErrors: false }], options: { everyone: true }, width: 240 });
      assert.deepStrictEqual(narrow.rows, rows);
      assert.notDeepStrictEqual(narrow.rows, wide.rows, 'a narrower side bar cuts some label');
      assert.ok(!isAnalysisHostMessage({ type: 'run', id: 1, request: { ...request(repo), view: { ...request(repo).view, width: '300' } } }));
    });

    it('cancel terminates the worker and delivers nothing', async () => {
      const repo = cloneRepo(base);
      const controller = new AbortController();
      const run = worker.run(request(repo), { signal: controller.signal });
      assert.ok(worker.alive);
      controller.abort();
      await assert.rejects(run, (e: unknown) => e instanceof Error && e.name === 'AbortError');
      assert.ok(!worker.alive);
      // The next run starts a fresh worker.
      const result = await worker.run(request(repo));
      assert.strictEqual(result.commits, 9);
      assert.strictEqual(worker.started, 2);
    });

    it('an error in the analysis comes back as a clear message', async () => {
      await assert.rejects(worker.run(request(path.join(tempDir(), 'nothing-here'))), (e: unknown) => e instanceof AnalysisError && e.kind === 'not-a-repository' && /is not a git repository/.test(e.message));
      const repo = cloneRepo(base);
      await assert.rejects(worker.run({ ...request(repo), read: { repoDir: repo, botPatterns: ['(a'] } }), (e: unknown) => e instanceof AnalysisError && e.kind === 'failed' && e.message.startsWith('invalid bot pattern "(a"'));
      // The worker goes on serving.
      assert.strictEqual((await worker.run(request(repo))).commits, 9);
    });
  });

  it('a result that comes after cancel is not delivered', async () => {
    const worker = new AnalysisWorker({
      script: script(`parentPort.on('message', (m) => setTimeout(() => parentPort.postMessage({ type: 'result', id: m.id, result: { mode: 'full', commits: 1, commitsRead: 1, rows: [], matches: [], mailmap: [], readMs: 1, scoreMs: 1 } }), 300));`),
    });
    const controller = new AbortController();
    let delivered = false;
    const run = worker.run(request('/repo'), { signal: controller.signal }).then(() => (delivered = true));
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(run);
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(!delivered && !worker.alive);
  });

  it('stops a run that exceeds its time budget, saying so', async () => {
    const worker = new AnalysisWorker({ script: script(`parentPort.on('message', () => undefined);`), budgetMs: 150 });
    const started = Date.now();
    await assert.rejects(worker.run(request('/repo')), (e: unknown) => e instanceof AnalysisBudgetError && /took longer than 150 ms and was stopped/.test(e.message));
    assert.ok(Date.now() - started < 5000);
    assert.ok(!worker.alive);
  });

  it('a worker that crashes rejects with what happened', async () => {
    const worker = new AnalysisWorker({ script: script(`parentPort.on('message', () => { throw new Error('out of cheese'); });`) });
    await assert.rejects(worker.run(request('/repo')), /The history analysis stopped: out of cheese/);
    assert.ok(!worker.alive);
    const exits = new AnalysisWorker({ script: script(`parentPort.on('message', () => process.exit(3));`) });
    await assert.rejects(exits.run(request('/repo')), /The history analysis stopped unexpectedly \(exit code 3\)/);
  });
});
