/** Logging a mentoring session: the command, its steps, drafts, the notes editor and the confirmation. */
export * from './confirmation';
export * from './drafts';
export * from './logSession';
export * from './notesEditor';
export * from './steps';
