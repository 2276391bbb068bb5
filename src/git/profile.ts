/**
 * What the analysis reads from HEAD besides the history ({@link readProfile}): its tree, the
 * `.gitattributes` files in it, the revisions blame is told to ignore, whether `.mailmap` may be read,
 * and whether the repository is a partial clone. Each file is bounded (over its size limit it is left
 * out, with a notice), and in a partial clone which contents are present is asked first: nothing is
 * ever fetched.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseIgnoreRevs, vendoredFolders } from '../core/expertise';

/** What the analysis reads from HEAD besides the history. */
export interface RepositoryProfile {
  /** Files of HEAD's tree (no submodules, no symbolic links). */
  tree: string[];
  /** The same as a set, when it was built on the way. */
  treeSet?: ReadonlySet<string>;
  /** Text of each `.gitattributes` file in the tree, by path. */
  attributes: Record<string, string>;
  /** Revisions listed in `.git-blame-ignore-revs` and the files `blame.ignoreRevsFile` names. */
  ignoreRevs: string[];
  /** Folders of code copied from another project (`core/generated.ts`). */
  vendored: string[];
  /** A partial clone: file contents are fetched on demand, so none may be asked for. */
  partial: boolean;
  /** The files the ignored revisions were read from (`.git-blame-ignore-revs`, `blame.ignoreRevsFile`). */
  ignoreFiles: string[];
  /** Whether git may read `.mailmap` for the authors (false: too large, or its content is not in this partial clone). */
  mailmap: boolean;
  /** One line each: files of HEAD left unread (over their size limit, or missing from a partial clone). */
  notices: string[];
}

/** A profile read before at `commit`, to read the next one from the changes since. */
export interface PreviousProfile {
  commit: string;
  /** The files of `commit`'s tree. */
  tree: readonly string[];
  profile: Omit<RepositoryProfile, 'tree' | 'treeSet'>;
}

/**
 * The most of each file from HEAD that is read (bytes): larger ones are left out whole, with a notice,
 * and the analysis goes on. Real files are far smaller (a few KB); these bound the work a committed
 * file can cause.
 */
export const MAX_IGNORE_REVS_BYTES = 1024 * 1024;
export const MAX_ATTRIBUTES_BYTES = 512 * 1024;
export const MAX_MAILMAP_BYTES = 1024 * 1024;

const DEFAULT_IGNORE_REVS = '.git-blame-ignore-revs';

