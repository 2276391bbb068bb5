/**
 * "Mentoring: Add Partnership...": members, kind and mentor, cadence as quick inputs, then the lines
 * it will write, then one edit confirmed with Undo and Open (confirmWrite.ts). With `{ folder?,
 * members, kind, mentor?, cadence? }` as its argument it asks nothing (scripts, tests).
 */
import * as vscode from 'vscode';
import { addPartnership, EditResult } from '../core/file';
import { localToday, shortDate } from '../core/dates';
import { firstSessionProposal } from '../core/mentoring';
import { MentoringFile, Partnership } from '../core/file';
import { plain } from '../core/text';
import { entryRange } from './locate';
import { askToWrite, writeAndConfirm } from './confirmWrite';
import { askCadence, askKind, DEFAULT_CADENCE, joinNames } from './partnershipSteps';
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

export function registerAddPartnership(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ADD_PARTNERSHIP_COMMAND, async (arg?: unknown) => {
      try {
        return await run(store, identity, isArgs(arg) ? arg : undefined, isPrefill(arg) ? arg : undefined);
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

/** `{ folder?, members }` without a kind: the members are chosen (the Team Overview's suggestion); the rest is asked. */
function isPrefill(arg: unknown): arg is { folder?: string; members: string[] } {
  const a = arg as { folder?: unknown; members?: unknown } | undefined;
  return typeof a === 'object' && a !== null && Array.isArray(a.members) && a.members.every((m) => typeof m === 'string') && (a as { kind?: unknown }).kind === undefined;
}

/** Adds the partnership; resolves to its id, or undefined when cancelled or not written. */
async function run(store: MentoringStore, identity: Identity, args: AddPartnershipArgs | undefined, prefill?: { folder?: string; members: string[] }): Promise<string | undefined> {
  await store.ready;
  const file = await pickFile(store, args?.folder ?? prefill?.folder);
  if (!file) return undefined;
  const model = file.lastValid;
  if (!model) {
    if (file.hasErrors) await store.revealFirstProblem(file.key);
    throw new Error(vscode.l10n.t('{0} has problems: fix them first.', vscode.workspace.asRelativePath(file.uri)));
  }
  const me = await identity.resolve(file.folder, model);
  const p = args ?? (await ask(model, me, prefill?.members.filter((m) => model.partners.some((x) => x.id === m))));
  if (!p) return undefined;
  const partnership: Omit<Partnership, 'id'> = { members: p.members, kind: p.kind, since: localToday(), status: 'active' };
  if (p.kind === 'one-way' && p.mentor) partnership.mentor = p.mentor;
  if (p.cadence !== undefined) partnership.cadence = p.cadence;
  const op = (text: string): EditResult => addPartnership(text, partnership);
  if (!args && !(await askToWrite(store, file.key, op, { title: TITLE(), action: vscode.l10n.t('Add Partnership'), step: 4, totalSteps: 4 }))) return undefined;
  const name = (id: string): string => plain(model.partners.find((x) => x.id === id)?.name ?? id);
  let id: string | undefined;
  const log = vscode.l10n.t('Log a Session');
  const calendar = vscode.l10n.t('Add to Calendar');
  // The first meeting is proposed soon, not a cadence away: the calendar event goes on that date.
  const first = firstSessionProposal(partnership, localToday());
  const result = await writeAndConfirm(store, file.key, op, {
    message: (r) =>
      `${vscode.l10n.t('Added the partnership of {0} ({1}).', joinNames(p.members.map(name)), plain((id = r.id) ?? ''))} ${vscode.l10n.t('First session proposed for {0}.', shortDate(first, localToday()))}`,
    reveal: (f, r) => (r.id ? entryRange(f, { section: 'partnerships', id: r.id }) : undefined),
    more: [
      { label: log, run: () => id && vscode.commands.executeCommand('mentoring.logSession', { folder: file.key, partnership: id }) },
      { label: calendar, run: () => id && vscode.commands.executeCommand('mentoring.addToCalendar', { folder: file.key, partnership: id }) },
    ],
  });
  return result?.id;
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

const TITLE = (): string => vscode.l10n.t('Add partnership');

/** The quick inputs (members, kind and mentor, cadence); undefined when the person pressed Escape. */
async function ask(model: MentoringFile, me: string | undefined, chosen: string[] = []): Promise<AddPartnershipArgs | undefined> {
  const title = TITLE();
  if (model.partners.length < 2) {
    throw new Error(vscode.l10n.t('A partnership needs two partners: add them under partners: in the mentoring file first.'));
  }
  let members: string[] = chosen.length >= 2 ? chosen : [];
  while (members.length < 2) {
    const picked = await vscode.window.showQuickPick(
      model.partners.map((p) => ({ label: plain(p.name), description: p.id === me ? `${plain(p.id)} · ${vscode.l10n.t('you')}` : plain(p.id), picked: members.includes(p.id), id: p.id })),
      { title: `${title} (1/4)`, placeHolder: vscode.l10n.t('Who are its members? (two or more)'), canPickMany: true },
    );
    if (!picked) return undefined;
    members = picked.map((p) => p.id);
    if (members.length < 2) void vscode.window.showWarningMessage(vscode.l10n.t('Pick at least two members.'));
  }
  const people = members.map((id) => ({ id, name: model.partners.find((p) => p.id === id)?.name ?? id }));
  const kind = await askKind(people, { title, step: 2, totalSteps: 4 }, undefined, { kind: 'mutual' });
  if (!kind) return undefined;
  const cadence = await askCadence({ title, step: 3, totalSteps: 4 }, DEFAULT_CADENCE);
  if (cadence === undefined) return undefined;
  return { members, kind: kind.kind, mentor: kind.mentor, cadence: cadence ?? undefined };
}
