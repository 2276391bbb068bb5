/** notes */
export * from './privateEditor';
export * from './privateNotes';
