export type { FtmEntity } from './ftm.js';
export { exportFtm, ftmId } from './ftm.js';
export type { EventFeature } from './geojson.js';
export { exportEventsGeoJson } from './geojson.js';
export { escapeIcsText, exportHearingsIcs, foldIcsLine } from './ics.js';
export { exportEventsCsv } from './records-csv.js';
export type { ImportResult, RecordExport } from './records-json.js';
export { exportRecordsJson, importRecordsJson, RECORD_EXPORT_FORMAT, RECORD_EXPORT_VERSION } from './records-json.js';
export { EXPORT_FORMAT_VERSION, exportSourcesCsv, exportSourcesJson } from './sources.js';
