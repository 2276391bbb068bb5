/**
 * The history analysis in a worker thread (`worker_threads`; bundled as `dist/analysisWorker.js`):
 * reads the history (`analyzeRepository`, with its cache), scores it, makes the suggestions and
 * the Suggestions view's rows of the folder, and posts back only those (`src/protocol/analysis.ts`).
 * The extension host's thread then only receives and shows them: no repository can stall it.
 *
 * The worker keeps its last analysis, so that a changed mentoring file or setting is scored again
 * without reading the history. It runs one request at a time, in the order they came. The host
 * starts it only in a trusted workspace, and terminates it to cancel a run or when a run exceeds its
 * time budget (`analysisHost.ts`).
 */
import { performance } from 'perf_hooks';
import { parentPort } from 'worker_threads';
import type { Expertise } from '../core/expertise';
import { identityFor, mailmapSuggestions, suggest } from '../core/expertise';
import { buildSuggestionRows } from '../core/view';
import type { AnalysisRead, AnalysisRequest, AnalysisResult, AnalysisWorkerMessage } from '../protocol/analysis';
import { isAnalysisHostMessage } from '../protocol/analysis';
import { Analysis, analyzeRepository } from './analyze';
import { NotARepositoryError } from './history';

/** Progress is posted at most this often. */
const PROGRESS_EVERY_MS = 100;

/** What the worker holds between requests: the last analysis and its scores for one file and setting. */
export interface Held {
  key: string;
  analysis: Analysis;
  scored?: { inputs: string; expertise: Expertise };
}

const readKey = (read: AnalysisRead): string => JSON.stringify([read.repoDir, read.cacheDir ?? null, read.teamSkills ?? [], read.botPatterns ?? [], read.maxCommits ?? null]);

/**
 * Answers one request: reads the history unless `held` has it (and the request allows), then
 * scores it and builds the rows. Returns the result and what to hold for the next request.
 */
export async function answer(request: AnalysisRequest, held: Held | undefined, onProgress?: (commitsRead: number) => void): Promise<{ result: AnalysisResult; held: Held }> {
  const { read, view } = request;
  const key = readKey(read);
  const started = performance.now();
  let keep = !request.fresh && held?.key === key ? held : undefined;
  if (!keep) {
    const analysis = await analyzeRepository(read.repoDir, {
      cacheDir: read.cacheDir,
      noCache: read.noCache,
      teamSkills: read.teamSkills,
      botPatterns: read.botPatterns,
      maxCommits: read.maxCommits,
      onProgress,
    });
    keep = { key, analysis };
  }
  const { analysis } = keep;
  const scoring = performance.now();
  const base = { head: analysis.head, mode: analysis.mode, commits: analysis.state.commits, commitsRead: analysis.commitsRead, readMs: scoring - started };
  if (analysis.mode === 'empty') return { result: { ...base, rows: [], matches: [], mailmap: [], scoreMs: 0 }, held: keep };
  const inputs = JSON.stringify([view.mentoring ?? null, view.activeMonths]);
  if (keep.scored?.inputs !== inputs) {
    keep.scored = { inputs, expertise: analysis.state.compute({ identity: identityFor(view.mentoring), activeMonths: view.activeMonths }) };
  }
  const { expertise } = keep.scored;
  const mailmap = mailmapSuggestions(analysis.state.listPeople());
  const rows = buildSuggestionRows({
    trusted: true,
    folders: [{ key: view.key, name: view.name, status: { state: 'done', expertise, notices: analysis.notices, mailmap: mailmap.length }, mentoring: view.mentoring, hasErrors: view.hasErrors }],
    options: view.options,
    width: view.width,
  });
  const matches = view.mentoring ? suggest(expertise, view.mentoring).matches : [];
  return { result: { ...base, rows, matches, mailmap, scoreMs: performance.now() - scoring }, held: keep };
}

/** The worker's side of the protocol: one request at a time, errors as messages. */
function serve(port: NonNullable<typeof parentPort>): void {
  let held: Held | undefined;
  let queue: Promise<void> = Promise.resolve();
  const post = (m: AnalysisWorkerMessage): void => port.postMessage(m);
  port.on('message', (message: unknown) => {
    if (!isAnalysisHostMessage(message)) return;
    const { id, request } = message;
    queue = queue.then(async () => {
      let last = 0;
      const progress = (commitsRead: number): void => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        post({ type: 'progress', id, commitsRead });
      };
      try {
        const answered = await answer(request, held, progress);
        held = answered.held;
        post({ type: 'result', id, result: answered.result });
      } catch (e) {
        // What the worker held may no longer match the repository: the next request reads again.
        held = undefined;
        const kind = e instanceof NotARepositoryError ? 'not-a-repository' : 'failed';
        post({ type: 'error', id, kind, message: e instanceof Error ? e.message : String(e) });
      }
    });
  });
}

if (parentPort) serve(parentPort);
