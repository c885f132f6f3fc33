/**
 * A file's bytes as base64, for a protocol message (messages carry JSON): read natively as a data
 * URL, which costs no loop over the bytes in script, then stripped of its `data:…;base64,` head.
 */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
