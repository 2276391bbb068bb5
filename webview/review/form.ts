/** A goal's review form: validates progress, posts `saveReview`, shows pending and then the host's answer. */
import { GOAL_STATUSES } from '../../src/core/file';
import type { GoalStatus } from '../../src/core/file';
import { parseProgress } from '../../src/protocol/review';
import type { GoalView, HostToWebview, ReviewInput, ReviewPanelData } from '../../src/protocol/review';
import { h, lockIcon } from '../shared/dom';
import { post, saveState, state } from './state';
import type { Draft } from './state';

type SaveResult = Extract<HostToWebview, { type: 'saveResult' }>;

/** requestId → goal id, for saves the host has not answered yet. */
const pending = new Map<string, string>();
/** goal id → the last answer, shown until the next save; `warning`: saved, but not all of it. */
const results = new Map<string, { ok: boolean; message: string; warning?: string }>();
/** goal id → the form on screen (replaced on every render). */
const views = new Map<string, { update(): void; saved(keepReflection: boolean): void }>();
/**
 * goal id → the private reflection being typed. Never in the webview's saved state (VS Code keeps
 * that on disk): in this page's memory, and in the host's, which gives it back after the panel was hidden.
 */
const reflections = new Map<string, string>();
let sequence = 0;

const isPending = (goalId: string): boolean => [...pending.values()].includes(goalId);

/** The reviewer to preselect: the current user if a member, else the goal's first mentor. */
function defaultReviewer(goal: GoalView, data: ReviewPanelData): string {
  const members = data.partnership.members.map((m) => m.id);
  if (data.me && members.includes(data.me)) return data.me;
  return goal.mentors[0]?.id ?? members[0] ?? '';
}

