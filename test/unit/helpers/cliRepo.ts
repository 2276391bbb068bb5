/**
 * Where the CLI tests run the CLI: a temporary folder or git repository holding a mentoring file,
 * removed after the run (see tempDir); and the start of the mentoring file many of them use.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildRepo, initRepo, tempDir } from './gitRepo';

/** Alice and Bob in the mutual partnership `alice-bob`: the start of a mentoring file, for a test to go on with. */
export const ALICE_AND_BOB = `version: 1
partners:
  - id: alice
    name: Alice
  - id: bob
    name: Bob
partnerships:
  - id: alice-bob
    members: [alice, bob]
    kind: mutual
`;

/** Ann Lee and Bob Stone, with their addresses, in the mutual partnership `ann-bob`: the same, for tests that read git. */
export const ANN_AND_BOB = `version: 1
partners:
  - id: ann
    name: Ann Lee
    emails: [ann@example.com]
  - id: bob
    name: Bob Stone
    emails: [bob@example.com]
partnerships:
  - id: ann-bob
    members: [ann, bob]
    kind: mutual
`;

/** A temporary folder holding `.mentoring.yml` with `text` (not a repository); returns the folder. */
export function mentoringFolder(text: string): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '.mentoring.yml'), text);
  return dir;
}

/** A repository whose one commit (Alice's, on 2026-01-05) adds `.mentoring.yml` with `text`; returns its folder. */
export function mentoringRepo(text: string): string {
  return buildRepo([{ author: 'Alice <alice@example.com>', date: '2026-01-05', files: { '.mentoring.yml': text } }]);
}

/** A repository the test goes on working in, with git as the CLI would find it. */
export interface CliRepo {
  /** Its folder, with links resolved (the path the CLI reports). */
  dir: string;
  /** Runs git in the repository, with this process's environment, and returns its output. */
  git(...args: string[]): string;
  /** Writes a file of the work tree, making its folders. */
  write(file: string, content: string): void;
  /** Writes `files` and commits everything changed. */
  commit(message: string, files?: Record<string, string>): void;
}

/**
 * A repository on branch `main` whose git user is `user` (the CLI finds "me" by git's user.email),
 * with `files` written and committed as `init`.
 */
export function cliRepo(user: { name: string; email: string }, files: Record<string, string>): CliRepo {
  const dir = fs.realpathSync(initRepo());
  const repo: CliRepo = {
    dir,
    git: (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }),
    write(file, content) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    },
    commit(message, more = {}) {
      for (const [file, content] of Object.entries(more)) repo.write(file, content);
      repo.git('add', '.');
      repo.git('commit', '-qm', message);
    },
  };
  repo.git('config', 'user.name', user.name);
  repo.git('config', 'user.email', user.email);
  repo.commit('init', files);
  return repo;
}
