/**
 * Sessions kept as drafts: notes written but not logged yet, kept in the workspace state (never
 * their private text, which stays in the private notes store) and offered when logging again.
 */
import * as vscode from 'vscode';
import { shortDate } from '../../core/dates';
import {
  LogPlan,
  Prefill,
} from '../../core/mentoring';
import { plain } from '../../core/text';
import { asked } from '../confirmWrite';
import type { PrivateNotes } from '../notes';

import { TITLE } from './steps';

/**
 * A session whose notes are being written (or were, in an editor since closed): kept in the
 * workspace state from the moment the notes editor opens until the session is logged or the draft
 * discarded, so that nothing typed is lost, whether the editor is closed with "Don't Save" or the
 * window is reloaded.
 */
export interface Draft {
  id: string;
  folder: string;
  plan: LogPlan;
  /** Who the session was with, as the flow named them. */
  name: string;
  notes: string;
  /** The session has private notes: they wait in the notes file under the draft's id, not here. */
  private?: boolean;
}

export const DRAFTS_KEY = 'mentoring.sessionDrafts';

export function isEmptyPrefill(p: Prefill): boolean {
  return p.partnership === undefined && p.partner === undefined && !p.goals?.length && p.notes === undefined && p.date === undefined;
}

/** The plan without the text of its private notes (which must not be kept with it in the workspace state). */
export function withoutPrivateText(plan: LogPlan): LogPlan {
  if (plan.privateNotes === undefined) return plan;
  const rest = { ...plan };
  delete rest.privateNotes;
  return rest;
}

export function newDraftId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function isDraft(x: unknown): x is Draft {
  const d = x as Partial<Draft> | undefined;
  return (
    isRecord(d) &&
    typeof d.id === 'string' &&
    typeof d.folder === 'string' &&
    typeof d.name === 'string' &&
    typeof d.notes === 'string' &&
    isRecord(d.plan) &&
    isRecord(d.plan.session) &&
    typeof d.plan.session.date === 'string' &&
    typeof d.plan.session.partnership === 'string'
  );
}

/** Drafts first: finish one, or start a new session; undefined on Escape. */
export async function pickDraft(drafts: Draft[], today: string): Promise<Draft | 'new' | undefined> {
  type Item = vscode.QuickPickItem & { draft?: Draft };
  const items: Item[] = [
    ...[...drafts].reverse().map((d) => ({
      label: `$(edit) ${vscode.l10n.t('Session with {0} on {1}', plain(d.name), shortDate(d.plan.session.date, today))}`,
      description: vscode.l10n.t('draft'),
      detail: d.notes.trim() ? plain(d.notes.trim().split('\n')[0]) : vscode.l10n.t('no notes yet'),
      draft: d,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(add) ${vscode.l10n.t('A new session…')}` },
  ];
  const shown = vscode.window.showQuickPick(items, { title: TITLE(), placeHolder: vscode.l10n.t('Finish a session kept as a draft, or log a new one') });
  const picked = await asked({ title: TITLE(), step: 0, items: items.map((i) => i.label) }, Promise.resolve(shown));
  return picked ? (picked.draft ?? 'new') : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The drafts of a workspace, in its state. */
export class SessionDrafts {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly notes?: PrivateNotes,
  ) {}

  /** The sessions kept as drafts (notes written, not logged yet), oldest first. */
  all(): Draft[] {
    const all = this.memento.get<unknown>(DRAFTS_KEY);
    return Array.isArray(all) ? all.filter(isDraft) : [];
  }

  async save(draft: Draft): Promise<void> {
    const others = this.all().filter((d) => d.id !== draft.id);
    // Never private text in the workspace state: a draft's private notes are in the notes file.
    await this.memento.update(DRAFTS_KEY, [...others, { ...draft, plan: withoutPrivateText(draft.plan) }]);
  }

  /** Forgets a draft (its notes with it, shared and private). */
  async discard(id: string): Promise<void> {
    const draft = this.all().find((d) => d.id === id);
    await this.memento.update(DRAFTS_KEY, this.all().filter((d) => d.id !== id));
    // Its private notes (after a log they are on the session already, and this finds none).
    if (draft?.private && this.notes) await this.notes.setDraft(draft.folder, id, '').catch(() => undefined);
  }
}
