/**
 * The messages between the extension host and the history analysis worker (`src/git/analysisWorker.ts`,
 * a Node worker thread). The host posts `run`; the worker answers with `progress` while it reads
 * the history, then one `result` or one `error` with the same id. Everything heavy happens in the
 * worker — reading the history, scoring, suggestions and the Suggestions view's rows — so that what
 * comes back is only what the host shows.
 *
 * Messages cross a structured clone, so each side checks what it receives
 * ({@link isAnalysisHostMessage} in the worker, {@link isAnalysisWorkerMessage} in the host).
 */
import type { MailmapSuggestion, Match, SuggestOptions } from '../core/expertise';
import type { MentoringFile, SkillArea } from '../core/file';
import type { SuggestionRow } from '../core/view';

/** What to read: the history of `repoDir`, as `analyzeRepository` reads it. */
export interface AnalysisRead {
  repoDir: string;
  /** Where the analysis is cached; without it nothing is cached. */
  cacheDir?: string;
  /** Read the whole history again even if a cache exists. */
  noCache?: boolean;
  teamSkills?: readonly SkillArea[];
  botPatterns?: readonly string[];
  /** At most this many commits (the newest). */
  maxCommits?: number;
}

/** What to show: the rows of one folder of the Suggestions view and what other views ask of the analysis. */
export interface AnalysisView {
  /** The folder's key and name (the rows' ids start with the key). */
  key: string;
  name: string;
  /** The mentoring file to match people to partners (the last valid one). */
  mentoring?: MentoringFile;
  hasErrors: boolean;
  activeMonths: number;
  /** As `buildSuggestionRows` takes them (e.g. `everyone`). */
  options: SuggestOptions;
  /** The side bar width the rows are fitted to (default 300 px). */
  width?: number;
}

export interface AnalysisRequest {
  read: AnalysisRead;
  /**
   * `true`: read the history (new commits only, thanks to the cache). `false`: score again the
   * analysis the worker holds for the same {@link AnalysisRead}, reading only if it holds none.
   */
  fresh: boolean;
  view: AnalysisView;
}

export interface AnalysisResult {
  /** The commit analysed; undefined for a repository without commits (`mode` is then `empty`). */
  head?: string;
  mode: 'full' | 'incremental' | 'cached' | 'empty';
  /** Commits the analysis holds, and those read from git in this run. */
  commits: number;
  commitsRead: number;
  /** The folder's rows of the Suggestions view (notices included). */
  rows: SuggestionRow[];
  /** Mutual matches among the file's partners, best first (none without a mentoring file): the Team Overview's. */
  matches: Match[];
  /** Suggested `.mailmap` lines. */
  mailmap: MailmapSuggestion[];
  /** Milliseconds the worker spent reading the history (0 when it held it) and scoring it into the rows. */
  readMs: number;
  scoreMs: number;
}

export type AnalysisHostMessage = { type: 'run'; id: number; request: AnalysisRequest };

/** `not-a-repository`: the folder is not in a git repository; `failed`: anything else, in `message`. */
export type AnalysisErrorKind = 'not-a-repository' | 'failed';

export type AnalysisWorkerMessage =
  | { type: 'progress'; id: number; commitsRead: number }
  | { type: 'result'; id: number; result: AnalysisResult }
  | { type: 'error'; id: number; kind: AnalysisErrorKind; message: string };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;

export function isAnalysisHostMessage(x: unknown): x is AnalysisHostMessage {
  if (!isRecord(x) || x.type !== 'run' || !isId(x.id) || !isRecord(x.request)) return false;
  const { read, view, fresh } = x.request;
  return (
    typeof fresh === 'boolean' &&
    isRecord(read) &&
    typeof read.repoDir === 'string' &&
    (read.cacheDir === undefined || typeof read.cacheDir === 'string') &&
    (read.maxCommits === undefined || Number.isSafeInteger(read.maxCommits)) &&
    (read.botPatterns === undefined || (Array.isArray(read.botPatterns) && read.botPatterns.every((p) => typeof p === 'string'))) &&
    (read.teamSkills === undefined || Array.isArray(read.teamSkills)) &&
    isRecord(view) &&
    typeof view.key === 'string' &&
    typeof view.name === 'string' &&
    typeof view.hasErrors === 'boolean' &&
    typeof view.activeMonths === 'number' &&
    (view.mentoring === undefined || isRecord(view.mentoring)) &&
    isRecord(view.options) &&
    (view.width === undefined || typeof view.width === 'number')
  );
}

export function isAnalysisWorkerMessage(x: unknown): x is AnalysisWorkerMessage {
  if (!isRecord(x) || !isId(x.id)) return false;
  switch (x.type) {
    case 'progress':
      return Number.isSafeInteger(x.commitsRead);
    case 'result':
      return isRecord(x.result) && Array.isArray(x.result.rows) && Array.isArray(x.result.matches) && Array.isArray(x.result.mailmap) && typeof x.result.mode === 'string';
    case 'error':
      return (x.kind === 'not-a-repository' || x.kind === 'failed') && typeof x.message === 'string';
    default:
      return false;
  }
}
