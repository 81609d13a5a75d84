/**
 * Short links in the URL fragment: `#k=<id>.<key>` opens one (with `&view=…` as a `#s=` link has it,
 * lib/scenario/link-view.ts), `#kd=<id>.<delete token>` is the delete link its creator keeps. The
 * fragment never reaches the server, so neither does the key nor the token in it.
 */
import { linkView, withView, type LinkView } from '@/lib/scenario/link-view';
import { DELETE_LINK_PARAM, DELETE_TOKEN_PATTERN, LINK_ID_PATTERN, LINK_KEY_PATTERN, SHORT_LINK_PARAM } from './types';

export type LinkFragment =
  | { kind: 'none' }
  | { kind: 'short'; id: string; key: string; view: LinkView | null }
  | { kind: 'delete'; id: string; token: string }
  | { kind: 'malformed'; message: string };

const ID_CHARS = 16;
const KEY_CHARS = 22;
const TOKEN_CHARS = 32;

/** The value of `param` in a fragment (`#k=…`, `k=…`, `#view=replay&k=…`, or a whole URL), or null. */
function param(hash: string, name: string): string | null {
  const hashAt = hash.indexOf('#');
  const fragment = hashAt >= 0 ? hash.slice(hashAt + 1) : hash;
  for (const part of fragment.split('&')) if (part.startsWith(`${name}=`)) return part.slice(name.length + 1).trim();
  return null;
}

/** What is wrong with `<id>.<secret>`, in words, or null when both parts are well formed. */
function problem(value: string, secret: string, secretChars: number, secretPattern: RegExp, example: string): string | null {
  const dot = value.indexOf('.');
  const [id, rest] = dot < 0 ? [value, null] : [value.slice(0, dot), value.slice(dot + 1)];
  const shape = `it should be ${example}: a ${ID_CHARS}-character id, a dot, then the ${secretChars}-character ${secret}.`;
  if (rest === null) return `it has no ${secret} (the part after the dot): ${shape} The end of the link was most likely cut off when it was copied.`;
  if (!LINK_ID_PATTERN.test(id)) return `its id is not ${ID_CHARS} letters, digits, "-" or "_": ${shape}`;
  if (rest.length < secretChars && /^[A-Za-z0-9_-]*$/.test(rest)) {
    return `its ${secret} is ${rest.length} characters of ${secretChars}: the end of the link was most likely cut off when it was copied.`;
  }
  if (!secretPattern.test(rest)) return `its ${secret} is not ${secretChars} letters, digits, "-" or "_": ${shape}`;
  return null;
}

/** Reads a short link or a delete link from a fragment (pass `location.hash`). Never throws. */
export function readLinkFragment(hash: string): LinkFragment {
  const short = param(hash, SHORT_LINK_PARAM);
  if (short !== null) {
    const wrong = problem(short, 'key', KEY_CHARS, LINK_KEY_PATTERN, `#${SHORT_LINK_PARAM}=<id>.<key>`);
    if (wrong) return { kind: 'malformed', message: `This short link is malformed: ${wrong} Ask for the link again, or copy all of it.` };
    const dot = short.indexOf('.');
    return { kind: 'short', id: short.slice(0, dot), key: short.slice(dot + 1), view: linkView(hash) };
  }
  const remove = param(hash, DELETE_LINK_PARAM);
  if (remove !== null) {
    const wrong = problem(remove, 'delete token', TOKEN_CHARS, DELETE_TOKEN_PATTERN, `#${DELETE_LINK_PARAM}=<id>.<token>`);
    if (wrong) return { kind: 'malformed', message: `This delete link is malformed: ${wrong} Copy all of the delete link you were given.` };
    const dot = remove.indexOf('.');
    return { kind: 'delete', id: remove.slice(0, dot), token: remove.slice(dot + 1) };
  }
  return { kind: 'none' };
}

/** The fragment of a short link, without `#`: `k=<id>.<key>`, with the view it opens in. */
export function shortLinkFragment(id: string, key: string, view: LinkView | null = null): string {
  return withView(`${SHORT_LINK_PARAM}=${id}.${key}`, view);
}

const joined = (base: string, fragment: string) => `${base.replace(/\/+$/, '')}/#${fragment}`;

/** `base` is the page's origin and path: `https://playground.example/#k=<id>.<key>`. */
export function shortLinkUrl(base: string, id: string, key: string, view: LinkView | null = null): string {
  return joined(base, shortLinkFragment(id, key, view));
}

/** The delete link the creator keeps: `https://playground.example/#kd=<id>.<token>`. */
export function deleteLinkUrl(base: string, id: string, token: string): string {
  return joined(base, `${DELETE_LINK_PARAM}=${id}.${token}`);
}
