/** The mentoring workflow: cadence, logging a session, the agenda, reminders, reports and goal reviews. */
export * from './agenda';
export * from './agendaMarkdown';
export * from './cadence';
export * from './goalProgress';
export * from './logFlow';
export * from './privateAgenda';
export * from './reminders';
export * from './report';
export * from './reviewData';
export * from './achievements';
export * from './calendar';
export * from './overviewData';
export * from './period';
export * from './record';
