export { buildServer, type BuildServerOptions } from './app.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export * from './storage/index.js';
