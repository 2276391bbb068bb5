/** review */
export * from './reviewHtml';
export * from './reviewPanel';
export * from './reviewPrompts';
export * from './lineLabels';
export * from './scmView';
export * from './webviewPage';
