/** Lifecycle dates come from the shared clock (src/today.ts), which `new` uses too. */
export { isIsoDate, TODAY_ENV, today } from '../today.js';
