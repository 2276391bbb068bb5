/** review */
export * from './changes';
export * from './evidence';
export * from './prompts';
export * from './trailer';
