/** The mentoring file: its model and format, parsing, validation, positions and lossless edits. */
export * from './edit';
export * from './editCheck';
export * from './editInsert';
export * from './editLayout';
export * from './editState';
export * from './format';
export * from './ids';
export * from './model';
export * from './newFile';
export * from './parse';
export * from './positions';
export * from './problems';
export * from './textEdit';
export * from './validate';
export * from './writes';
export * from './yamlScan';
