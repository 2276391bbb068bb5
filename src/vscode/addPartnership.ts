/**
 * "Mentoring: Add Partnership...": members, kind, mentor (one-way) and cadence as quick inputs,
 * then one edit through the store. With `{ folder?, members, kind, mentor?, cadence? }` as its
 * argument it asks nothing (scripts, tests).
 */
import * as vscode from 'vscode';
import { addPartnership } from '../core/edit';
import { localToday } from '../core/dates';
import { MentoringFile, Partnership } from '../core/model';
import { plain } from '../core/text';
import { MAX_CADENCE_DAYS } from '../core/validate';
import { Identity } from './identity';
import { FolderFile, MentoringStore } from './store';

export const ADD_PARTNERSHIP_COMMAND = 'mentoring.addPartnership';

export interface AddPartnershipArgs {
  /** Key of the workspace folder (`uri.toString()`); asked for when several have a file. */
  folder?: string;
  members: string[];
  kind: Partnership['kind'];
  mentor?: string;
  cadence?: number;
}

const DEFAULT_CADENCE = 14;

export function registerAddPartnership(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ADD_PARTNERSHIP_COMMAND, async (arg?: unknown) => {
      try {
        return await run(store, identity, isArgs(arg) ? arg : undefined);
      } catch (e) {
        void vscode.window.showErrorMessage(plain(e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    }),
  );
}

function isArgs(arg: unknown): arg is AddPartnershipArgs {
  const a = arg as Partial<AddPartnershipArgs> | undefined;
  return typeof a === 'object' && a !== null && Array.isArray(a.members) && typeof a.kind === 'string';
}

/** Adds the partnership; resolves to its id, or undefined when cancelled or not written. */
async function run(store: MentoringStore, identity: Identity, args: AddPartnershipArgs | undefined): Promise<string | undefined> {
  await store.ready;
  const file = await pickFile(store, args?.folder);
  if (!file) return undefined;
  const model = file.lastValid;
  if (!model) {
    if (file.hasErrors) await store.revealFirstProblem(file.key);
    throw new Error(vscode.l10n.t('{0} has problems: fix them first.', vscode.workspace.asRelativePath(file.uri)));
  }
  const p = args ?? (await ask(model, await identity.resolve(file.folder, model)));
  if (!p) return undefined;
  const partnership: Omit<Partnership, 'id'> = { members: p.members, kind: p.kind, since: localToday(), status: 'active' };
  if (p.kind === 'one-way' && p.mentor) partnership.mentor = p.mentor;
  if (p.cadence !== undefined) partnership.cadence = p.cadence;
  const result = await store.applyEdit(file.key, (text) => addPartnership(text, partnership));
  if (!result?.id) return undefined;
  const id = result.id;
  if (!args) {
    const log = vscode.l10n.t('Log a Session');
    void vscode.window.showInformationMessage(vscode.l10n.t('Partnership {0} added.', plain(id)), log).then((action) =>
      action === log ? vscode.commands.executeCommand('mentoring.logSession', { folder: file.key, partnership: id }) : undefined,
    );
  }
  return id;
}

async function pickFile(store: MentoringStore, folder: string | undefined): Promise<FolderFile | undefined> {
  if (folder !== undefined) {
    const file = store.get(folder);
    if (!file) throw new Error(vscode.l10n.t('No workspace folder {0}', folder));
    return file;
  }
  const withFile = store.all().filter((f) => f.exists);
  if (withFile.length === 0) {
    const create = vscode.l10n.t('Create Mentoring File');
    const action = await vscode.window.showInformationMessage(vscode.l10n.t('There is no mentoring file yet: a partnership goes into one.'), create);
    if (action === create) await vscode.commands.executeCommand('mentoring.createFile');
    return undefined;
  }
  if (withFile.length === 1) return withFile[0];
  const picked = await vscode.window.showQuickPick(
    withFile.map((f) => ({ label: plain(f.folder.name), description: plain(vscode.workspace.asRelativePath(f.uri)), file: f })),
    { title: vscode.l10n.t('Add partnership'), placeHolder: vscode.l10n.t('Which folder’s mentoring file?') },
  );
  return picked?.file;
}

/** The quick inputs; undefined when the person pressed Escape. */
async function ask(model: MentoringFile, me: string | undefined): Promise<AddPartnershipArgs | undefined> {
  const title = vscode.l10n.t('Add partnership');
  if (model.partners.length < 2) {
    throw new Error(vscode.l10n.t('A partnership needs two partners: add them under partners: in the mentoring file first.'));
  }
  const name = (id: string): string => model.partners.find((p) => p.id === id)?.name ?? id;
  let members: string[] = [];
  while (members.length < 2) {
    const picked = await vscode.window.showQuickPick(
      model.partners.map((p) => ({ label: plain(p.name), description: p.id === me ? `${plain(p.id)} · ${vscode.l10n.t('you')}` : plain(p.id), picked: p.id === me || members.includes(p.id), id: p.id })),
      { title, placeHolder: vscode.l10n.t('Who are its members? (two or more)'), canPickMany: true },
    );
    if (!picked) return undefined;
    members = picked.map((p) => p.id);
    if (members.length < 2) void vscode.window.showWarningMessage(vscode.l10n.t('Pick at least two members.'));
  }
  const kinds = [
    { label: 'mutual', detail: vscode.l10n.t('Each mentors the other'), value: 'mutual' as const },
    { label: 'one-way', detail: vscode.l10n.t('One mentor, the others mentees'), value: 'one-way' as const },
  ];
  const kind = (await vscode.window.showQuickPick(kinds, { title, placeHolder: vscode.l10n.t('What kind of partnership?') }))?.value;
  if (!kind) return undefined;
  let mentor: string | undefined;
  if (kind === 'one-way') {
    const order = members.includes(me ?? '') ? [me as string, ...members.filter((m) => m !== me)] : members;
    mentor = (await vscode.window.showQuickPick(order.map((m) => ({ label: plain(name(m)), description: plain(m), id: m })), { title, placeHolder: vscode.l10n.t('Who is the mentor?') }))?.id;
    if (!mentor) return undefined;
  }
  const cadence = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Days between sessions (empty: no cadence)'),
    value: String(DEFAULT_CADENCE),
    validateInput: (text) =>
      text.trim() === '' || (/^[1-9]\d{0,2}$/.test(text.trim()) && Number(text) <= MAX_CADENCE_DAYS) ? undefined : vscode.l10n.t('A whole number of days from 1 to {0}, or empty', MAX_CADENCE_DAYS),
  });
  if (cadence === undefined) return undefined;
  return { members, kind, mentor, cadence: cadence.trim() ? Number(cadence.trim()) : undefined };
}
