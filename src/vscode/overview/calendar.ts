/**
 * "Mentoring: Add to Calendar": the next session of every active partnership (or of one) as an
 * iCalendar file (core/mentoring/calendar), saved where the person says and opened with the
 * computer's calendar app. Importing a newer file updates the events instead of adding new ones.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { localToday } from '../../core/dates';
import { calendarEvents, calendarFileName, renderCalendar, type CalendarSource } from '../../core/mentoring';
import { plain } from '../../core/text';
import { command } from '../command';
import { MentoringStore } from '../store';

export const ADD_TO_CALENDAR_COMMAND = 'mentoring.addToCalendar';

/** `{ folder?, partnership?, out? }`: one partnership's event, or all; `out` (a path) saves without asking. */
export interface CalendarArgs {
  folder?: string;
  partnership?: string;
  out?: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function registerCalendar(store: MentoringStore): vscode.Disposable {
  return command(ADD_TO_CALENDAR_COMMAND, (arg?: unknown) => addToCalendar(store, isRecord(arg) ? (arg as CalendarArgs) : {}));
}

/** Saves the calendar file; resolves to where, or undefined when cancelled or there is nothing to add. */
export async function addToCalendar(store: MentoringStore, args: CalendarArgs): Promise<vscode.Uri | undefined> {
  await store.ready;
  const today = localToday();
  // A tree row passes itself: its folder and, for a partnership row, its id.
  const partnership = typeof args.partnership === 'string' ? args.partnership : isRecord(args) && isRecord((args as Record<string, unknown>).ref) ? partnershipOfRow(args) : undefined;
  const files = store.all().filter((f) => f.lastValid && (args.folder === undefined || f.key === args.folder));
  const sources: CalendarSource[] = files.map((f) => ({ file: calendarFileName(f.uri.fsPath), model: f.lastValid! }));
  let events = calendarEvents(sources, today);
  if (partnership !== undefined) events = events.filter((e) => e.partnership === partnership);
  if (!events.length) {
    void vscode.window.showInformationMessage(
      partnership !== undefined
        ? vscode.l10n.t('Partnership “{0}” has no next session to add: it is paused or ended, or has no cadence.', plain(partnership))
        : vscode.l10n.t('No active partnership has a next session to add: set a cadence to plan them.'),
    );
    return undefined;
  }
  const text = renderCalendar(events, today);
  let target: vscode.Uri | undefined;
  if (typeof args.out === 'string') target = vscode.Uri.file(args.out);
  else {
    const folder = files[0]?.folder.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = partnership !== undefined ? `mentoring-${partnership.replace(/[^a-z0-9._-]+/gi, '-')}.ics` : 'mentoring-sessions.ics';
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Add to Calendar: save the sessions as an iCalendar file'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [vscode.l10n.t('iCalendar')]: ['ics'] },
      saveLabel: vscode.l10n.t('Save'),
    });
  }
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  const where = plain(path.basename(target.fsPath));
  const open = vscode.l10n.t('Open in Calendar');
  const message = events.length === 1 ? vscode.l10n.t('Saved the next session, {0}, in {1}.', events[0].date, where) : vscode.l10n.t('Saved {0} next sessions in {1}.', events.length, where);
  if (typeof args.out === 'string') void vscode.window.showInformationMessage(message);
  else {
    void vscode.window.showInformationMessage(message, open).then((picked) => {
      // The system opens .ics files with its calendar app, which offers to import them.
      if (picked === open) void vscode.env.openExternal(target as vscode.Uri);
    });
  }
  return target;
}

function partnershipOfRow(row: Record<string, unknown>): string | undefined {
  const ref = row.ref as Record<string, unknown>;
  return ref.section === 'partnerships' && typeof ref.id === 'string' ? ref.id : undefined;
}
