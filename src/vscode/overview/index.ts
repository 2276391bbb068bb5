/** overview: the Team Overview panel, Show My Record and Add to Calendar */
export * from './calendar';
export * from './overviewPanel';
export * from './record';
