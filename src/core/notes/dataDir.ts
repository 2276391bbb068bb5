/**
 * Where Peer Mentoring keeps data that belongs to the user, not to a repository: the platform's
 * per-user data folder, as the platform's own conventions name it.
 *
 * | platform | folder                                                         |
 * | -------- | -------------------------------------------------------------- |
 * | Linux    | `$XDG_DATA_HOME/peer-mentoring` (default `~/.local/share/…`)   |
 * | macOS    | `~/Library/Application Support/peer-mentoring`                 |
 * | Windows  | `%APPDATA%\peer-mentoring` (default `~\AppData\Roaming\…`)     |
 */
import * as os from 'os';
import * as path from 'path';

/** The environment variable that points the private notes at another folder (the tests use it). */
export const NOTES_DIR_ENV = 'PEER_MENTORING_NOTES_DIR';

/** The platform's per-user data folder (not yet Peer Mentoring's own folder in it). */
export function userDataHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const home = env.HOME || (platform === 'win32' ? env.USERPROFILE : undefined) || os.homedir();
  const absolute = (v: string | undefined): v is string => !!v && p.isAbsolute(v);
  if (platform === 'win32') return absolute(env.APPDATA) ? env.APPDATA : p.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  // The XDG base directory specification: a relative value is invalid and is ignored.
  return absolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : p.join(home, '.local', 'share');
}

/** The folder of the private notes: one file per repository. */
export function privateNotesDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const override = env[NOTES_DIR_ENV];
  if (override && p.isAbsolute(override)) return override;
  return p.join(userDataHome(env, platform), 'peer-mentoring', 'notes');
}
