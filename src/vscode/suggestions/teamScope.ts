/**
 * Who the Suggestions view lists and matches: the mentoring file's partners (the team, other active
 * contributors apart), as the CLI does, or everyone who works here after "Show Everyone" (the CLI's
 * `--everyone`) until "Show Team Only". The choice is kept per workspace. A file without partners
 * means everyone: the pair of title-bar actions shows only while a file lists partners.
 */
import * as vscode from 'vscode';
import type { FolderFile } from '../store';

const EVERYONE_KEY = 'mentoring.suggestions.everyone';
const HAS_TEAM_KEY = 'mentoring.suggestions.hasTeam';

export class TeamScope {
  private hasTeam: boolean | undefined;

  constructor(private readonly state: vscode.Memento) {
    void vscode.commands.executeCommand('setContext', EVERYONE_KEY, this.everyone);
  }

  /** True when the view lists and matches everyone, not only the mentoring file's partners. */
  get everyone(): boolean {
    return this.state.get<boolean>(EVERYONE_KEY, false) === true;
  }

  /** "Show Everyone" (true) or "Show Team Only" (false), remembered for the workspace. */
  async show(everyone: boolean): Promise<void> {
    await this.state.update(EVERYONE_KEY, everyone);
    await vscode.commands.executeCommand('setContext', EVERYONE_KEY, everyone);
  }

  /** Shows the pair of actions while one of the files lists partners. */
  follow(files: readonly FolderFile[]): void {
    const hasTeam = files.some((f) => (f.lastValid?.partners.length ?? 0) > 0);
    if (hasTeam === this.hasTeam) return;
    this.hasTeam = hasTeam;
    void vscode.commands.executeCommand('setContext', HAS_TEAM_KEY, hasTeam);
  }
}
