/** Driving "Log mentoring session" from the keyboard in the real workbench (code-server's driver). */
import * as assert from 'assert';
import { host, waitFor } from './host';

/** Opens the command palette and runs "Mentoring: Log Mentoring Session", the first match for its own words. */
export async function openLogSession(): Promise<void> {
  await host.press('Escape');
  await host.press('F1');
  await waitFor('the command palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).length > 0);
  await host.type('Mentoring: Log Mentoring Session');
  await waitFor('the command in the palette', async () => (await host.domText('.quick-input-list .monaco-list-row')).some((t) => t.includes('Log Mentoring Session')));
  // The headline command is the first match for its own words: Enter runs it.
  const focused = await host.domText('.quick-input-list .monaco-list-row.focused');
  assert.ok(focused[0]?.startsWith('Mentoring: Log Mentoring Session'), `the first match is ${JSON.stringify(focused)}`);
  await host.press('Enter');
}

/** Waits until the quick input shows step `step` with `text` somewhere in it. */
export async function quickInput(step: string, text: string): Promise<string> {
  return waitFor(`the quick input at ${step} showing "${text}"`, async () => {
    const [widget] = await host.domText('.quick-input-widget');
    return widget?.includes(`Log mentoring session (${step})`) && widget.includes(text) && widget;
  }).catch(async (e: Error) => {
    await host.screenshot('log-session-failure');
    throw new Error(`${e.message}; the widget shows: ${JSON.stringify(await host.domText('.quick-input-widget'))}`);
  });
}

export async function typeAndEnter(text: string, replace = false): Promise<void> {
  if (replace) await host.press('Control+A');
  if (text) await host.type(text);
  await host.press('Enter');
}

