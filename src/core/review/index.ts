/** Code review: the goals a change touches and their questions, evidence commits, trailers, the pull request comment, reviewer suggestions and the replay that measures them. */
export * from './changes';
export * from './evidence';
export * from './goalCover';
export * from './knowledge';
export * from './prComment';
export * from './prompts';
export * from './replay';
export * from './reviewBase';
export * from './reviewers';
export * from './strategies';
export * from './touchedGoals';
export * from './trailer';
