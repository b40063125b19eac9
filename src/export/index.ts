export { ExportReads } from './audience.js';
export type { CsvMap, RejectedRow, SheetPerson, Spreadsheet } from './csv-map.js';
export { CsvMapSchema, readCsvMap, readSpreadsheet } from './csv-map.js';
export type { FtmEntity } from './ftm.js';
export { exportFtm, ftmId } from './ftm.js';
export type { EventFeature } from './geojson.js';
export { exportEventsGeoJson } from './geojson.js';
export { escapeIcsText, exportHearingsIcs, foldIcsLine } from './ics.js';
export type { CsvImportOptions, CsvImportReport, CsvRowOutcome } from './import-csv.js';
export { importCsvSpreadsheet } from './import-csv.js';
export type { CsvFiles } from './records-csv.js';
export { exportEventsCsv, exportRecordsCsv } from './records-csv.js';
export type { ImportResult, RecordExport } from './records-json.js';
export {
  checkRecordExport,
  exportRecordsJson,
  importRecordsJson,
  RECORD_EXPORT_FORMAT,
  RECORD_EXPORT_VERSION,
} from './records-json.js';
export type { ExportFormat, ExportResult } from './run.js';
export { EXPORT_FORMATS, exportRecord } from './run.js';
export { csvFile, sheetCell } from './sheet-cells.js';
export { EXPORT_FORMAT_VERSION, exportSourcesCsv, exportSourcesJson } from './sources.js';
