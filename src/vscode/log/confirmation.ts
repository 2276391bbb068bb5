/**
 * What the user is told after a session is logged: who it was with, when, and what was written.
 */
import * as vscode from 'vscode';
import { shortDate } from '../../core/dates';
import {
  FlowContext,
  LogPlan,
  partnershipName,
} from '../../core/mentoring';
import { Session } from '../../core/file';
import { plain } from '../../core/text';

export interface Logged {
  folder: string;
  /** The partnership's id (a new one when the flow made it). */
  partnership: string;
  session: Session;
  /** Position of the session in `sessions:`. */
  index: number;
  nextDue?: string;
  /** The file on this machine that kept the session's private notes. */
  privateNotes?: string;
}


export function nameOf(ctx: FlowContext, plan: LogPlan): string {
  if (plan.newPartnership) {
    const others = plan.newPartnership.members.filter((m) => m !== ctx.me);
    return others.map((m) => ctx.file.partners.find((p) => p.id === m)?.name ?? m).join(', ');
  }
  const p = ctx.file.partnerships.find((x) => x.id === plan.session.partnership);
  return p ? partnershipName(ctx, p) : plan.session.partnership;
}

/** "Logged the session with Bob on 30 Nov. Next one due 14 Dec." */
export function confirmation(logged: Logged, name: string, today: string): string {
  const s = logged.session;
  const who = plain(name);
  const when = shortDate(s.date, today);
  const what =
    s.status === 'held'
      ? vscode.l10n.t('Logged the session with {0} on {1}.', who, when)
      : s.status === 'cancelled'
        ? vscode.l10n.t('Logged the cancelled session with {0} on {1}.', who, when)
        : s.to
          ? vscode.l10n.t('Logged the session with {0} on {1} as rescheduled to {2}.', who, when, shortDate(s.to, today))
          : vscode.l10n.t('Logged the session with {0} on {1} as rescheduled.', who, when);
  return logged.nextDue ? `${what} ${vscode.l10n.t('Next one due {0}.', shortDate(logged.nextDue, today))}` : what;
}
