/**
 * Peer Mentoring's entry point. `activate()` stays short: it wires up providers and commands
 * (each registration goes into `context.subscriptions`) and leaves all heavy work to later.
 */
import * as vscode from 'vscode';
import { registerAddPartnership } from './addPartnership';
import { CadenceStatus, registerCadenceStatus } from './cadenceStatus';
import { registerCommands } from './commands';
import { writeLog } from './confirmWrite';
import { registerDiagnostics } from './diagnostics';
import { GeneratedDocuments, registerGeneratedDocuments } from './generatedDocs';
import { Identity } from './identity';
import { registerLogSession, SessionLogger } from './log';
import { Overview, registerCalendar, registerOverview, registerRecord } from './overview';
import { registerPrepareSession } from './prepareSession';
import { PrivateNotes, registerPrivateNotes } from './notes';
import { registerReviewPanel, ReviewPanels } from './review';
import { LineLabels, registerScmView, ReviewPrompts, registerReviewPrompts, ScmMentoringView } from './review';
import { registerRowDetails } from './rowDetailsView';
import { MentoringStore } from './store';
import { registerSuggestions, SuggestionsView } from './suggestions';
import { PartnersTree, VIEW_ID } from './tree';
import type { Row } from '../core/view';

/** What `activate` returns: handles for the integration tests. */
export interface MentoringApi {
  testing: {
    store: MentoringStore;
    tree: PartnersTree;
    partnersView: vscode.TreeView<Row>;
    identity: Identity;
    reviewPrompts: ReviewPrompts;
    scmView: ScmMentoringView;
    lineLabels: LineLabels;
    logSession: SessionLogger;
    cadence: CadenceStatus;
    suggestions: SuggestionsView;
    reviews: ReviewPanels;
    writes: typeof writeLog;
    privateNotes: PrivateNotes;
    generated: GeneratedDocuments;
    overview: Overview;
  };
}

export function activate(context: vscode.ExtensionContext): MentoringApi {
  const store = new MentoringStore();
  const identity = new Identity();
  const privateNotes = new PrivateNotes(store);
  const tree = new PartnersTree(store, identity, privateNotes);
  const partnersView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(
    store,
    identity,
    privateNotes,
    tree,
    partnersView,
    registerDiagnostics(store),
    registerCommands(store, tree, identity),
    registerPrivateNotes(store, privateNotes),
  );
  const reviews = registerReviewPanel(context, store, identity, privateNotes);
  const reviewPrompts = registerReviewPrompts(context, store, identity);
  const scmView = registerScmView(context, reviewPrompts);
  const lineLabels = new LineLabels(reviewPrompts);
  context.subscriptions.push(lineLabels);
  const logSession = registerLogSession(context, store, identity, privateNotes);
  const cadence = registerCadenceStatus(context, store, identity);
  const generated = registerGeneratedDocuments(context);
  context.subscriptions.push(registerRowDetails(generated));
  const suggestions = registerSuggestions(context, store, generated);
  registerAddPartnership(context, store, identity);
  registerPrepareSession(context, store, identity, privateNotes, generated);
  const overview = registerOverview(context, store, identity, suggestions);
  context.subscriptions.push(registerRecord(store, identity), registerCalendar(store));
  return { testing: { store, tree, partnersView, identity, reviewPrompts, scmView, lineLabels, logSession, cadence, suggestions, reviews, writes: writeLog, privateNotes, generated, overview } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
