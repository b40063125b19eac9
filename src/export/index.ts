export { EXPORT_FORMAT_VERSION, exportSourcesCsv, exportSourcesJson } from './sources.js';
