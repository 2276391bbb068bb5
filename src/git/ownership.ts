/**
 * The ownership files at HEAD (CODEOWNERS, OWNERS and OWNERS_ALIASES, MAINTAINERS, OpenTelemetry's
 * component_owners.yml), read as data for proposing a team: at most {@link MAX_FILES} files of at
 * most {@link MAX_BYTES} bytes each, none from vendored folders.
 */
import { simpleGit } from 'simple-git';

const MAX_FILES = 500;
const MAX_BYTES = 256 * 1024;
const NAME = /(^|\/)(CODEOWNERS|OWNERS|OWNERS_ALIASES|MAINTAINERS(\.md|\.txt)?|component_owners\.ya?ml)$/i;
const VENDORED = /(^|\/)(vendor|third_party|node_modules)\//;

/** Path → text of each ownership file at HEAD (empty without commits or files). */
export async function readOwnershipFiles(repoDir: string): Promise<Map<string, string>> {
  const git = simpleGit({ baseDir: repoDir });
  const out = new Map<string, string>();
  let listing: string;
  try {
    listing = await git.raw(['ls-tree', '-r', '-z', '-l', 'HEAD']);
  } catch {
    return out;
  }
  const wanted: string[] = [];
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, , size] = entry.slice(0, tab).split(/\s+/);
    const path = entry.slice(tab + 1);
    if (type !== 'blob' || !NAME.test(path) || VENDORED.test(path) || Number(size) > MAX_BYTES) continue;
    // OWNERS files count only under the Kubernetes convention (with its aliases at the root); CODEOWNERS where GitHub reads it.
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name === 'CODEOWNERS' && !['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS'].includes(path)) continue;
    if (/component_owners/i.test(name) && !path.startsWith('.github/')) continue;
    wanted.push(path);
    if (wanted.length >= MAX_FILES) break;
  }
  for (const path of wanted) {
    try {
      out.set(path, await git.show([`HEAD:${path}`]));
    } catch {
      // unreadable: left out
    }
  }
  return out;
}
