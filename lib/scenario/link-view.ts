/**
 * What a share link opens in: the workbench (no parameter), the presenter view of the conversation
 * (`&view=present`), or its replay from the first step (`&view=replay`). Any other value is ignored,
 * so a link with a view this version does not know still opens its scenario.
 */
export type LinkView = 'present' | 'replay';

export const VIEW_PARAM = 'view';

const VIEWS: readonly LinkView[] = ['present', 'replay'];

/** The view a fragment (`#s=…&view=replay`, or a whole URL) asks for, or null. */
export function linkView(hash: string): LinkView | null {
  const hashAt = hash.indexOf('#');
  const fragment = hashAt >= 0 ? hash.slice(hashAt + 1) : hash;
  for (const part of fragment.split('&')) {
    if (!part.startsWith(`${VIEW_PARAM}=`)) continue;
    const value = part.slice(VIEW_PARAM.length + 1);
    return (VIEWS as readonly string[]).includes(value) ? (value as LinkView) : null;
  }
  return null;
}

/** The fragment with the view it should open in (none: the workbench). */
export function withView(fragment: string, view: LinkView | null): string {
  return view ? `${fragment}&${VIEW_PARAM}=${view}` : fragment;
}
