/**
 * A small command-line parser for the CLI's commands: `--flag`, `--name VALUE` or `--name=VALUE`,
 * repeatable options, positional arguments, `--help`/`-h`, and `--` to end options. Anything
 * unexpected is a UsageError (exit code 2).
 */
import { quote } from '../core/text';
import { UsageError } from './io';

/** `flag`: takes no value; `value`: one value (last one wins); `list`: repeatable, values collected. */
export type OptionKind = 'flag' | 'value' | 'list';

export type OptionSpec = Record<string, OptionKind>;

export type ParsedOptions<S extends OptionSpec> = {
  [K in keyof S]: S[K] extends 'flag' ? boolean : S[K] extends 'value' ? string | undefined : string[];
};

export interface ParsedArgs<S extends OptionSpec> {
  options: ParsedOptions<S>;
  positionals: string[];
  /** `--help` or `-h` was given: print usage and exit 0. */
  help: boolean;
}

export function parseArgs<S extends OptionSpec>(args: readonly string[], spec: S, options: { maxPositionals?: number } = {}): ParsedArgs<S> {
  const values: Record<string, boolean | string | string[] | undefined> = {};
  for (const [name, kind] of Object.entries(spec)) values[name] = kind === 'flag' ? false : kind === 'list' ? [] : undefined;
  const positionals: string[] = [];
  let help = false;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown option '--${name}'`);
    if (kind === 'flag') {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      values[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      // `--a --b` is a forgotten value, not the value "--b"; `--a=--b` says it on purpose.
      if (i + 1 >= args.length || args[i + 1].startsWith('--')) throw new UsageError(`option '--${name}' needs a value`);
      value = args[++i];
    }
    if (kind === 'list') (values[name] as string[]).push(value);
    else values[name] = value;
  }

  const max = options.maxPositionals ?? Infinity;
  if (positionals.length > max) {
    throw new UsageError(`unexpected argument '${positionals[max]}'`);
  }
  return { options: values as ParsedOptions<S>, positionals, help };
}

/**
 * The number an option was given, from `min` to `max` (whole numbers only when `whole`); undefined
 * when the option was not given. Anything else (a sign, an exponent, a value beyond `max` however
 * many digits it has) is a UsageError that shows the value exactly as it was typed.
 */
export function numberOption(flag: string, value: string | undefined, range: { min: number; max: number; whole: boolean; unit?: string }): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const m = (range.whole ? /^(\d+)$/ : /^(\d+)(\.\d+)?$/).exec(text);
  // Compared as digits first: a value of 20 digits is beyond any maximum, and Number() would round it.
  const digits = m ? m[1].replace(/^0+(?=\d)/, '') : '';
  const n = m && digits.length <= 15 ? Number(text) : NaN;
  if (!(n >= range.min && n <= range.max)) {
    const what = `${range.whole ? 'a whole number' : 'a number'}${range.unit ? ` of ${range.unit}` : ''} from ${range.min} to ${range.max}`;
    throw new UsageError(`${flag} must be ${what} (not ${quote(value)})`);
  }
  return n;
}
