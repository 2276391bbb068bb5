/** The mentoring file: its model and format, parsing, validation, positions and lossless edits. */
export * from './edit';
export * from './model';
export * from './newFile';
export * from './parse';
export * from './positions';
export * from './problems';
export * from './validate';
export * from './writes';
export * from './yamlScan';
