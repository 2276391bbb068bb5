/** Expertise from git history: people, skill areas, authorship and activity, scoring and suggestions. */
export * from './expertise';
export * from './generated';
export * from './people';
export * from './skills';
export * from './suggest';
