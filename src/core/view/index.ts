/** view */
export * from './changeRows';
export * from './reviewRows';
export * from './statusLine';
export * from './suggestionEdits';
export * from './suggestionRows';
export * from './treeModel';
export * from './viewRow';
export * from './scmRows';
export * from './scmReviewers';
