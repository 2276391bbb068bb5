/** suggestions */
export * from './createFile';
export * from './suggestionActions';
export * from './suggestions';
