/**
 * "Mentoring: Create Mentoring File": proposes the repository's authors as partners with the same
 * proposal as `peer-mentoring init` (`core/expertise/team.ts`: one row per person with all their
 * addresses, bots left out; steady recent activity and owners named by the repository's ownership
 * files checked; every row saying why), writes a valid file and opens it. In Restricted Mode git is
 * not run: the file is a template without partners.
 */
import * as vscode from 'vscode';
import { newMentoringFile, NewPartner } from '../../core/file';
import { ownerHandles, proposeTeam, ProposedPartner } from '../../core/expertise';
import { plain } from '../../core/text';
import { readAuthors } from '../../git/authors';
import { readOwnershipFiles } from '../../git/ownership';
import { FolderFile, MentoringStore } from '../store';
import { suggestionSettings } from './suggestions';

export interface CreateFileArgs {
  /** Key of the workspace folder (`uri.toString()`); asked for when several folders lack a file. */
  folder?: string;
  /**
   * Without asking (tests, scripts): `all` authors, the `active` ones (those the list checks: steady
   * recent activity or named by an ownership file, `core/expertise/team.ts`), or `none` (a template
   * without partners).
   */
  authors?: 'all' | 'active' | 'none';
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
    const months = suggestionSettings(file.folder);
    const found = await readTeam(file.folder.uri.fsPath, months);
    if (typeof found === 'string') note = found;
    else if (found.length === 0) note = vscode.l10n.t('The repository has no commits by people yet: no partners were proposed.');
    else if (args.authors === 'all') people = found;
    else if (args.authors === 'active') people = found.filter((a) => a.checked);
    else {
      const picked = await pickAuthors(found);
      if (!picked) return undefined;
      people = picked;
    }
  }

  // Checked again right before writing: never overwrite a file that appeared meanwhile.
  if (await exists(file.uri)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} appeared meanwhile; it was left as it is.', plain(vscode.workspace.asRelativePath(file.uri))));
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

/** The proposed team (the same proposal as `peer-mentoring init`), or why there is none. */
async function readTeam(dir: string, settings: { activeMonths: number; botPatterns: string[] }): Promise<ProposedPartner[] | string> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the repository’s authors') }, async () => {
      const [list, owners] = await Promise.all([readAuthors(dir, { activeMonths: settings.activeMonths, botPatterns: settings.botPatterns }), readOwnershipFiles(dir)]);
      return proposeTeam(list.authors, { newest: list.newest, activeMonths: settings.activeMonths, owners: ownerHandles(owners) });
    });
  } catch (e) {
    return vscode.l10n.t('No partners were proposed: git could not list the authors ({0}).', plain(e instanceof Error ? e.message : String(e)));
  }
}

type AuthorItem = vscode.QuickPickItem & { person?: ProposedPartner };

/** One row per person, each saying why it is checked or not: the proposed team first, the others below, unchecked. */
async function pickAuthors(rows: readonly ProposedPartner[]): Promise<NewPartner[] | undefined> {
  const row = (p: ProposedPartner): AuthorItem => ({ label: plain(p.name), description: plain(p.emails.join(', ')), detail: plain(p.reason), picked: p.checked, person: p });
  const checked = rows.filter((p) => p.checked);
  const others = rows.filter((p) => !p.checked);
  const items: AuthorItem[] = [
    { label: vscode.l10n.t('Proposed: steady recent work, or named in an ownership file'), kind: vscode.QuickPickItemKind.Separator },
    ...checked.map(row),
    ...(others.length ? [{ label: vscode.l10n.t('Other contributors'), kind: vscode.QuickPickItemKind.Separator }, ...others.map(row)] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    title: vscode.l10n.t('Create Mentoring File: who takes part?'),
    placeHolder: vscode.l10n.t('Check who takes part (type to filter)'),
  });
  return picked?.flatMap((p) => (p.person ? [{ id: p.person.id, name: p.person.name, emails: p.person.emails }] : []));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
