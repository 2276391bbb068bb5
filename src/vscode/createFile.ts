/**
 * "Mentoring: Create Mentoring File": proposes the repository's authors as partners (mailmap-aware,
 * bots left out; the user picks), writes a valid file and opens it. In Restricted Mode git is not
 * run: the file is a template without partners.
 */
import * as vscode from 'vscode';
import { newMentoringFile, NewPartner } from '../core/new-file';
import { plain } from '../core/text';
import { listAuthors } from '../git/authors';
import { FolderFile, MentoringStore } from './store';

export interface CreateFileArgs {
  /** Key of the workspace folder (`uri.toString()`); asked for when several folders lack a file. */
  folder?: string;
  /** `all`: take every author without asking (tests, scripts); `none`: a template without partners. */
  authors?: 'all' | 'none';
}

/** Creates the mentoring file; resolves to its URI, or undefined when cancelled or already there. */
export async function createMentoringFile(store: MentoringStore, args: CreateFileArgs = {}): Promise<vscode.Uri | undefined> {
  await store.ready;
  const file = await pickFolder(store, args.folder);
  if (!file) return undefined;
  if (await exists(file.uri)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(file.uri)));
    await vscode.window.showTextDocument(file.uri);
    return undefined;
  }

  let people: NewPartner[] = [];
  let note = '';
  if (args.authors === 'none') people = [];
  else if (!vscode.workspace.isTrusted) note = vscode.l10n.t('Restricted Mode: git was not read, so no partners were proposed. Add them to the file.');
  else if (file.folder.uri.scheme !== 'file') note = vscode.l10n.t('The folder is not on this machine: no partners were proposed from git.');
  else {
    const found = await readAuthors(file.folder.uri.fsPath);
    if (typeof found === 'string') note = found;
    else if (found.length === 0) note = vscode.l10n.t('The repository has no commits by people yet: no partners were proposed.');
    else if (args.authors === 'all') people = found;
    else {
      const picked = await vscode.window.showQuickPick(
        found.map((a) => ({ label: plain(a.name), description: a.email === undefined ? undefined : plain(a.email), detail: a.detail, picked: true, person: a })),
        { canPickMany: true, title: vscode.l10n.t('Create Mentoring File: who takes part?'), placeHolder: vscode.l10n.t('The repository’s authors; uncheck anyone who does not take part') },
      );
      if (!picked) return undefined;
      people = picked.map((p) => p.person);
    }
  }

  // Checked again right before writing: never overwrite a file that appeared meanwhile.
  if (await exists(file.uri)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} appeared meanwhile; it was left as it is.', vscode.workspace.asRelativePath(file.uri)));
    return undefined;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file.uri, '..'));
  await vscode.workspace.fs.writeFile(file.uri, new TextEncoder().encode(newMentoringFile(people)));
  await store.refresh();
  await vscode.window.showTextDocument(file.uri);
  if (note) void vscode.window.showInformationMessage(plain(note));
  return file.uri;
}

async function pickFolder(store: MentoringStore, key: string | undefined): Promise<FolderFile | undefined> {
  if (key !== undefined) return store.get(key);
  const all = store.all();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the mentoring file lives in a workspace folder.'));
    return undefined;
  }
  const missing = all.filter((f) => !f.exists);
  if (missing.length === 0) {
    if (all.length === 1) return all[0];
    void vscode.window.showInformationMessage(vscode.l10n.t('Every workspace folder has a mentoring file already.'));
    return undefined;
  }
  if (missing.length === 1) return missing[0];
  const picked = await vscode.window.showQuickPick(
    missing.map((f) => ({ label: plain(f.folder.name), description: plain(vscode.workspace.asRelativePath(f.uri)), file: f })),
    { placeHolder: vscode.l10n.t('Folder for the new mentoring file') },
  );
  return picked?.file;
}

async function readAuthors(dir: string): Promise<(NewPartner & { detail: string })[] | string> {
  try {
    const authors = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the repository’s authors') },
      () => listAuthors(dir),
    );
    return authors.map((a) => ({
      name: a.name,
      email: a.email,
      detail: a.commits === 1 ? vscode.l10n.t('1 commit, last on {0}', new Date(a.lastDate * 1000).toISOString().slice(0, 10)) : vscode.l10n.t('{0} commits, last on {1}', a.commits, new Date(a.lastDate * 1000).toISOString().slice(0, 10)),
    }));
  } catch (e) {
    return vscode.l10n.t('No partners were proposed: git could not list the authors ({0}).', e instanceof Error ? e.message : String(e));
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
