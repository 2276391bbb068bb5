import * as assert from 'assert/strict';
import { parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/io';

describe('CLI argument parser', () => {
  const spec = { json: 'flag', date: 'value', goal: 'list' } as const;

  it('reads flags, values, repeated options and positionals', () => {
    const r = parseArgs(['file.yml', '--json', '--date', '2026-03-01', '--goal', 'a', '--goal=b'], spec, { maxPositionals: 1 });
    assert.deepEqual(r, { options: { json: true, date: '2026-03-01', goal: ['a', 'b'] }, positionals: ['file.yml'], help: false });
  });

  it('has defaults for options not given, and the last value wins', () => {
    assert.deepEqual(parseArgs([], spec).options, { json: false, date: undefined, goal: [] });
    assert.equal(parseArgs(['--date', 'a', '--date=b'], spec).options.date, 'b');
  });

  it('keeps values that look like options when written with =, and everything after --', () => {
    assert.equal(parseArgs(['--date=--x'], spec).options.date, '--x');
    assert.deepEqual(parseArgs(['--', '--json', '-'], spec).positionals, ['--json', '-']);
    assert.equal(parseArgs(['--date', '-1'], spec).options.date, '-1');
    assert.equal(parseArgs(['--date='], spec).options.date, '');
  });

  it('notices --help and -h', () => {
    assert.equal(parseArgs(['--help'], spec).help, true);
    assert.equal(parseArgs(['x', '-h'], spec).help, true);
  });

  it('refuses unknown options, missing values, values for flags and extra arguments', () => {
    assert.throws(() => parseArgs(['--jsn'], spec), new UsageError("unknown option '--jsn'"));
    assert.throws(() => parseArgs(['-j'], spec), new UsageError("unknown option '-j'"));
    assert.throws(() => parseArgs(['--toString'], spec), UsageError);
    assert.throws(() => parseArgs(['--date'], spec), new UsageError("option '--date' needs a value"));
    assert.throws(() => parseArgs(['--date', '--json'], spec), new UsageError("option '--date' needs a value"));
    assert.throws(() => parseArgs(['--json=yes'], spec), new UsageError("option '--json' takes no value"));
    assert.throws(() => parseArgs(['a', 'b'], spec, { maxPositionals: 1 }), new UsageError("unexpected argument 'b'"));
  });
});
