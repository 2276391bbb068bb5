/**
 * Line labels: the title of the goal a change touches, as text after the first changed line of
 * each hunk, in every editor that shows the changed file, the modified side of a diff editor
 * included (VS Code keeps `diffEditor.codeLens` off by default, and the diff editor's own hunks
 * are a proposed API: the hunks are git's, from the same read as the review prompts). The hover
 * holds the goal's owner, mentor and questions. Off with `mentoring.reviewPrompts.lineLabels`.
 *
 * The label is CSS content (VS Code writes it as such, first line only, quotes escaped): plain
 * text, never markup; the hover is Markdown with every value through mdText, untrusted.
 */
import * as vscode from 'vscode';
import type { GoalPrompt, Hunk } from '../../core/review';
import { mdText, plain } from '../../core/text';
import { describeGoal, shorten } from '../../core/view';

/** What the labels of one changed file need. */
export interface LabelledFile {
  goals: GoalPrompt[];
  hunks: Hunk[];
  names: Record<string, string>;
}

export interface LineLabelSource {
  readonly onDidChangeResults: vscode.Event<void>;
  labelsFor(uri: vscode.Uri): LabelledFile | undefined;
}

const SETTING = 'lineLabels';
const TITLE_MAX = 60;

export class LineLabels implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2.5em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly disposables: vscode.Disposable[] = [this.type];
  /** Editor → the labels last set on it (line, text), for tests and to skip repeats. */
  private readonly shown = new WeakMap<vscode.TextEditor, string>();
  private lastShown = new Map<string, { line: number; text: string }[]>();

  constructor(private readonly source: LineLabelSource) {
    this.disposables.push(
      source.onDidChangeResults(() => this.update(true)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`mentoring.reviewPrompts.${SETTING}`)) this.update(true);
      }),
    );
    this.update();
  }

  /** The labels last drawn for a document (line numbers 0-based), for tests. */
  labels(uri: vscode.Uri): { line: number; text: string }[] {
    return this.lastShown.get(uri.toString()) ?? [];
  }

  update(force = false): void {
    const drawn = new Map<string, { line: number; text: string }[]>();
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      const on = vscode.workspace.getConfiguration('mentoring.reviewPrompts', doc.uri).get<boolean>(SETTING, true);
      const file = on && doc.uri.scheme === 'file' ? this.source.labelsFor(doc.uri) : undefined;
      const labels = file ? labelLines(file, doc.lineCount) : [];
      const key = JSON.stringify(labels);
      if (!force && this.shown.get(editor) === key) {
        drawn.set(doc.uri.toString(), labels);
        continue;
      }
      this.shown.set(editor, key);
      drawn.set(doc.uri.toString(), labels);
      const hover = file ? hoverFor(file) : undefined;
      editor.setDecorations(
        this.type,
        labels.map(({ line, text }) => {
          // The whole line, so that the hover shows anywhere on it; the text goes after its end.
          return { range: doc.lineAt(line).range, hoverMessage: hover, renderOptions: { after: { contentText: text } } };
        }),
      );
    }
    this.lastShown = drawn;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** One label per hunk: on its first changed line (the line a deletion follows), each line once. */
export function labelLines(file: LabelledFile, lineCount: number): { line: number; text: string }[] {
  if (!file.goals.length || lineCount === 0) return [];
  const titles = file.goals.map((g) => shorten(g.title, TITLE_MAX));
  const text = plain(
    file.goals.length === 1 ? vscode.l10n.t('Mentoring goal: {0}', titles[0]) : vscode.l10n.t('Mentoring goals: {0}', titles.join(' · ')),
  );
  const lines = [...new Set(file.hunks.map((h) => Math.min(Math.max(h.startLine, 1), lineCount) - 1))].sort((a, b) => a - b);
  return lines.map((line) => ({ line, text }));
}

function hoverFor(file: LabelledFile): vscode.MarkdownString {
  const parts: string[] = [];
  for (const g of file.goals) {
    parts.push(`**${mdText(g.title)}** — ${mdText(describeGoal(g, file.names))}`);
    if (g.prompts.length) parts.push('', ...g.prompts.map((q) => `- ${mdText(q)}`));
    parts.push('');
  }
  parts.push(mdText(vscode.l10n.t('Review questions from the mentoring file. Open the goal from the Mentoring view in Source Control.')));
  const md = new vscode.MarkdownString(parts.join('\n'));
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

export function fileUri(folder: vscode.WorkspaceFolder, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}
