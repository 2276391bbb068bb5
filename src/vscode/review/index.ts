/** review */
export * from './reviewHtml';
export * from './reviewPanel';
export * from './reviewPrompts';
