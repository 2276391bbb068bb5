/**
 * "Mentoring: Show My Record": the user's mentoring record (core/mentoring/record) over a period
 * they pick, as Markdown in a new editor, ready to paste into a review or a promotion case. Built
 * from the shared files and git (in a trusted workspace); private notes are never part of it.
 */
import * as vscode from 'vscode';
import { localToday } from '../../core/dates';
import { buildRecord, goalsAchievedIn, presetPeriod, renderRecordMarkdown, type Period, type PeriodPreset, type RecordSource } from '../../core/mentoring';
import { evidenceGoalsOf } from '../../core/review';
import { mdText, plain } from '../../core/text';
import { readEvidence } from '../../git/evidence';
import { command } from '../command';
import { evidenceBlocked } from '../evidence';
import type { Identity } from '../identity';
import { MentoringStore } from '../store';
import { fileLabel } from './overviewPanel';

export const RECORD_COMMAND = 'mentoring.showMyRecord';

/** `{ person?, period? }` from code: a partner id or email, and a preset period (default: asked). */
export interface RecordArgs {
  person?: string;
  period?: PeriodPreset;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function registerRecord(store: MentoringStore, identity: Identity): vscode.Disposable {
  return command(RECORD_COMMAND, (arg?: unknown) => showRecord(store, identity, isRecord(arg) ? (arg as RecordArgs) : {}));
}

export async function showRecord(store: MentoringStore, identity: Identity, args: RecordArgs): Promise<vscode.TextDocument | undefined> {
  await store.ready;
  const files = store.all().filter((f) => f.lastValid);
  if (!files.length) throw new Error(vscode.l10n.t('There is no valid mentoring file in this workspace.'));
  let person = args.person;
  if (person === undefined) {
    for (const f of files) {
      person = await identity.resolve(f.folder, f.lastValid);
      if (person !== undefined) break;
    }
  }
  if (person === undefined) {
    throw new Error(vscode.l10n.t('Who are you in the mentoring file? Set “mentoring.me” to your partner id, or add your git email to your partner’s emails.'));
  }
  const today = localToday();
  let period: Period;
  if (args.period !== undefined) period = presetPeriod(args.period, today);
  else {
    const presets: [PeriodPreset, string][] = [
      ['this-quarter', vscode.l10n.t('This quarter')],
      ['last-quarter', vscode.l10n.t('Last quarter')],
      ['last-12-months', vscode.l10n.t('Last 12 months')],
      ['all', vscode.l10n.t('All time')],
    ];
    const picked = await vscode.window.showQuickPick(
      presets.map(([preset, label]) => {
        const p = presetPeriod(preset, today);
        return { label, description: p.since ? `${p.since} – ${p.until}` : undefined, preset };
      }),
      { title: vscode.l10n.t('Show My Record'), placeHolder: vscode.l10n.t('Which period?') },
    );
    if (!picked) return undefined;
    period = presetPeriod(picked.preset, today);
  }
  const sources: RecordSource[] = [];
  const notes: string[] = [];
  for (const f of files) {
    const model = f.lastValid!;
    const source: RecordSource = { file: fileLabel(f), model };
    const goals = goalsAchievedIn(model, period).map((a) => a.goal);
    const blocked = goals.length ? evidenceBlocked(f.folder) : undefined;
    if (blocked) notes.push(blocked);
    else if (goals.length) {
      try {
        source.evidence = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading evidence commits') }, () =>
          readEvidence(f.folder.uri.fsPath, evidenceGoalsOf(model, goals), { maxCommits: 10_000 }),
        );
      } catch (e) {
        notes.push(vscode.l10n.t('Git history could not be read: {0}', e instanceof Error ? e.message : String(e)));
      }
    }
    sources.push(source);
  }
  const record = buildRecord(sources, person, period);
  if (!record) throw new Error(vscode.l10n.t('“{0}” is not a partner in the mentoring files.', plain(person)));
  const content = renderRecordMarkdown(record) + (notes.length ? `\n${mdText(`No evidence commits listed: ${[...new Set(notes)].join(' ')}`)}\n` : '');
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
