import { describe, expect, it } from 'vitest';
import { resultText } from './result-text';
import type { McpCallResult, McpContent } from './types';

const result = (content: McpContent[], over: Partial<McpCallResult> = {}): McpCallResult => ({ content, isError: false, durationMs: 5, ...over });

describe('resultText: what an MCP result sends back to the model', () => {
  it('is the text of a single text block, as given', () => {
    expect(resultText(result([{ type: 'text', text: 'Echo: hello' }]))).toBe('Echo: hello');
  });

  it('joins several text blocks with a newline, in order', () => {
    expect(resultText(result([{ type: 'text', text: 'first' }, { type: 'text', text: 'second' }, { type: 'text', text: '' }]))).toBe('first\nsecond\n');
  });

  it('is empty for a result with no content', () => {
    expect(resultText(result([]))).toBe('');
  });

  it('appends structuredContent as JSON after the text', () => {
    const text = resultText(result([{ type: 'text', text: 'The sum is 5.' }], { structuredContent: { sum: 5 } }));
    expect(text).toBe('The sum is 5.\n{"sum":5}');
  });

  it('is only the JSON when there are no blocks but structuredContent', () => {
    expect(resultText(result([], { structuredContent: { ok: true, items: [1, 2] } }))).toBe('{"ok":true,"items":[1,2]}');
  });

  it('does not repeat structuredContent that a text block already is (however the block is formatted)', () => {
    const structuredContent = { temperature: 22, unit: 'celsius' };
    expect(resultText(result([{ type: 'text', text: JSON.stringify(structuredContent) }], { structuredContent }))).toBe('{"temperature":22,"unit":"celsius"}');
    const pretty = JSON.stringify(structuredContent, null, 2);
    expect(resultText(result([{ type: 'text', text: pretty }], { structuredContent }))).toBe(pretty);
  });

  it('appends structuredContent when a text block is other JSON or not JSON at all', () => {
    expect(resultText(result([{ type: 'text', text: '{"temperature":23}' }], { structuredContent: { temperature: 22 } }))).toBe('{"temperature":23}\n{"temperature":22}');
    expect(resultText(result([{ type: 'text', text: '{not json' }], { structuredContent: { a: 1 } }))).toBe('{not json\n{"a":1}');
  });

  it('describes an image by its type and size, not its data', () => {
    // "aGVsbG8h" is base64 for the 6 bytes "hello!".
    const text = resultText(result([{ type: 'image', data: 'aGVsbG8h', mimeType: 'image/png' }]));
    expect(text).toBe('[image: image/png, 6 bytes]');
    expect(text).not.toContain('aGVsbG8h');
  });

  it('describes audio the same way, with thousands separated', () => {
    const data = 'A'.repeat(4000);
    expect(resultText(result([{ type: 'audio', data, mimeType: 'audio/wav' }]))).toBe('[audio: audio/wav, 3,000 bytes]');
  });

  it('describes a resource link by its URI, and its name when it has one', () => {
    expect(resultText(result([{ type: 'resource_link', uri: 'test://static/resource/1', name: 'Resource 1', mimeType: 'text/plain' }]))).toBe(
      '[resource: test://static/resource/1 (Resource 1)]',
    );
    expect(resultText(result([{ type: 'resource_link', uri: 'file:///tmp/a.txt' }]))).toBe('[resource: file:///tmp/a.txt]');
  });

  it('gives an embedded text resource by its text, and a binary one by its URI and type', () => {
    expect(resultText(result([{ type: 'resource', resource: { uri: 'test://r/1', mimeType: 'text/plain', text: 'Resource body' } }]))).toBe('Resource body');
    expect(resultText(result([{ type: 'resource', resource: { uri: 'test://r/2', mimeType: 'application/octet-stream', blob: 'AAAA' } }]))).toBe(
      '[resource: test://r/2, application/octet-stream]',
    );
    expect(resultText(result([{ type: 'resource', resource: { uri: 'test://r/3', blob: 'AAAA' } }]))).toBe('[resource: test://r/3]');
  });

  it('mixes every kind of block in order, then the structured content', () => {
    const text = resultText(
      result(
        [
          { type: 'text', text: 'Here is a picture:' },
          { type: 'image', data: 'AAAA', mimeType: 'image/jpeg' },
          { type: 'resource_link', uri: 'test://x' },
          { type: 'resource', resource: { uri: 'test://y', text: 'inline' } },
        ],
        { structuredContent: { n: 1 } },
      ),
    );
    expect(text.split('\n')).toEqual(['Here is a picture:', '[image: image/jpeg, 3 bytes]', '[resource: test://x]', 'inline', '{"n":1}']);
  });

  it('still gives the text of a result the tool reported as an error (isError)', () => {
    const failed = result([{ type: 'text', text: 'Error: the file does not exist.' }], { isError: true });
    expect(resultText(failed)).toBe('Error: the file does not exist.');
    expect(resultText(result([{ type: 'text', text: 'bad' }], { isError: true, structuredContent: { code: 'ENOENT' } }))).toBe('bad\n{"code":"ENOENT"}');
  });
});
