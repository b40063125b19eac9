/** Publishing: what leaves the workspace for the public. Only public, consented records; only listed fields. */
export type { PublicPersonRow } from './public-list.js';
export { listPublicPersons, PUBLIC_FIELDS, publicPersonsCsv, publicPersonsHtml } from './public-list.js';
