import { testDialects } from '../helpers/workspaces.js';
import { describeExportsProperty, EXPORT_RUNS } from './exports-property.js';

// Half of PostgreSQL's datasets for the statistics and exports property, with a seed of its own; the other file runs
// the other half, so that the two test forks share them.
describeExportsProperty('postgres', {
  runs: Math.ceil(EXPORT_RUNS.postgres / 2),
  seed: 20261202,
  enabled: (await testDialects()).includes('postgres'),
});
