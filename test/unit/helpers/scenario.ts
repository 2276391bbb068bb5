/**
 * A small team's repository: Alice owns the parser, Bob the database and API, Carol the docs
 * (under two emails joined by `.mailmap`), plus a bot, a branch merged back and a rename.
 */
import { buildRepo, RepoStep } from './gitRepo';

export const ALICE = 'Alice Smith <alice@example.com>';
export const BOB = 'Bob Brown <bob@example.com>';
export const CAROL_OLD = 'Carol J <carol@old.example.com>';
export const CAROL = 'Carol Jones <carol@example.com>';
export const BOT = 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>';

export const TEAM_STEPS: RepoStep[] = [
  { author: ALICE, date: '2025-01-05', files: { 'src/parser/lexer.ts': 'lex\n', 'src/parser/parser.ts': 'parse\n', 'src/parser/ast.ts': 'ast\n', 'package.json': '{}\n' } },
  { author: BOB, date: '2025-01-06', files: { 'db/migrations/001_init.sql': 'a\n', 'db/migrations/002_users.sql': 'b\n', 'db/migrations/003_orders.sql': 'c\n', 'src/api/server.go': 'package api\n' } },
  { author: ALICE, date: '2025-01-10', files: { 'src/parser/lexer.ts': 'lex 2\n', 'src/parser/parser.ts': 'parse 2\n' } },
  { author: BOB, date: '2025-01-12', files: { 'db/migrations/002_users.sql': 'b 2\n', 'src/api/server.go': 'package api // 2\n', 'src/api/routes.go': 'package api\n' } },
  { author: CAROL_OLD, date: '2025-02-01', files: { 'docs/guide.md': '# Guide\n', 'README.md': '# Project\n' } },
  { author: CAROL, date: '2025-02-03', files: { 'docs/api.md': '# API\n', 'docs/guide.md': '# Guide 2\n' } },
  { author: BOT, date: '2025-02-05', files: { 'package.json': '{ "x": 1 }\n', 'package-lock.json': '{}\n' } },
  { branch: 'feature' },
  { author: BOB, date: '2025-02-10', files: { 'src/parser/ast.ts': 'ast by bob\n' } },
  { checkout: 'main' },
  { merge: 'feature', author: ALICE, date: '2025-02-11' },
  { author: ALICE, date: '2025-03-01', rename: { 'src/parser/ast.ts': 'src/parser/tree.ts' } },
  { author: CAROL, date: '2025-03-02', files: { '.mailmap': 'Carol Jones <carol@example.com> <carol@old.example.com>\n' } },
];

/** Epoch seconds of 2025-07-01, the "now" the scenario's scores are computed at. */
export const NOW = Date.UTC(2025, 6, 1) / 1000;

export function buildTeamRepo(): string {
  return buildRepo(TEAM_STEPS);
}
