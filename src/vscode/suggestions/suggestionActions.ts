/**
 * What the Suggestions view's rows write: "Create Partnership" on a mutual match asks what kind
 * (mutual, or who mentors whom) and how often they meet, and "Add Suggested Goal" asks the goal's
 * title; both then show the lines they will write, and confirm afterwards with Undo and Open
 * (confirmWrite.ts). A second argument (`{ kind, mentor, cadence }` or `{ title }`) answers the
 * questions from code: nothing is asked then.
 */
import * as vscode from 'vscode';
import { localToday } from '../../core/dates';
import type { EditResult } from '../../core/file';
import { describeSkill } from '../../core/expertise';
import { addSuggestedGoal, MatchPartnership, partnershipFromMatch } from '../../core/view';
import type { SuggestionRow } from '../../core/view';
import { plain } from '../../core/text';
import { entryRange } from '../locate';
import { asked, askToWrite, writeAndConfirm } from '../confirmWrite';
import { askCadence, askKind, KindAnswer } from '../partnershipSteps';
import { FolderFile, MentoringStore } from '../store';

/** Whether the folder has a mentoring file to write to; offers to create one when not. */
async function fileFor(store: MentoringStore, row: SuggestionRow): Promise<FolderFile | undefined> {
  await store.ready;
  const file = store.get(row.folder);
  if (!file) return undefined;
  if (file.exists) return file;
  const create = vscode.l10n.t('Create Mentoring File');
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet.', vscode.workspace.asRelativePath(file.uri)), create);
  if (answer === create) await vscode.commands.executeCommand('mentoring.createFile', { folder: file.key });
  return undefined;
}

/** "Create Partnership" on a mutual match; resolves to the new partnership's id. */
export async function createPartnership(store: MentoringStore, row: SuggestionRow | undefined, given?: MatchPartnership & { cadence?: number | null }): Promise<string | undefined> {
  const m = row?.match;
  if (!row || !m) return undefined;
  const file = await fileFor(store, row);
  if (!file) return undefined;
  const a = { name: m.aName, email: m.a };
  const b = { name: m.bName, email: m.b };
  const teamSkills = file.lastValid?.skills ?? [];
  const areas = (ids: string[]): string =>
    ids
      .slice(0, 3)
      .map((id) => plain(describeSkill(id, teamSkills).label))
      .join(', ') + (ids.length > 3 ? ', …' : '');
  const aName = plain(m.aName);
  const bName = plain(m.bName);
  let how: MatchPartnership;
  if (given) {
    how = { kind: given.kind, mentor: given.mentor, cadence: given.cadence ?? undefined };
  } else {
    const title = vscode.l10n.t('Partnership of {0} and {1}', aName, bName);
    const teaches = (answer: KindAnswer): string | undefined => {
      const aTeaches = m.aTeachesB.length ? vscode.l10n.t('{0} teaches {1}: {2}', aName, bName, areas(m.aTeachesB)) : '';
      const bTeaches = m.bTeachesA.length ? vscode.l10n.t('{0} teaches {1}: {2}', bName, aName, areas(m.bTeachesA)) : '';
      const lines = answer.kind === 'mutual' ? [aTeaches, bTeaches] : answer.mentor === 'a' ? [aTeaches] : [bTeaches];
      return lines.filter(Boolean).join(' · ') || undefined;
    };
    const kind = await askKind([{ id: 'a', name: m.aName }, { id: 'b', name: m.bName }], { title, step: 1, totalSteps: 3 }, teaches);
    if (!kind) return undefined;
    const cadence = await askCadence({ title, step: 2, totalSteps: 3 });
    if (cadence === undefined) return undefined;
    how = { kind: kind.kind, mentor: kind.mentor === 'a' || kind.mentor === 'b' ? kind.mentor : undefined, cadence: cadence ?? undefined };
    const preview = (text: string): EditResult => partnershipFromMatch(text, a, b, localToday(), how);
    if (!(await askToWrite(store, file.key, preview, { title, action: vscode.l10n.t('Create Partnership'), step: 3, totalSteps: 3 }))) return undefined;
  }
  const today = localToday();
  const result = await writeAndConfirm(store, file.key, (text) => partnershipFromMatch(text, a, b, today, how), {
    message: (r) =>
      how.kind === 'one-way'
        ? vscode.l10n.t('{0} now mentors {1} ({2}).', how.mentor === 'a' ? aName : bName, how.mentor === 'a' ? bName : aName, plain(r.id ?? ''))
        : vscode.l10n.t('{0} and {1} are now mutual partners ({2}).', aName, bName, plain(r.id ?? '')),
    reveal: (f, r) => (r.id ? entryRange(f, { section: 'partnerships', id: r.id }) : undefined),
  });
  return result?.id;
}

/** "Add Suggested Goal": asks its title (the suggestion's, to keep or change); resolves to the goal's id. */
export async function addGoal(store: MentoringStore, row: SuggestionRow | undefined, given?: { title?: string }): Promise<string | undefined> {
  const suggested = row?.goal;
  if (!row || !suggested) return undefined;
  const file = await fileFor(store, row);
  if (!file) return undefined;
  const owner = plain(file.lastValid?.partners.find((p) => p.id === suggested.owner)?.name ?? suggested.owner);
  let title = given?.title?.trim() || suggested.title;
  if (!given) {
    const heading = vscode.l10n.t('New goal for {0}', owner);
    const shown = vscode.window.showInputBox({
      title: heading,
      prompt: suggested.description ? plain(suggested.description) : vscode.l10n.t('The goal’s title'),
      value: suggested.title,
      validateInput: (t) => (t.trim() ? undefined : vscode.l10n.t('A goal needs a title')),
    });
    const typed = await asked({ title: heading, step: 1, items: [suggested.title] }, Promise.resolve(shown));
    if (typed === undefined) return undefined;
    title = typed.trim();
    const preview = (text: string): EditResult => addSuggestedGoal(text, { ...suggested, title }, localToday());
    if (!(await askToWrite(store, file.key, preview, { title: heading, step: 2, totalSteps: 2, action: vscode.l10n.t('Add Goal'), detail: vscode.l10n.t('as proposed, for {0} and their partners to agree on', owner) }))) return undefined;
  }
  const today = localToday();
  const result = await writeAndConfirm(store, file.key, (text) => addSuggestedGoal(text, { ...suggested, title }, today), {
    message: () => vscode.l10n.t('Added the goal “{0}” for {1}.', plain(title), owner),
    reveal: (f, r) => (r.id ? entryRange(f, { section: 'goals', id: r.id }) : undefined),
  });
  return result?.id;
}
