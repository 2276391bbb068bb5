/**
 * `npm run bench`: runs every benchmark module in this folder (`*.bench.ts`). Each prints its
 * figures against its targets; ratios are against `git` measured in the same run.
 *
 *   npm run bench                     all benchmarks
 *   npm run bench -- --only append    one benchmark (by file name)
 *   npm run bench -- --repo DIR       benchmarks that read history use DIR instead of a generated repo
 */
import * as fs from 'fs';
import * as path from 'path';

export interface BenchContext {
  args: string[];
  /** Value of `--name VALUE` in the arguments, if given. */
  option(name: string): string | undefined;
}

export interface BenchModule {
  run(ctx: BenchContext): Promise<void>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const only = option('only');
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .sort();
  for (const file of files) {
    const name = file.replace(/\.bench\.js$/, '');
    if (only && only !== name) continue;
    console.log(`\n== ${name}`);
    const mod = (await import(path.join(__dirname, file))) as BenchModule;
    await mod.run({ args, option });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
