/** notes */
export * from './dataDir';
export * from './noteStore';
export * from './privateNotes';
export * from './privateView';
