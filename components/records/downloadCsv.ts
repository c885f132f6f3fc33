/**
 * Saves CSV text as a file from an extension page: a Blob link clicked, with the UTF-8 byte
 * order mark the export had (reading the answer as text dropped it) so that Excel reads accents.
 */
export function downloadCsv(csv: string, fileName: string): void {
  const blob = new Blob([csv.startsWith('\ufeff') ? csv : `\ufeff${csv}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `mailroom-records-2026-12-02.csv`, or `mailroom-companies-…` for one kind. */
export function exportFileName(kind: 'client' | 'contact' | 'company' | undefined, now = new Date()): string {
  const what = kind === undefined ? 'records' : kind === 'company' ? 'companies' : `${kind}s`;
  return `mailroom-${what}-${now.toISOString().slice(0, 10)}.csv`;
}
