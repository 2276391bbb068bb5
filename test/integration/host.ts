/**
 * The integration tests' handle on the browser side of the test host (scripts/vscode-host/code.js):
 * screenshots and keyboard/mouse/DOM access that code inside the extension host cannot do itself.
 *
 *   await host.screenshot('tree');          // -> test/.output/tree.png
 *   await host.press('F1');
 *   await host.type('Mentoring: Log');
 *   await host.domText('.monaco-list-row'); // innerText of every match
 *   await host.click('.monaco-list-row[aria-label=".mentoring.yml"]');
 *
 * Each call logs one request line (`@@pm-host {json}`) that the driver reads from the extension
 * host's console, and waits for the driver's reply file in the folder named by `PM_VSCODE_DRIVER`.
 * Under desktop VS Code there is no driver: `host.available` is false, the calls reject, and
 * `host.requireDriver(this)` skips the calling test with the reason.
 */
import * as fs from 'fs';
import * as path from 'path';

export type HostRequest =
  | { op: 'screenshot'; file: string }
  | { op: 'press'; key: string }
  | { op: 'type'; text: string }
  | { op: 'domText'; selector: string; frames?: string[] }
  | { op: 'click'; selector: string; frames?: string[] }
  | { op: 'afterText'; selector: string; frames?: string[] }
  | { op: 'rects'; selector: string; frames?: string[] }
  | { op: 'widths'; selector: string; frames?: string[] }
  | { op: 'move'; x: number; y: number }
  | { op: 'drag'; x: number; y: number; toX: number; toY: number };

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Where screenshots go: `test/.output/` in the repository (git-ignored). */
export const OUTPUT_DIR = path.resolve(__dirname, '..', '..', '..', 'test', '.output');
const REQUEST = '@@pm-host ';
const DEFAULT_TIMEOUT = 30000;

let nextId = 1;

export class Host {
  /** `channel`: the driver's reply folder (the test host sets PM_VSCODE_DRIVER). */
  constructor(private readonly channel: string | undefined = process.env.PM_VSCODE_DRIVER) {}

  get available(): boolean {
    return !!this.channel && fs.existsSync(this.channel);
  }

  /** Why the UI helpers cannot run here (empty when they can). */
  get reason(): string {
    return this.available ? '' : 'no browser driver: the UI helpers need the code-server test host (PM_VSCODE_HOST=code-server)';
  }

  /** Skips the calling test, with the reason on the console, when there is no driver. */
  requireDriver(test: Mocha.Context): void {
    if (this.available) return;
    console.log(`      (skipped "${test.test?.title ?? ''}": ${this.reason})`);
    test.skip();
  }

  /** Saves a PNG of the whole workbench to `test/.output/NAME.png`; returns its path. */
  async screenshot(name: string): Promise<string> {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-'`);
    return (await this.request({ op: 'screenshot', file: path.join(OUTPUT_DIR, `${name}.png`) })) as string;
  }

  /** Presses a key or chord, in Playwright's names: 'F1', 'Enter', 'Escape', 'Control+P'. */
  async press(key: string): Promise<void> {
    await this.request({ op: 'press', key });
  }

  /** Types text into whatever has the keyboard focus. */
  async type(text: string): Promise<void> {
    await this.request({ op: 'type', text });
  }

  /** The innerText of every element matching `selector` (inside the `frames` iframe chain, if given). */
  async domText(selector: string, frames?: string[]): Promise<string[]> {
    return (await this.request({ op: 'domText', selector, frames })) as string[];
  }

  /** The CSS `::after` content of every element matching `selector` that has one (as CSS writes it: quoted). */
  async afterText(selector: string, frames?: string[]): Promise<string[]> {
    return (await this.request({ op: 'afterText', selector, frames })) as string[];
  }

  /** The innerText and bounding box (CSS pixels) of every element matching `selector`. */
  async rects(selector: string, frames?: string[]): Promise<{ text: string; left: number; top: number; right: number; bottom: number }[]> {
    return (await this.request({ op: 'rects', selector, frames })) as { text: string; left: number; top: number; right: number; bottom: number }[];
  }

  /**
   * The innerText, scroll and client widths and left edge (CSS pixels) of every element matching
   * `selector`: an element whose scrollWidth is over its clientWidth has text cut off.
   */
  async widths(selector: string, frames?: string[]): Promise<{ text: string; scrollWidth: number; clientWidth: number; left: number }[]> {
    return (await this.request({ op: 'widths', selector, frames })) as { text: string; scrollWidth: number; clientWidth: number; left: number }[];
  }

  /** Clicks the first element matching `selector` (inside the `frames` iframe chain, if given). */
  async click(selector: string, frames?: string[]): Promise<void> {
    await this.request({ op: 'click', selector, frames });
  }

  /** Moves the mouse to page coordinates (CSS pixels of the 1280×800 page). */
  async move(x: number, y: number): Promise<void> {
    await this.request({ op: 'move', x, y });
  }

  /** Presses the mouse at (x, y), moves it to (toX, toY) and lets go: drags a sash, for one. */
  async drag(x: number, y: number, toX: number, toY: number): Promise<void> {
    await this.request({ op: 'drag', x, y, toX, toY });
  }

  /** Sends one request and waits for its reply. */
  async request(req: HostRequest, timeoutMs = DEFAULT_TIMEOUT): Promise<unknown> {
    if (!this.available || !this.channel) throw new Error(`unavailable: ${this.reason}`);
    const id = nextId++;
    const file = path.join(this.channel, `reply-${id}.json`);
    console.log(`${REQUEST}${JSON.stringify({ id, ...req })}`);
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`the test host did not answer ${req.op} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const reply = JSON.parse(fs.readFileSync(file, 'utf8')) as Reply;
    fs.rmSync(file, { force: true });
    if (!reply.ok) throw new Error(`${req.op} failed in the browser: ${reply.error ?? 'no reason given'}`);
    return reply.value;
  }
}

export const host = new Host();

type Falsy = false | 0 | '' | null | undefined;

/**
 * Polls `check` until it returns a truthy value (and returns it); rejects after `timeoutMs`, naming `what`.
 * The default is generous: a workbench on a busy 2-core machine can take many seconds to render, and a
 * wait that succeeds returns as soon as it does.
 */
export async function waitFor<T>(what: string, check: () => T | Falsy | Promise<T | Falsy>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
