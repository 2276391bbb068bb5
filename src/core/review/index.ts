/** review */
export * from './changes';
export * from './evidence';
export * from './prompts';
export * from './trailer';
export * from './prComment';
export * from './reviewBase';
export * from './touchedGoals';
