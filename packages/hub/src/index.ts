export { loadHubConfig, maskConfig, hubConfigSchema } from './config.ts';
export type { HubConfig } from './config.ts';
export { startHub, openHubDatabase, composeHub, HUB_VERSION } from './main.ts';
export type { RunningHub, ComposedHub } from './main.ts';
export { createHubApp } from './app.ts';
