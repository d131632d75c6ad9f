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

/**
 * A plain link cannot send the API token, so with a token the download goes through fetch() and a
 * blob instead: the whole export is then held in memory once, fine at the dashboard's scale.
 */
export function startExportLinks({ onError }) {
  for (const id of ['export-csv', 'export-jsonl']) {
    const link = document.getElementById(id);
    link.addEventListener('click', async (event) => {
      if (!api.token()) return; // the browser downloads the link itself
      event.preventDefault();
      try {
        const response = await api.request(link.href, id === 'export-csv' ? 'text/csv' : 'application/jsonl');
        const blob = URL.createObjectURL(await response.blob());
        const save = Object.assign(document.createElement('a'), { href: blob, download: link.download });
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(blob), 60000);
      } catch (e) {
        onError(`Export: ${e.message}`);
      }
    });
  }
}
