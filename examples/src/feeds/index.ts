export { type Outline } from './opml.js';
export { type Health, healthOf } from './health.js';
