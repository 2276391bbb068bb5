/**
 * What the VS Code test runners share (test/integration/run.ts, test/package/run.ts): a user-data
 * folder with quiet settings, a temporary folder kept on request, the runner's exit code, and, inside the
 * extension host, the mocha run over the test files (test/integration/index.ts, test/package/index.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Mocha from 'mocha';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** User settings for a test window: the demo's quiet ones (no welcome page, chat or update checks), for faster runs and clearer screenshots. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QUIET_SETTINGS } = require(path.join(ROOT, 'scripts', 'vscode-host', 'server.js')) as { QUIET_SETTINGS: Record<string, unknown> };

/**
 * What the extension under test gets in its environment: its private notes in a folder of the run
 * (never the real user's), and where the test window keeps its settings and logs, for the tests
 * that prove private text never gets there.
 */
export function testEnv(tmp: string): Record<string, string> {
  return { PEER_MENTORING_NOTES_DIR: path.join(tmp, 'private-notes'), PM_USER_DATA_DIR: path.join(tmp, 'user-data') };
}

/** A user-data folder under `tmp` with {@link QUIET_SETTINGS}; returns its path. */
export function userDataDir(tmp: string): string {
  const dir = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(dir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  return dir;
}

/**
 * Runs `body` with a fresh temporary folder and resolves to the process exit code: 0, or the
 * failed run's code (1 when it has none), after printing `what failed: reason`. The folder is
 * removed afterwards, or kept and named with `PM_KEEP_WORKSPACE=1`.
 */
export async function inTempDir(prefix: string, what: string, body: (tmp: string) => Promise<void>, hint?: (e: unknown) => string | undefined): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    await body(tmp);
    return 0;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    console.error(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    const more = hint?.(e);
    if (more) console.error(more);
    return typeof code === 'number' && code !== 0 ? code : 1;
  } finally {
    if (process.env.PM_KEEP_WORKSPACE === '1') console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs `main` when the file is the process's entry point, exiting with its code. */
export function runAsMain(mod: NodeJS.Module, main: () => Promise<number>): void {
  if (require.main !== mod) return;
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

/** Test files under `dir` (and its folders) whose names end with `suffix`, sorted. */
export function findTests(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

/**
 * Inside the extension host: runs `files` with mocha (bdd, spec output on the console, which the
 * host forwards, and the counts to `PM_RESULTS_FILE` through scripts/mocha-reporter.js). Rejects
 * when a test fails, so that the run's exit code is non-zero.
 */
export function runMocha(files: string[], what: string, grep?: string): Promise<void> {
  // A test of the real workbench that fails is run once more (the reporter prints each retry with its
  // error): clicks and menus race the workbench's own rendering now and then; a real failure fails twice.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, retries: 1, color: false, reporter: path.join(ROOT, 'scripts', 'mocha-reporter.js'), grep: grep || undefined });
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} ${what} test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
