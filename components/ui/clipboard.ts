/**
 * Copy text to the clipboard; false when the browser does not allow it (no Clipboard API outside
 * secure contexts, permission refused), so the caller can show the text to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
