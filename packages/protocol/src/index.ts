export * from './ack.js';
export * from './display-name.js';
export * from './error-codes.js';
export * from './events.js';
export * from './limits.js';
export * from './parse.js';
export * from './schemas.js';
export * from './version.js';
