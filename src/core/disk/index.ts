/** disk */
export * from './fileLock';
export * from './safeWrite';