/** Runs git to completion; resolves with its exit code and output (never rejects for a non-zero exit). */
function runGit(repoDir: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: repoDir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', ...options.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

const CONFIG_KEYS = '^(extensions\\.partialclone|remote\\..*\\.promisor|blame\\.ignorerevsfile|mailmap\\.(file|blob)|core\\.bare)$';
const isAttributes = (path: string): boolean => path === '.gitattributes' || path.endsWith('/.gitattributes');

/** Whether the repository is a partial clone, and the files of ignored revisions, from `git config -z` output. */
function parseConfig(out: Buffer): { partial: boolean; ignoreFiles: string[]; mailmapFile?: string; mailmapBlob?: string; bare: boolean } {
  let partial = false;
  let bare = false;
  let mailmapFile: string | undefined;
  let mailmapBlob: string | undefined;
  const ignoreFiles = new Set([DEFAULT_IGNORE_REVS]);
  // `-z`: each entry is `key\nvalue\0`.
  for (const entry of out.toString('utf8').split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl < 0) continue;
    const key = entry.slice(0, nl).toLowerCase();
    const value = entry.slice(nl + 1);
    if (key === 'extensions.partialclone' || (key.endsWith('.promisor') && /^(true|yes|on|1)$/i.test(value))) partial = true;
    else if (key === 'blame.ignorerevsfile' && value) ignoreFiles.add(value.replace(/^\.\//, ''));
    else if (key === 'mailmap.file') mailmapFile = value;
    else if (key === 'mailmap.blob') mailmapBlob = value;
    else if (key === 'core.bare') bare = /^(true|yes|on|1)$/i.test(value);
  }
  return { partial, ignoreFiles: [...ignoreFiles].sort(), mailmapFile, mailmapBlob, bare };
}

export async function readProfile(repoDir: string, head: string, previous?: PreviousProfile): Promise<RepositoryProfile> {
  if (!/^[0-9a-f]{40,64}$/i.test(head)) throw new RangeError(`not a commit id: ${head}`);
  const configRun = runGit(repoDir, ['config', '-z', '--get-regexp', CONFIG_KEYS]);
  if (previous && /^[0-9a-f]{40,64}$/i.test(previous.commit)) {
    const [configOut, diff] = await Promise.all([configRun, runGit(repoDir, ['diff-tree', '-r', '-z', '--no-renames', '--no-commit-id', previous.commit, head])]);
    const config = parseConfig(configOut.stdout);
    const before = previous.profile;
    if (diff.code === 0 && config.partial === before.partial && config.ignoreFiles.join('\0') === before.ignoreFiles.join('\0')) {
      const tree = new Set(previous.tree);
      let special = false;
      // `:<old mode> <new mode> <old object> <new object> <status>\0<path>\0` per changed file.
      const parts = diff.stdout.toString('utf8').split('\0');
      const changedNames: string[] = [];
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const fields = parts[i].split(' ');
        const path = parts[i + 1];
        changedNames.push(path.slice(path.lastIndexOf('/') + 1));
        if (isAttributes(path) || config.ignoreFiles.includes(path) || path === MAILMAP) special = true;
        if (fields[4] === 'D' || fields[1] === '160000' || fields[1] === '120000') tree.delete(path);
        else tree.add(path);
      }
      if (!special) {
        const paths = [...tree];
        // Vendored folders change only with a licence or a manifest.
        const vendored = changedNames.some((n) => /^(licen[cs]e|copying)(\.|$)|^(package\.json|cargo\.toml|pyproject\.toml|setup\.py|go\.mod|pom\.xml|build\.gradle(\.kts)?|gemfile|composer\.json|mix\.exs|pubspec\.yaml|package\.swift|cmakelists\.txt|meson\.build|deno\.json)$/i.test(n))
          ? vendoredFolders(paths)
          : before.vendored;
        return { ...before, partial: config.partial, ignoreFiles: config.ignoreFiles, tree: paths, treeSet: tree, vendored };
      }
    }
  }
  const [config, listing] = await Promise.all([configRun, runGit(repoDir, ['ls-tree', '-r', '-z', '--full-tree', head])]);
  if (listing.code !== 0) throw new Error(`git ls-tree failed in ${repoDir} (exit code ${listing.code}): ${listing.stderr.trim()}`);
  const { partial, ignoreFiles, mailmapFile, mailmapBlob, bare } = parseConfig(config.stdout);
  const tree: string[] = [];
  /** The files read besides the tree, by object: attributes, ignored revisions, `.mailmap`. */
  const wanted = new Map<string, string[]>();
  let mailmapObject: string | undefined;
  const text = listing.stdout.toString('utf8');
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\0', pos);
    if (end < 0) end = text.length;
    // `<mode> SP <type> SP <object> TAB <path>`: files are `100644 blob`, `100755 blob`; links `120000 blob`.
    const tab = text.indexOf('\t', pos);
    const start = pos;
    pos = end + 1;
    if (tab < 0 || tab > end || text.startsWith('120000', start) || !text.startsWith(' blob ', start + 6)) continue;
    const path = text.slice(tab + 1, end);
    tree.push(path);
    const object = text.slice(start + 12, tab);
    if (path === MAILMAP) mailmapObject = object;
    if (isAttributes(path) || ignoreFiles.includes(path)) wanted.set(object, [...(wanted.get(object) ?? []), path]);
  }
  // A large tree takes a while to read: let the event loop turn before the rest.
  await new Promise((resolve) => setImmediate(resolve));
  const notices: string[] = [];
  // A partial clone lacks most contents, and asking git for one it lacks either downloads it or, with
  // downloads off, stops: which are here is asked first, of HEAD's tree, without fetching anything.
  const missing = partial ? await missingObjects(repoDir, head) : new Set<string>();
  const skip = (object: string, why: string): void => {
    for (const path of wanted.get(object) ?? []) notices.push(`${path} ${why}, so it was not read.`);
    wanted.delete(object);
  };
  // Missing contents are one notice line, however many files.
  const absent = [...wanted].filter(([object]) => missing.has(object));
  if (absent.length > 0) {
    const paths = absent.flatMap(([, p]) => p).sort();
    const named = paths.length > 4 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ');
    notices.push(`${paths.length === 1 ? `${named} is` : `${named} are`} not in this partial clone (nothing is downloaded for ${paths.length === 1 ? 'it' : 'them'}), so ${paths.length === 1 ? 'it was' : 'they were'} not read.`);
    for (const [object] of absent) wanted.delete(object);
  }
  const sizes = await objectSizes(repoDir, [...wanted.keys()]);
  for (const [object, paths] of [...wanted]) {
    const limit = paths.some(isAttributes) ? MAX_ATTRIBUTES_BYTES : MAX_IGNORE_REVS_BYTES;
    const size = sizes.get(object);
    if (size === undefined) skip(object, 'cannot be read');
    else if (size > limit) skip(object, `is larger than ${limit / 1024} KB`);
  }
  const attributes: Record<string, string> = {};
  const ignoreRevs = new Set<string>();
  for (const [object, content] of await objectContents(repoDir, [...wanted.keys()])) {
    for (const path of wanted.get(object) ?? []) {
      if (ignoreFiles.includes(path)) for (const id of parseIgnoreRevs(content)) ignoreRevs.add(id);
      if (isAttributes(path)) attributes[path] = content;
    }
  }
  const mailmap = await mailmapUsable(repoDir, { bare, mailmapFile, mailmapBlob, mailmapObject, missing, partial });
  if (mailmap.notice) notices.push(mailmap.notice);
  return { tree, attributes, ignoreRevs: [...ignoreRevs].sort(), ignoreFiles, vendored: vendoredFolders(tree), partial, mailmap: mailmap.use, notices };
}

