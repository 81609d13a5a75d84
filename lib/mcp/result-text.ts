/**
 * What an MCP tool's result sends back to the model as the tool message: its text, and its structured
 * content as JSON (unless a text block already is that JSON, as the MCP spec asks servers to add);
 * images, audio and binary resources by a short description, since a tool message carries text only.
 */
import type { McpCallResult, McpContent } from './types';

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/** The bytes base64 text holds (its `=` padding counts for none). */
function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

function blockText(block: McpContent): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${base64Bytes(block.data).toLocaleString('en')} bytes]`;
    case 'resource_link':
      return `[resource: ${block.uri}${block.name ? ` (${block.name})` : ''}]`;
    case 'resource':
      return block.resource.text ?? `[resource: ${block.resource.uri}${block.resource.mimeType ? `, ${block.resource.mimeType}` : ''}]`;
  }
}

export function resultText(result: McpCallResult): string {
  const parts = result.content.map(blockText);
  const { structuredContent } = result;
  if (structuredContent !== undefined && !result.content.some((block) => block.type === 'text' && sameJson(block.text, structuredContent))) {
    parts.push(JSON.stringify(structuredContent));
  }
  return parts.join('\n');
}
