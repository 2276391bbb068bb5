/** The mentoring file's problems in the Problems panel: exact ranges, codes, live while typing, cleared on delete. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { waitFor } from './host';
import { api, fileUri, folder as fileFolder, originalText, restore, SETTLE_MS } from './mentoring';

function mentoringDiagnostics(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(fileUri()).filter((d) => d.source === 'mentoring');
}

/** What the extension sees when a wait fails: its diagnostics, the store's text and any open document. */
async function seen(): Promise<string> {
  const { store } = await api();
  const file = store.get(fileFolder());
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri().toString());
  const head = (t: string | undefined) => JSON.stringify(t?.slice(0, 60));
  return [
    `diagnostics: ${mentoringDiagnostics().map((d) => `${d.code}@${d.range.start.line + 1}`).join(', ') || 'none'}`,
    `store: exists ${file?.exists}, text ${head(file?.text)} (${file?.text?.length ?? 0} chars, 140: ${file?.text?.includes('progress: 140')})`,
    `document: ${doc ? `dirty ${doc.isDirty}, closed ${doc.isClosed}, 140: ${doc.getText().includes('progress: 140')}` : 'none'}`,
    `disk: ${fs.existsSync(fileUri().fsPath) ? `140: ${fs.readFileSync(fileUri().fsPath, 'utf8').includes('progress: 140')}` : 'no file'}`,
  ].join('; ');
}

/** Waits like waitFor, and says what the extension saw when it gives up. */
async function waitSeeing<T>(what: string, check: () => T | false | undefined | null | 0 | ''): Promise<T> {
  return waitFor(what, check, SETTLE_MS).catch(async (e: Error) => {
    throw new Error(`${e.message} (${await seen()})`);
  });
}

/** 0-based [line, character] of the first `needle` in `text`. */
function positionOf(text: string, needle: string): [number, number] {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" in the text`);
  const before = text.slice(0, offset).split('\n');
  return [before.length - 1, before[before.length - 1].length];
}

describe('diagnostics', () => {
  before(async () => {
    originalText();
    await api();
  });
  afterEach(restore);

  it('has none for the valid fixture file', async () => {
    assert.deepStrictEqual(mentoringDiagnostics(), []);
  });

  it('shows the problems of a broken file at their exact ranges', async () => {
    const broken = originalText().replace('progress: 40', 'progress: 140').replace('    owner: chen\n', '    owner: zed\n');
    fs.writeFileSync(fileUri().fsPath, broken);
    const list = await waitSeeing('two diagnostics', () => mentoringDiagnostics().length === 2 && mentoringDiagnostics());
    const [progress, owner] = list.sort((a, b) => a.range.start.line - b.range.start.line);
    const [pl, pc] = positionOf(broken, '140');
    assert.deepStrictEqual([progress.range.start.line, progress.range.start.character, progress.range.end.line, progress.range.end.character], [pl, pc, pl, pc + 3]);
    assert.strictEqual(progress.code, 'invalid-progress');
    assert.strictEqual(progress.severity, vscode.DiagnosticSeverity.Error);
    assert.match(progress.message, /whole number from 0 to 100/);
    const [ol, oc] = positionOf(broken, 'owner: zed');
    assert.deepStrictEqual([owner.range.start.line, owner.range.start.character, owner.range.end.character], [ol, oc + 'owner: '.length, oc + 'owner: zed'.length]);
    assert.strictEqual(owner.code, 'unknown-partner');
  });

  it('maps warnings to warnings', async () => {
    fs.writeFileSync(fileUri().fsPath, originalText().replace('    wants: [sql]\n', '    wants: [sql]\n    hobby: chess\n'));
    const [d] = await waitSeeing('a diagnostic', () => mentoringDiagnostics().length > 0 && mentoringDiagnostics());
    assert.strictEqual(d.code, 'unknown-key');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    // A warning is no error: the tree shows the file's current content, without the errors notice.
    const { store } = await api();
    assert.strictEqual(store.get(fileFolder())?.hasErrors, false);
  });

  it('updates as the user types, before saving', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri());
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('cadence: 14') + 'cadence: '.length);
    await editor.edit((e) => e.replace(new vscode.Range(at, at.translate(0, 2)), '-3'));
    const [d] = await waitSeeing('a diagnostic for the unsaved text', () => mentoringDiagnostics().length > 0 && mentoringDiagnostics());
    assert.deepStrictEqual([d.range.start.line, d.range.start.character], [at.line, at.character]);
    assert.ok(doc.isDirty);
    await editor.edit((e) => e.replace(new vscode.Range(at, at.translate(0, 2)), '14'));
    await waitSeeing('no diagnostics once fixed', () => mentoringDiagnostics().length === 0);
  });

  it('clears them when the file is deleted', async () => {
    fs.writeFileSync(fileUri().fsPath, originalText().replace('progress: 40', 'progress: 140'));
    await waitSeeing('a diagnostic', () => mentoringDiagnostics().length === 1);
    fs.rmSync(fileUri().fsPath);
    await waitSeeing('no diagnostics after deleting the file', () => mentoringDiagnostics().length === 0);
  });
});
