/**
 * The questions a new partnership needs, shared by "Add Partnership…" and a suggestion's "Create
 * Partnership": what kind (mutual, or who mentors whom: one step for both) and how often its
 * members meet. Names are untrusted and shown through `plain`.
 */
import * as vscode from 'vscode';
import type { PartnershipKind } from '../core/file';
import { plain } from '../core/text';
import { MAX_CADENCE_DAYS } from '../core/file';
import { asked } from './confirmWrite';

export const DEFAULT_CADENCE = 14;

export interface Person {
  /** A partner id, or any key the caller knows the person by. */
  id: string;
  name: string;
}

export interface KindAnswer {
  kind: PartnershipKind;
  /** For one-way: the mentor's id. */
  mentor?: string;
}

export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
}

/** "Ana, Ben and Chen" (names already made plain). */
export function joinNames(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} ${vscode.l10n.t('and')} ${list[list.length - 1]}`;
}

function names(people: readonly Person[]): string {
  return joinNames(people.map((p) => plain(p.name)));
}

/**
 * Mutual, or one of the members as the mentor of the others; `detail` says more about an answer
 * (what each would teach, for a suggestion). Undefined on Escape.
 */
export async function askKind(members: readonly Person[], at: StepPosition, detail: (answer: KindAnswer) => string | undefined = () => undefined, preferred?: KindAnswer): Promise<KindAnswer | undefined> {
  type Item = vscode.QuickPickItem & { answer: KindAnswer };
  const mutual: KindAnswer = { kind: 'mutual' };
  const items: Item[] = [
    { label: `$(arrow-swap) ${vscode.l10n.t('Mutual: each mentors the other')}`, description: 'mutual', detail: detail(mutual), answer: mutual },
    ...members.map((m): Item => {
      const answer: KindAnswer = { kind: 'one-way', mentor: m.id };
      return { label: `$(arrow-right) ${vscode.l10n.t('{0} mentors {1}', plain(m.name), names(members.filter((o) => o.id !== m.id)))}`, description: 'one-way', detail: detail(answer), answer };
    }),
  ];
  const qp = vscode.window.createQuickPick<Item>();
  Object.assign(qp, { title: at.title, step: at.step, totalSteps: at.totalSteps, placeholder: vscode.l10n.t('What kind of partnership?'), items });
  const active = items.find((i) => i.answer.kind === preferred?.kind && i.answer.mentor === preferred?.mentor);
  if (active) qp.activeItems = [active];
  return asked({ title: at.title, step: at.step, items: items.map((i) => i.label) }, pickOne(qp, (item) => item.answer));
}

/** Days between sessions: a whole number from 1 to 365 (what the file accepts), or empty for none. Null for "no cadence", undefined on Escape. */
export function askCadence(at: StepPosition, value = DEFAULT_CADENCE): Promise<number | null | undefined> {
  const box = vscode.window.createInputBox();
  Object.assign(box, { title: at.title, step: at.step, totalSteps: at.totalSteps, prompt: vscode.l10n.t('Days between sessions (empty: no cadence)'), value: String(value) });
  const check = (t: string): string | undefined =>
    t.trim() === '' || (/^[1-9]\d{0,2}$/.test(t.trim()) && Number(t) <= MAX_CADENCE_DAYS) ? undefined : vscode.l10n.t('A whole number of days from 1 to {0}, or empty', MAX_CADENCE_DAYS);
  box.onDidChangeValue((t) => (box.validationMessage = check(t)));
  const answer = new Promise<number | null | undefined>((resolve) => {
    box.onDidAccept(() => {
      const t = box.value.trim();
      if (check(t)) return;
      resolve(t ? Number(t) : null);
    });
    box.onDidHide(() => resolve(undefined));
    box.show();
  }).finally(() => box.dispose());
  return asked({ title: at.title, step: at.step, items: [box.value] }, answer);
}

function pickOne<T extends vscode.QuickPickItem, R>(qp: vscode.QuickPick<T>, value: (item: T) => R): Promise<R | undefined> {
  return new Promise<R | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const item = qp.activeItems[0];
      if (item) resolve(value(item));
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  }).finally(() => qp.dispose());
}