export function reviewForm(goal: GoalView, index: number, data: ReviewPanelData): HTMLFormElement {
  const idp = `g${index}`;
  const draft: Draft = state.drafts[goal.id] ?? {
    progress: goal.progress !== undefined ? String(goal.progress) : '',
    status: goal.status,
    note: '',
    by: defaultReviewer(goal, data),
  };

  const progress = h('vscode-textfield', { id: `${idp}-progress`, 'aria-describedby': `${idp}-progress-error` });
  progress.value = draft.progress;
  const progressError = h('p', { id: `${idp}-progress-error`, class: 'field-error', role: 'alert' });
  const status = h(
    'vscode-single-select',
    { id: `${idp}-status` },
    ...GOAL_STATUSES.map((st) => h('vscode-option', { value: st, selected: st === draft.status }, st)),
  );
  status.value = draft.status;
  const by = h(
    'vscode-single-select',
    { id: `${idp}-by` },
    ...data.partnership.members.map((m) => h('vscode-option', { value: m.id, selected: m.id === draft.by }, m.name)),
  );
  by.value = draft.by;
  const note = h('vscode-textarea', { id: `${idp}-note`, rows: 3, resize: 'vertical' });
  note.value = draft.note;
  // A private reflection beside the review: only when this machine can keep it.
  const canReflect = data.private !== undefined && data.private.error === undefined;
  const reflection = canReflect ? h('vscode-textarea', { id: `${idp}-reflection`, rows: 3, resize: 'vertical', 'aria-describedby': `${idp}-reflection-hint` }) : undefined;
  if (reflection) reflection.value = reflections.get(goal.id) ?? data.private?.drafts.find((d) => d.goal === goal.id)?.text ?? '';
  const save = h('vscode-button', { id: `${idp}-save`, type: 'submit' }, 'Save review');
  const busy = h('vscode-progress-ring', { class: 'busy', 'aria-label': 'Saving' });
  const statusText = h('span', { id: `${idp}-save-status`, class: 'save-status', role: 'status' });
  const errorText = h('span', { id: `${idp}-save-error`, class: 'save-error', role: 'alert' });

  const field = (label: string, control: HTMLElement, ...extra: HTMLElement[]): HTMLElement =>
    h('div', { class: 'field' }, h('vscode-label', { for: control.id }, label), control, ...extra);

  const form = h(
    'form',
    { class: 'review-form', novalidate: true, 'aria-labelledby': `${idp}-form-title`, 'data-goal': goal.id },
    h('h4', { id: `${idp}-form-title` }, 'Review this goal'),
    h(
      'div',
      { class: 'fields' },
      field('Progress (0–100)', progress, progressError),
      field('Status', status),
      field('Reviewer', by),
    ),
    field('Note (in the file)', note),
    reflection
      ? h(
          'div',
          { class: 'field private-field' },
          h('vscode-label', { for: reflection.id }, lockIcon(), 'Private reflection — only on this machine'),
          reflection,
          h('p', { id: `${idp}-reflection-hint`, class: 'muted hint' }, 'Kept on this computer with your private notes; never written to the mentoring file or to git.'),
        )
      : undefined,
    h('div', { class: 'form-actions' }, save, busy, statusText, errorText),
  );

  const readDraft = (): Draft => ({ progress: progress.value, status: status.value as GoalStatus, note: note.value, by: by.value });
  const check = (): number | undefined => {
    const parsed = parseProgress(progress.value);
    progress.invalid = !parsed.ok;
    progressError.textContent = parsed.ok ? '' : parsed.message;
    return parsed.ok ? parsed.value : undefined;
  };
  const remember = (): void => {
    state.drafts[goal.id] = readDraft();
    saveState();
    if (progress.invalid) check();
  };
  for (const control of [progress, status, by, note]) {
    control.addEventListener('input', remember);
    control.addEventListener('change', remember);
  }
  const rememberReflection = (): void => {
    if (!reflection) return;
    if (reflection.value) reflections.set(goal.id, reflection.value);
    else reflections.delete(goal.id);
    post({ type: 'reflectionDraft', goalId: goal.id, text: reflection.value });
  };
  reflection?.addEventListener('input', rememberReflection);
  reflection?.addEventListener('change', rememberReflection);

  const update = (): void => {
    const waiting = isPending(goal.id);
    const result = results.get(goal.id);
    save.disabled = waiting;
    busy.hidden = !waiting;
    form.setAttribute('aria-busy', String(waiting));
    statusText.textContent = waiting ? 'Saving…' : result?.ok ? result.message : '';
    errorText.textContent = waiting || !result ? '' : result.ok ? (result.warning ?? '') : result.message;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (isPending(goal.id)) return;
    const value = check();
    if (value === undefined) {
      progress.focus();
      return;
    }
    const { status: st, note: text, by: reviewer } = readDraft();
    if (!reviewer) {
      results.set(goal.id, { ok: false, message: 'Choose a reviewer.' });
      update();
      return;
    }
    const review: ReviewInput = { progress: value, status: st, by: reviewer };
    if (text.trim()) review.note = text.trim();
    const requestId = `${goal.id}#${Date.now().toString(36)}.${++sequence}`;
    pending.set(requestId, goal.id);
    results.delete(goal.id);
    update();
    const privateText = reflection?.value.trim();
    post({ type: 'saveReview', requestId, goalId: goal.id, review, ...(privateText ? { reflection: privateText } : {}) });
  });

  views.set(goal.id, {
    update,
    saved: (keepReflection) => {
      note.value = '';
      delete state.drafts[goal.id];
      saveState();
      if (reflection && !keepReflection) {
        reflection.value = '';
        reflections.delete(goal.id);
      }
    },
  });
  update();
  return form;
}

/** Applies the host's answer to a save; answers to unknown requests are ignored. */
export function applySaveResult(message: SaveResult): void {
  const goalId = pending.get(message.requestId);
  if (goalId === undefined) return;
  pending.delete(message.requestId);
  results.set(goalId, message.ok ? { ok: true, message: 'Review saved.', warning: message.warning } : { ok: false, message: `Not saved: ${message.message}` });
  if (message.ok) views.get(goalId)?.saved(message.warning !== undefined);
  views.get(goalId)?.update();
}

/** Forgets forms that are no longer on screen (called before each render). */
export function resetFormViews(): void {
  views.clear();
}
