/**
 * The "Mentoring" view in the Source Control container: the goals the change under review touches,
 * with their questions and files, next to the commit message box (rows: core/view/scmRows). It
 * shows what review prompts last read (one read serves this view, the "Review prompts" view, the
 * CodeLens and the line labels), and says in its message which base the change is compared with.
 */
import * as vscode from 'vscode';
import { buildScmRows, ScmRow, ScmSection, scmReviewerSection } from '../../core/view';
import { ShownRows, treeItem } from '../treeItem';
import type { ReviewPrompts } from './reviewPrompts';
import { fileUri } from './lineLabels';

export const SCM_VIEW_ID = 'mentoring.scm';

export class ScmMentoringView implements vscode.TreeDataProvider<ScmRow>, vscode.Disposable {
  private readonly shown = new ShownRows<ScmRow>(() => buildScmRows(this.prompts.scmFolders(), this.sections()));
  readonly onDidChangeTreeData = this.shown.onDidChange;
  private readonly extra = new Map<string, () => ScmSection | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.shown];
  view: vscode.TreeView<ScmRow> | undefined;

  constructor(private readonly prompts: ReviewPrompts) {
    this.disposables.push(
      prompts.onDidChangeResults(() => {
        this.shown.refresh();
        this.updateMessage();
      }),
    );
  }

  /**
   * Adds a section below the goals (suggested reviewers, for one); `build` is called on every
   * refresh and returns undefined or no rows to hide the section. Call {@link refresh} when its
   * rows change for a reason of its own.
   */
  addSection(id: string, build: () => ScmSection | undefined): vscode.Disposable {
    this.extra.set(id, build);
    this.refresh();
    return new vscode.Disposable(() => {
      this.extra.delete(id);
      this.refresh();
    });
  }

  refresh(): void {
    this.shown.refresh();
  }

  rows(): ScmRow[] {
    return this.shown.get();
  }

  async getChildren(row?: ScmRow): Promise<ScmRow[]> {
    if (row) return row.children;
    await this.prompts.ready();
    this.updateMessage();
    return this.rows();
  }

  getParent(row: ScmRow): ScmRow | undefined {
    return this.shown.parentOf(row);
  }

  getTreeItem(row: ScmRow): vscode.TreeItem {
    const item = treeItem(row, row.kind !== 'goal' || row.children.length <= 8);
    if (row.kind === 'file' && row.path) {
      const folder = this.prompts.folderOf(row.folder);
      if (folder) item.resourceUri = fileUri(folder, row.path);
      item.iconPath = vscode.ThemeIcon.File;
    }
    return item;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private sections(): ScmSection[] {
    return [...this.extra.values()].flatMap((build) => build() ?? []);
  }

  /** "Since origin/main, the pull request's base (uncommitted changes included)" above the rows. */
  private updateMessage(): void {
    if (!this.view) return;
    const { description, message } = this.prompts.baseText();
    this.view.description = description;
    this.view.message = message;
  }
}

export function registerScmView(context: vscode.ExtensionContext, prompts: ReviewPrompts): ScmMentoringView {
  const scm = new ScmMentoringView(prompts);
  const view = vscode.window.createTreeView(SCM_VIEW_ID, { treeDataProvider: scm, showCollapseAll: true });
  scm.view = view;
  context.subscriptions.push(scm, view, scm.addSection('reviewers', () => scmReviewerSection(prompts.scmFolders())));
  return scm;
}