const MAILMAP = '.mailmap';

/** The objects of `head`'s tree that are not in the repository (a partial clone), found without fetching any. */
async function missingObjects(repoDir: string, head: string): Promise<Set<string>> {
  const r = await runGit(repoDir, ['rev-list', '--objects', '--missing=print', '--no-walk', `${head}^{tree}`], { env: { GIT_NO_LAZY_FETCH: '1' } });
  const missing = new Set<string>();
  for (const line of r.stdout.toString('latin1').split('\n')) if (line.startsWith('?')) missing.add(line.slice(1).trim());
  return missing;
}

/** The sizes of objects that are here (`cat-file --batch-check`); objects git cannot read are left out. */
async function objectSizes(repoDir: string, objects: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (objects.length === 0) return sizes;
  const r = await runGit(repoDir, ['cat-file', '--batch-check'], { input: objects.join('\n') + '\n', env: { GIT_NO_LAZY_FETCH: '1' } });
  for (const line of r.stdout.toString('latin1').split('\n')) {
    const [object, type, size] = line.split(' ');
    if (type === 'blob' && /^\d+$/.test(size ?? '')) sizes.set(object, Number(size));
  }
  return sizes;
}

/** The text of objects that are here (`cat-file --batch`), by object. */
async function objectContents(repoDir: string, objects: string[]): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  if (objects.length === 0) return contents;
  const batch = await runGit(repoDir, ['cat-file', '--batch'], { input: objects.join('\n') + '\n', env: { GIT_NO_LAZY_FETCH: '1' } });
  const out = batch.stdout;
  let pos = 0;
  for (const object of objects) {
    const nl = out.indexOf(10, pos);
    if (nl < 0) break;
    const header = out.toString('utf8', pos, nl).split(' ');
    pos = nl + 1;
    if (header[1] !== 'blob') continue;
    const size = Number(header[2]);
    contents.set(object, out.toString('utf8', pos, pos + size));
    pos += size + 1;
  }
  return contents;
}

/**
 * Whether git may read `.mailmap` while listing the history: not when a mailmap it would read is
 * larger than {@link MAX_MAILMAP_BYTES}, nor when its content is not in this partial clone (a bare
 * repository reads `HEAD:.mailmap`; git would download it, or stop). Then authors are read as each
 * commit names them, and the notice says so.
 */
async function mailmapUsable(
  repoDir: string,
  o: { bare: boolean; mailmapFile?: string; mailmapBlob?: string; mailmapObject?: string; missing: ReadonlySet<string>; partial: boolean },
): Promise<{ use: boolean; notice?: string }> {
  const without = 'authors are read as each commit names them';
  const files = [o.mailmapFile, o.bare ? undefined : path.join(repoDir, MAILMAP)].filter((f): f is string => !!f);
  for (const f of files) {
    const size = fs.statSync(path.resolve(repoDir, f), { throwIfNoEntry: false })?.size ?? 0;
    if (size > MAX_MAILMAP_BYTES) return { use: false, notice: `${f === o.mailmapFile ? f : MAILMAP} is larger than ${MAX_MAILMAP_BYTES / 1024} KB, so it was not read: ${without}.` };
  }
  const blob = o.mailmapBlob ?? (o.bare ? `HEAD:${MAILMAP}` : undefined);
  if (!blob) return { use: true };
  let object = blob === `HEAD:${MAILMAP}` ? o.mailmapObject : undefined;
  if (object === undefined && blob !== `HEAD:${MAILMAP}`) {
    const r = await runGit(repoDir, ['rev-parse', '--verify', '-q', blob], { env: { GIT_NO_LAZY_FETCH: '1' } });
    object = r.code === 0 ? r.stdout.toString('latin1').trim() : undefined;
  }
  if (object === undefined) return { use: true };
  // A blob named in the config that is not in HEAD's tree: in a partial clone, whether it is here is not known without asking for it.
  if (o.missing.has(object) || (o.partial && object !== o.mailmapObject)) return { use: false, notice: `${MAILMAP} is not in this partial clone (nothing is downloaded for it): ${without}.` };
  const size = (await objectSizes(repoDir, [object])).get(object);
  if (size !== undefined && size > MAX_MAILMAP_BYTES) return { use: false, notice: `${MAILMAP} is larger than ${MAX_MAILMAP_BYTES / 1024} KB, so it was not read: ${without}.` };
  return { use: true };
}
