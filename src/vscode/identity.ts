/**
 * Who "I" am in a mentoring file: the `mentoring.me` setting (a partner id) when it names a partner,
 * else the partner whose `emails` include `git config user.email`. Git is asked lazily, once per
 * folder, and only in a trusted workspace.
 */
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { MentoringFile, partnerByEmail } from '../core/file';

export class Identity implements vscode.Disposable {
  private readonly gitEmails = new Map<string, string | undefined>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the answer may have changed (setting edited, git email found, trust granted). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mentoring.me')) this.changed.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  /**
   * The user's partner id in `file`, or undefined. Answers at once from what is known; when the git
   * email still has to be read, it is read in the background and {@link onDidChange} fires.
   */
  me(folder: vscode.WorkspaceFolder, file: MentoringFile | undefined): string | undefined {
    if (!file) return undefined;
    const setting = vscode.workspace.getConfiguration('mentoring', folder.uri).get<string>('me')?.trim();
    if (setting && file.partners.some((p) => p.id === setting)) return setting;
    const email = this.gitEmail(folder);
    return email ? partnerByEmail(file, email) : undefined;
  }

  /** Like {@link me}, but waits for git's answer. */
  async resolve(folder: vscode.WorkspaceFolder, file: MentoringFile | undefined): Promise<string | undefined> {
    const key = folder.uri.toString();
    if (!this.gitEmails.has(key) && canRunGit(folder)) this.gitEmails.set(key, await readGitEmail(folder.uri.fsPath));
    return this.me(folder, file);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private gitEmail(folder: vscode.WorkspaceFolder): string | undefined {
    const key = folder.uri.toString();
    if (this.gitEmails.has(key)) return this.gitEmails.get(key);
    if (canRunGit(folder) && !this.pending.has(key)) {
      this.pending.add(key);
      void readGitEmail(folder.uri.fsPath).then((email) => {
        this.pending.delete(key);
        this.gitEmails.set(key, email);
        if (email) this.changed.fire();
      });
    }
    return undefined;
  }
}

function canRunGit(folder: vscode.WorkspaceFolder): boolean {
  return vscode.workspace.isTrusted && folder.uri.scheme === 'file';
}

function readGitEmail(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.email'], { cwd, timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}
