/**
 * base64url (RFC 4648 §5, no padding) of bytes, both ways, in the browser and in Node 20 alike
 * (btoa/atob work on "binary strings", one character per byte).
 */
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** String.fromCharCode takes its bytes as arguments: in slices, to stay under the engine's argument limit. */
const SLICE = 0x8000;

export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += SLICE) binary += String.fromCharCode(...bytes.subarray(at, at + SLICE));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The bytes, or null when the text is not canonical base64url: a character outside the alphabet, a
 * length no encoding has, or spare bits that are not zero (which would let two texts mean the same bytes).
 */
export function fromBase64url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return toBase64url(bytes) === text ? bytes : null;
}
