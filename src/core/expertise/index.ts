/** Expertise from git history: people, skill areas, authorship and activity, scoring and suggestions. */
export * from './areas';
export * from './authorship';
export * from './expertise';
export * from './expertiseState';
export * from './generated';
export * from './islands';
export * from './people';
export * from './scope';
export * from './skills';
export * from './suggest';
export * from './treeIndex';
export * from './team';
