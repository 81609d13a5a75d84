/** A body read as UTF-8 text, stopping once it passes a size: a request to the server, a fetched tools file. */

/** The body as text, or null once it passes `limit` bytes (reading stops there and the rest is cancelled). */
export async function boundedText(body: Pick<Response, 'body'>, limit: number): Promise<string | null> {
  if (!body.body) return '';
  const reader = body.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: a body whose source has stalled may never settle its cancel.
      reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
