/**
 * Keeping the rhythm without nagging: one status bar item with the user's most pressing
 * partnership (click: log a session for it), and at most one gentle reminder per partnership per
 * day (core/reminders.ts decides; what was shown is kept in the workspace state). Reminders are
 * checked a little after start-up, never during activation, then every hour (the policy itself
 * allows one a day), and not at all when `mentoring.reminders.enabled` is false.
 */
import * as vscode from 'vscode';
import { localToday } from '../core/dates';
import { dueReminders, mute, readReminderState, Reminder, ReminderState } from '../core/mentoring';
import { statusLine, StatusLine, StatusSource, statusView, StatusView } from '../core/view';
import { inert, plain } from '../core/text';
import { Identity } from './identity';
import { MentoringStore } from './store';

const STATE_KEY = 'mentoring.reminders';
const FIRST_CHECK_MS = 20_000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

export interface ShownReminder extends Reminder {
  folder: string;
}

export class CadenceStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mentoring.cadence', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly timers: NodeJS.Timeout[] = [];
  /** The user's most pressing partnership (undefined: none). */
  line: StatusLine | undefined;
  /** What the item shows now (undefined: hidden). */
  view: StatusView | undefined;

  constructor(
    private readonly store: MentoringStore,
    private readonly identity: Identity,
    private readonly memento: vscode.Memento,
  ) {
    this.item.name = vscode.l10n.t('Mentoring: next session');
    this.disposables.push(
      store.onDidChange(() => this.update()),
      identity.onDidChange(() => this.update()),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.update();
      }),
    );
    void store.ready.then(() => this.update());
    this.timers.push(
      setTimeout(() => void this.checkReminders(), FIRST_CHECK_MS),
      setInterval(() => {
        this.update();
        void this.checkReminders();
      }, CHECK_EVERY_MS),
    );
  }

  /** Recomputes the status bar item. */
  update(today: string = localToday()): void {
    const sources: StatusSource[] = this.store.all().flatMap((f) => (f.lastValid ? [{ folder: f.key, file: f.lastValid, me: this.identity.me(f.folder, f.lastValid) }] : []));
    const line = (this.line = statusLine(sources, today));
    // A file with errors keeps the item in sight, with a warning.
    const errors = this.store.all().flatMap((f) => (f.exists && f.hasErrors ? [{ folder: f.key, shown: f.lastValid ? f.shown : undefined }] : []));
    const view = (this.view = statusView(line, errors));
    if (!view) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = inert(view.tooltip);
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = {
      command: view.command,
      title:
        view.command === 'mentoring.prepareSession'
          ? vscode.l10n.t('Prepare session')
          : view.command === 'mentoring.logSession'
            ? vscode.l10n.t('Log mentoring session')
            : vscode.l10n.t('Show the first problem'),
      arguments: view.arguments,
    };
    this.item.show();
  }

  /** Shows the reminders due today (none when turned off) and records them; resolves to what was shown. */
  async checkReminders(today: string = localToday()): Promise<ShownReminder[]> {
    const shown: ShownReminder[] = [];
    await this.store.ready;
    for (const file of this.store.all()) {
      const model = file.lastValid;
      if (!model) continue;
      if (!vscode.workspace.getConfiguration('mentoring', file.folder.uri).get<boolean>('reminders.enabled', true)) continue;
      const me = await this.identity.resolve(file.folder, model);
      const { reminders, state } = dueReminders(model, this.state(file.key), today, me);
      await this.save(file.key, state);
      for (const r of reminders) {
        shown.push({ ...r, folder: file.key });
        void this.remind(file.key, r);
      }
    }
    return shown;
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async remind(folder: string, r: Reminder): Promise<void> {
    const log = vscode.l10n.t('Log session');
    const later = vscode.l10n.t('Later');
    const never = vscode.l10n.t('Don’t remind me for this partnership');
    const action = await vscode.window.showInformationMessage(plain(r.message), log, later, never);
    if (action === log) await vscode.commands.executeCommand('mentoring.logSession', { folder, partnership: r.partnership });
    else if (action === never) await this.save(folder, mute(this.state(folder), r.partnership));
  }

  private state(folder: string): ReminderState {
    const all = this.memento.get<Record<string, unknown>>(STATE_KEY) ?? {};
    return readReminderState(all[folder]);
  }

  private async save(folder: string, state: ReminderState): Promise<void> {
    const all = { ...(this.memento.get<Record<string, unknown>>(STATE_KEY) ?? {}), [folder]: state };
    await this.memento.update(STATE_KEY, all);
  }
}

export function registerCadenceStatus(context: vscode.ExtensionContext, store: MentoringStore, identity: Identity): CadenceStatus {
  const status = new CadenceStatus(store, identity, context.workspaceState);
  context.subscriptions.push(status);
  return status;
}
