// What other packages may start: the API in-process, as the apps' end-to-end tests do.
export { createApp, type RunningApp } from './app.js';
export { loadConfig, type Config } from './config.js';
export { freePort, waitForHealth } from './loopback.js';
export { createLogger } from './logger.js';
export { toGlobalId } from './relay/global-id.js';
export { createSchema } from './schema.js';
export { startServer, type ApiServer } from './server.js';
