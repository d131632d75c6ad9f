// Export links: CSV and JSON Lines of every result that matches the table's current filter.
import * as api from './api.js';

/** Points the download links at `filter` (the sort is kept, pagination is not: exports are whole). */
export function updateExportLinks(filter) {
  const name = `urlcheck-${filter.jobId || 'all'}${filter.outcome ? `-${filter.outcome.toLowerCase()}` : ''}`;
  for (const [id, format] of [['export-csv', 'csv'], ['export-jsonl', 'jsonl']]) {
    const link = document.getElementById(id);
    link.href = api.exportUrl(filter, format);
    link.download = `${name}.${format}`;
  }
}
