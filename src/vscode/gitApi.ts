/**
 * The few parts of VS Code's built-in git extension (`vscode.git`, API version 1) that review
 * prompts use: its repositories, their change events, the Source Control input box, merge bases and
 * `git:` URIs for diffs. Typed here by hand (the extension publishes no package) and only as far as
 * used. Absent when the extension is disabled, `git.enabled` is off, or git is not installed.
 */
import * as vscode from 'vscode';

export interface GitRef {
  name?: string;
  commit?: string;
  /** 0 head, 1 remote head, 2 tag. */
  type: number;
  remote?: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: {
    readonly HEAD: GitRef | undefined;
    readonly onDidChange: vscode.Event<void>;
  };
  getMergeBase(ref1: string, ref2: string): Promise<string | undefined>;
  getBranches(query: { remote?: boolean }): Promise<GitRef[]>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The git extension's API, activating the extension if needed; undefined when it is not there or off. */
export async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    return exports?.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** The repository that holds `uri` (the innermost), once the git extension has opened it. */
export function repositoryFor(api: GitApi | undefined, uri: vscode.Uri): GitRepository | undefined {
  return api?.getRepository(uri) ?? undefined;
}
