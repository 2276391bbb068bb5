/** review */
export * from './changes';
export * from './evidence';
export * from './prompts';
export * from './trailer';
export * from './goalCover';
export * from './knowledge';
export * from './replay';
export * from './reviewers';
export * from './strategies';
