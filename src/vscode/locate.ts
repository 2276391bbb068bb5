/** Where a tree row's entry or action item is in the mentoring file's current text. */
import type { EntryRef, Row } from '../core/view';
import { locateAction } from '../core/view';
import type { FolderFile } from './store';

/** Where an action item of a tree row is in the file now: its own line, found again if the file changed. */
export function actionRange(file: FolderFile, action: NonNullable<Row['action']>): ReturnType<NonNullable<FolderFile['parsed']>['rangeOf']> {
  const model = file.parsed?.model;
  const at = model && locateAction(model, action);
  return at && file.parsed?.rangeOf(['sessions', at.session, 'actions', at.action]);
}

/**
 * Where a row's entry is in the file's current text. Entries are found by id (sessions by date and
 * partnership, nearest to their old position), so reveal works after edits that moved them.
 */
export function entryRange(file: FolderFile, ref: EntryRef): ReturnType<NonNullable<FolderFile['parsed']>['rangeOf']> {
  const parsed = file.parsed;
  const model = parsed?.model;
  if (!parsed || !model) return undefined;
  let entry: object | undefined;
  if (ref.section === 'sessions') {
    const old = file.lastValid?.sessions[ref.index];
    if (!old) return undefined;
    const same = (s: (typeof model.sessions)[number]): boolean => s.date === old.date && s.partnership === old.partnership;
    const at = model.sessions[ref.index];
    entry = at && same(at) ? at : model.sessions.find(same);
  } else {
    const list: { id: string }[] = model[ref.section];
    entry = list.find((e) => e.id === ref.id);
  }
  const path = entry && parsed.pathOf(entry);
  return path && parsed.rangeOf(path);
}
