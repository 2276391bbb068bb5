/**
 * Which partnership a command is about: an argument from code (`{ folder?, partnership, goal? }`), a
 * Partners & Goals row (a partnership, a goal's partnership, or one of a partner's partnerships), or
 * the user's pick, their own partnerships first. Shared by Review Goals and Prepare Session.
 */
import * as vscode from 'vscode';
import { healthOf, myPartnershipsFirst } from '../core/mentoring';
import { localToday } from '../core/dates';
import type { MentoringFile, Partnership } from '../core/file';
import { plain } from '../core/text';
import { describeHealth, partnershipLabel } from '../core/view';
import type { Row } from '../core/view';
import { Identity } from './identity';
import { FolderFile, MentoringStore } from './store';

export interface PartnershipTarget {
  file: FolderFile;
  partnership: string;
  /** A goal the argument named. */
  goal?: string;
}

/** What the pick says: its title and question. */
export interface PickTexts {
  title: string;
  placeHolder: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The partnership `arg` names, or the user's pick when it names none; undefined when there is none or the pick is dismissed. */
export async function partnershipTarget(store: MentoringStore, identity: Identity, arg: unknown, texts: PickTexts): Promise<PartnershipTarget | undefined> {
  if (isRecord(arg) && typeof arg.partnership === 'string') {
    const file = typeof arg.folder === 'string' ? store.get(arg.folder) : folderWith(store, arg.partnership);
    if (!file?.lastValid?.partnerships.some((p) => p.id === arg.partnership)) {
      throw new Error(vscode.l10n.t('There is no partnership “{0}” in the mentoring file.', arg.partnership));
    }
    return { file, partnership: arg.partnership, goal: typeof arg.goal === 'string' ? arg.goal : undefined };
  }
  if (isRecord(arg) && typeof arg.kind === 'string' && isRecord(arg.ref)) return fromRow(store, identity, arg as unknown as Row, texts);
  return pick(identity, store.all(), texts);
}

/** The folder whose file has the partnership (the first one). */
export function folderWith(store: MentoringStore, partnership: string): FolderFile | undefined {
  return store.all().find((f) => f.lastValid?.partnerships.some((p) => p.id === partnership));
}

/** A Partners & Goals row: a partnership, a goal's partnership, or one of a partner's partnerships. */
async function fromRow(store: MentoringStore, identity: Identity, row: Row, texts: PickTexts): Promise<PartnershipTarget | undefined> {
  const file = store.get(row.folder);
  const model = file?.lastValid;
  const ref = row.ref;
  if (!file || !model || !ref || ref.section === 'sessions') return undefined;
  if (ref.section === 'partnerships') return { file, partnership: ref.id };
  if (ref.section === 'goals') {
    const goal = model.goals.find((g) => g.id === ref.id);
    if (!goal) throw new Error(vscode.l10n.t('Goal “{0}” is not in the mentoring file any more.', ref.id));
    return { file, partnership: goal.partnership, goal: goal.id };
  }
  return pick(identity, [file], texts, ref.id);
}

/** Asks which partnership: the user's own first (only `member`'s when given). */
async function pick(identity: Identity, files: FolderFile[], texts: PickTexts, member?: string): Promise<PartnershipTarget | undefined> {
  type Item = vscode.QuickPickItem & { target?: PartnershipTarget };
  const items: Item[] = [];
  const withModel = files.filter((f) => f.lastValid);
  for (const file of withModel) {
    const model = file.lastValid as MentoringFile;
    const me = identity.me(file.folder, model);
    const today = localToday();
    const list = myPartnershipsFirst(model.partnerships, me).filter((p) => member === undefined || p.members.includes(member));
    if (withModel.length > 1 && list.length) items.push({ label: plain(file.folder.name), kind: vscode.QuickPickItemKind.Separator });
    for (const p of list) {
      items.push({
        label: plain(pickLabel(model, p, member ?? me)),
        description: plain(p.id),
        detail: plain(describeHealth(healthOf(model, p, today, { me }))),
        target: { file, partnership: p.id },
      });
    }
  }
  const choices = items.filter((i) => i.target);
  if (!choices.length) {
    void vscode.window.showInformationMessage(
      withModel.length ? vscode.l10n.t('The mentoring file has no partnerships yet.') : vscode.l10n.t('There is no mentoring file with partnerships in this workspace.'),
    );
    return undefined;
  }
  if (choices.length === 1 && member !== undefined) return choices[0].target;
  const picked = await vscode.window.showQuickPick(items, { title: texts.title, placeHolder: texts.placeHolder, matchOnDescription: true });
  return picked?.target;
}

/** "with Ben Okafor" from a member's side; "Ana Lima, Ben Okafor" otherwise. */
function pickLabel(model: MentoringFile, p: Partnership, partnerId: string | undefined): string {
  if (partnerId !== undefined && p.members.includes(partnerId)) return partnershipLabel(model, p, partnerId);
  return p.members.map((m) => model.partners.find((x) => x.id === m)?.name ?? m).join(', ');
}
