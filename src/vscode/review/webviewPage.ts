/**
 * What the hosts of both panels (the goal review and the Team Overview) give their webview: its
 * options and, from a bundle of dist/, its icon and page.
 */
import * as vscode from 'vscode';
import { buildReviewHtml, makeNonce } from './reviewHtml';

/** Scripts on; resources only from dist/ and media/; the page is built again when the panel is shown. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * Gives the panel the extension's icon and the page of dist/`bundle`.js and .css (with its title and
 * loading line). A page that cannot be built disposes the panel and throws.
 */
export function showWebviewPage(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, bundle: string, text: { title?: string; loading?: string } = {}): void {
  const webview = panel.webview;
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mentoring.svg');
  try {
    webview.html = buildReviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', `${bundle}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', `${bundle}.css`)).toString(),
      ...text,
    });
  } catch (e) {
    panel.dispose();
    throw e;
  }
}
