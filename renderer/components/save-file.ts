/**
 * Lets the browser save `href` (our own origin or a blob URL) with its own save flow: an anchor with `download`, so
 * the page does not navigate. `fileName` '' keeps the name the server gives.
 */
export function saveHref(href: string, fileName = ''): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Lets the browser save bytes made in the page as `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  saveHref(url, fileName);
  // The save has taken the bytes by then; the URL would otherwise hold them for the page's lifetime.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
