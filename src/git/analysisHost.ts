/**
 * The host's side of the history analysis worker (`analysisWorker.ts`): starts the worker thread on
 * the first run, posts requests and resolves each with its result (`src/protocol/analysis.ts`).
 *
 * - **Cancel**: aborting a run's signal terminates the worker at once (git with it: its `git log`
 *   dies with its stdout); the run rejects with the signal's reason and nothing it computed is
 *   delivered. The next run starts a fresh worker.
 * - **Time budget**: a run still going after `budgetMs` terminates the worker and rejects with an
 *   {@link AnalysisBudgetError} that says so.
 * - **Errors**: an error in the analysis comes back as an {@link AnalysisError} with the worker's
 *   message; a worker that dies (out of memory, a crash) rejects every waiting run with a message
 *   that says the analysis stopped and why.
 *
 * No `vscode` here: the benchmarks and tests drive it in plain Node. The host must only start a run
 * in a trusted workspace.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AnalysisErrorKind, AnalysisHostMessage, AnalysisRequest, AnalysisResult } from '../protocol/analysis';
import { isAnalysisWorkerMessage } from '../protocol/analysis';

/** A run may take this long before it is stopped (a whole history, read for the first time, included). */
export const ANALYSIS_BUDGET_MS = 10 * 60_000;

/** The worker's script: beside this module, both in `dist/` (bundled) and in `out/src/git/` (compiled). */
export const ANALYSIS_WORKER_SCRIPT = path.join(__dirname, 'analysisWorker.js');

/** The analysis failed in the worker (`kind` says how), with the worker's message. */
export class AnalysisError extends Error {
  constructor(
    readonly kind: AnalysisErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}

/** The run took longer than its time budget and was stopped. */
export class AnalysisBudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`Reading the git history took longer than ${budgetMs >= 1000 ? `${Math.round(budgetMs / 1000)} s` : `${budgetMs} ms`} and was stopped`);
    this.name = 'AnalysisBudgetError';
  }
}

export interface AnalysisWorkerOptions {
  /** The worker's script (tests give another). */
  script?: string;
  budgetMs?: number;
}

export interface RunOptions {
  /** Aborting terminates the worker; the run rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Commits read so far (a few times a second at most). */
  onProgress?: (commitsRead: number) => void;
}

interface Pending {
  resolve(result: AnalysisResult): void;
  reject(e: unknown): void;
  onProgress?: (commitsRead: number) => void;
}

/** One worker thread (started on demand) and the runs waiting for it. It holds its last analysis between runs. */
export class AnalysisWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private ids = 0;
  private readonly script: string;
  private readonly budgetMs: number;
  /** Workers started so far (for tests: a cancelled run's worker is not reused). */
  started = 0;

  constructor(options: AnalysisWorkerOptions = {}) {
    this.script = options.script ?? ANALYSIS_WORKER_SCRIPT;
    this.budgetMs = options.budgetMs ?? ANALYSIS_BUDGET_MS;
  }

  /** True while a worker thread is alive. */
  get alive(): boolean {
    return this.worker !== undefined;
  }

  run(request: AnalysisRequest, options: RunOptions = {}): Promise<AnalysisResult> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const worker = this.start();
    const id = ++this.ids;
    return new Promise<AnalysisResult>((resolve, reject) => {
      const budget = setTimeout(() => this.stop(new AnalysisBudgetError(this.budgetMs)), this.budgetMs);
      const onAbort = (): void => {
        // Only this run is cancelled; others waiting on the same worker are told it stopped.
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.reject(signal?.reason);
        this.stop(new Error('The history analysis was cancelled'));
      };
      const settle = (): void => {
        clearTimeout(budget);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker?.unref();
      };
      this.pending.set(id, {
        resolve: (r) => {
          settle();
          resolve(r);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
        onProgress: options.onProgress,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      const message: AnalysisHostMessage = { type: 'run', id, request };
      worker.postMessage(message);
    });
  }

  /** Ends the worker and what it holds; runs still waiting reject. */
  terminate(): void {
    this.stop(new Error('The history analysis was stopped'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    this.started++;
    this.worker = worker;
    worker.on('message', (m: unknown) => {
      if (this.worker !== worker || !isAnalysisWorkerMessage(m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m.commitsRead);
      else if (m.type === 'result') p.resolve(m.result);
      else p.reject(new AnalysisError(m.kind, m.message));
    });
    worker.on('error', (e: Error) => {
      if (this.worker === worker) this.stop(new Error(`The history analysis stopped: ${e.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`The history analysis stopped unexpectedly (exit code ${code})`));
    });
    return worker;
  }

  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(reason);
    if (worker) void worker.terminate();
  }
}
