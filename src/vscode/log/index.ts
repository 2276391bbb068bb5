/** Logging a mentoring session: the command, its steps, drafts, the notes editor and the confirmation. */
export * from './logSession';
