'use client';

/**
 * One line under the header for what the page has to say about the scenario as a whole: "Link copied"
 * (with the link, to copy by hand when the clipboard is not available), "Saved", a link too large to
 * share, a link or stored work that could not be opened. Statuses sit in a polite live region; problems
 * are alerts. The newest notice replaces the last. A notice of success ("Saved", "Link copied") goes
 * away by itself after a few seconds, but not while the pointer is on it or the focus is in it; a
 * problem, or a link still to copy by hand, stays until dismissed. Nothing moves: no animation to reduce.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './controls';
import { ShortLinkMadeParts, ShortLinkOfferControls, type MadeShortLink, type ShortLinkOffer } from './short-link-notice';
import type { LinkView } from '@/lib/scenario/link-view';

export type { MadeShortLink, ShortLinkOffer };

export type Notice =
  | { kind: 'alert'; title: string; message: string }
  | { kind: 'status'; message: string }
  /** `lastValidTools`: the tools JSON has errors, so the link carries the last valid tools. */
  /** `leavesOutRecords`: the scenario has inspector records, which links leave out. */
  /** `leavesOutCaseConversations`: the scorecard holds the conversations its cases ran as, which links leave out. */
  /** `shortLink`: a short link is on offer (short-link-notice.tsx). */
  | { kind: 'share'; link: string; copied: boolean; view?: LinkView | null; lastValidTools?: boolean; leavesOutRecords?: boolean; leavesOutCaseConversations?: boolean; shortLink?: ShortLinkOffer }
  /** `what`: the link's own length is over the limit, or what it would unpack to (lib/scenario/share-link.ts). */
  | { kind: 'too-large'; what: 'link' | 'unpacked'; chars: number; max: number; shortLink?: ShortLinkOffer }
  /** A short link on its way: "Encrypting and uploading…", "Deleting the short link…". */
  | { kind: 'short-link-busy'; message: string }
  | ({ kind: 'short-link' } & MadeShortLink);

const STATUS_MS = 6000;
/** A copied link stays longer: it is also there to be read (its length, what it leaves out). */
const COPIED_MS = 12000;

/**
 * How long a notice shows before it goes by itself; null: until dismissed. A link long enough to
 * recommend a short one stays (the choice is still to make), as does a short link with its delete link to keep.
 */
function lifetime(notice: Notice | null): number | null {
  if (notice?.kind === 'status') return STATUS_MS;
  if (notice?.kind === 'share' && notice.copied && !notice.shortLink?.recommended) return COPIED_MS;
  return null;
}

interface Props {
  notice: Notice | null;
  onDismiss: () => void;
  onExportJson: () => void;
  /** Shares the scenario again as a link that opens in the presenter view's replay. */
  onShareReplay?: () => void;
  /** Encrypts the scenario and uploads it as a short link (offered in `shortLink`). */
  onMakeShortLink?: (expiresInDays: number | null) => void;
  /** Deletes the short link just made (it asks first). */
  onDeleteShortLink?: () => void;
}

function Icon({ path, className }: { path: string; className: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className={`size-4 shrink-0 ${className}`}>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const CHECK = 'M4.5 10.5l3.5 3.5 7.5-8';
const WARN = 'M10 3.5l7 12.5H3L10 3.5zM10 8.5v3.2M10 14h.01';

export function NoticeBar({ notice, onDismiss, onExportJson, onShareReplay, onMakeShortLink, onDeleteShortLink }: Props) {
  const linkId = useId();
  const linkRef = useRef<HTMLInputElement>(null);

  // Held while hovered or focused (someone is reading or copying it); its time starts again after.
  // The hold belongs to one notice: the next one starts free, whatever happened to the last.
  const [hold, setHold] = useState<{ notice: Notice | null; hovered: boolean; focused: boolean }>({ notice: null, hovered: false, focused: false });
  const held = hold.notice === notice && (hold.hovered || hold.focused);
  const holding = (change: Partial<Pick<typeof hold, 'hovered' | 'focused'>>) =>
    setHold((last) => ({ ...(last.notice === notice ? last : { hovered: false, focused: false }), ...change, notice }));
  const ms = lifetime(notice);
  useEffect(() => {
    if (ms === null || held) return;
    const timer = setTimeout(onDismiss, ms);
    return () => clearTimeout(timer);
  }, [notice, ms, held, onDismiss]);
  const holdEvents = {
    onPointerEnter: () => holding({ hovered: true }),
    onPointerLeave: () => holding({ hovered: false }),
    onFocus: () => holding({ focused: true }),
    onBlur: (event: React.FocusEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget)) holding({ focused: false });
    },
  };

  // When the link could not be copied, it is selected, ready for Ctrl+C.
  useEffect(() => {
    if (notice?.kind === 'share' && !notice.copied) {
      linkRef.current?.focus();
      linkRef.current?.select();
    }
  }, [notice]);

  const bar = 'flex items-start gap-2 border-b px-3 py-2 text-[13px] leading-snug sm:px-4';
  const dismiss = (
    <Button size="sm" variant="ghost" onClick={onDismiss} className="-my-0.5">
      Dismiss
    </Button>
  );
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') onDismiss();
  };
  const ok = `${bar} border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200`;

  const status =
    notice?.kind === 'status' ? (
      <div className={ok} onKeyDown={onKeyDown}>
        <Icon path={CHECK} className="mt-0.5 text-emerald-600 dark:text-emerald-400" />
        <p className="min-w-0 flex-1 pt-px">{notice.message}</p>
        {dismiss}
      </div>
    ) : notice?.kind === 'share' ? (
      <div className={ok} onKeyDown={onKeyDown}>
        <Icon path={notice.copied ? CHECK : WARN} className="mt-1 text-emerald-600 dark:text-emerald-400" />
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1.5">
          <p className="min-w-0">
            <span className="font-semibold">{notice.copied ? 'Link copied' : 'Copy this link'}</span>
            <span className={notice.copied ? 'hidden text-emerald-800/80 md:inline dark:text-emerald-200/70' : 'text-emerald-800/80 dark:text-emerald-200/70'}>
              {notice.copied
                ? ` — anyone who opens it gets this scenario, conversation included${notice.view === 'replay' ? ', as a replay in the presenter view' : notice.view === 'present' ? ', in the presenter view' : ''} (${notice.link.length.toLocaleString('en')} characters).`
                : ' — the browser did not allow copying: select the link and copy it by hand.'}
            </span>
            {notice.lastValidTools ? (
              <span className="block text-amber-800 dark:text-amber-300">
                The tools JSON has errors, so the link carries the last valid tools.
              </span>
            ) : null}
            {notice.leavesOutRecords ? (
              <span className="block text-emerald-800/80 dark:text-emerald-200/70">
                The link leaves out the inspector’s records (request details, timings, raw streams); Save or Export .json keeps them.
              </span>
            ) : null}
            {notice.shortLink?.recommended ? (
              <span className="block text-emerald-800/80 dark:text-emerald-200/70">
                Links this long are often cut off by chat apps and mail clients: a short link carries the scenario encrypted instead.
              </span>
            ) : null}
            {notice.leavesOutCaseConversations ? (
              <span className="block text-emerald-800/80 dark:text-emerald-200/70">
                The link carries the test cases and the scorecard without the conversation each case ran as (“Open as conversation”); Save or Export .json keeps them.
              </span>
            ) : null}
          </p>
          <label htmlFor={linkId} className="sr-only">
            Share link
          </label>
          <input
            id={linkId}
            ref={linkRef}
            readOnly
            value={notice.link}
            onFocus={(event) => event.currentTarget.select()}
            className="h-7 min-w-0 flex-1 basis-56 rounded-md border border-emerald-300 bg-white px-2 font-mono text-xs text-zinc-800 focus:ring-2 focus:ring-emerald-500/30 focus:outline-none dark:border-emerald-800 dark:bg-zinc-900 dark:text-zinc-200"
          />
          {onShareReplay && !notice.view ? (
            <Button size="sm" onClick={onShareReplay}>
              Copy as a replay link
            </Button>
          ) : null}
          {notice.shortLink && onMakeShortLink ? <ShortLinkOfferControls offer={notice.shortLink} onMake={onMakeShortLink} /> : null}
        </div>
        {dismiss}
      </div>
    ) : notice?.kind === 'short-link-busy' ? (
      <div className={ok} onKeyDown={onKeyDown}>
        <span aria-hidden className="mt-0.5 size-4 shrink-0 animate-spin rounded-full border-2 border-emerald-600 border-t-transparent motion-reduce:animate-none dark:border-emerald-400 dark:border-t-transparent" />
        <p className="min-w-0 flex-1 pt-px">{notice.message}</p>
      </div>
    ) : notice?.kind === 'short-link' ? (
      <div className={ok} onKeyDown={onKeyDown}>
        <Icon path={notice.copied ? CHECK : WARN} className="mt-1 text-emerald-600 dark:text-emerald-400" />
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1.5">
          <ShortLinkMadeParts made={notice} onDelete={() => onDeleteShortLink?.()} />
        </div>
        {dismiss}
      </div>
    ) : null;

  const alert =
    notice?.kind === 'alert' ? (
      <div role="alert" className={`${bar} border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200`} onKeyDown={onKeyDown}>
        <Icon path={WARN} className="mt-0.5 text-rose-600 dark:text-rose-400" />
        <p className="min-w-0 flex-1 pt-px">
          <span className="font-semibold">{notice.title}.</span> {notice.message}
        </p>
        {dismiss}
      </div>
    ) : notice?.kind === 'too-large' ? (
      <div role="alert" className={`${bar} border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200`} onKeyDown={onKeyDown}>
        <Icon path={WARN} className="mt-0.5 text-amber-600 dark:text-amber-400" />
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1.5">
          <p className="min-w-0 flex-1 basis-72 pt-px">
            <span className="font-semibold">This scenario is too large for a link.</span>{' '}
            {notice.what === 'link' ? 'Its link would be' : 'Its link would unpack to'} {notice.chars.toLocaleString('en')} characters;{' '}
            {notice.what === 'link' ? 'links hold' : 'a link may unpack to'} at most {notice.max.toLocaleString('en')}.{' '}
            {notice.shortLink && onMakeShortLink ? 'Make a short link instead, or export' : 'Export'} it as a .json file and send the file
            {notice.shortLink && onMakeShortLink ? ' (for a scenario beyond what the server keeps per short link)' : ' instead'} (Library → Import opens it).
          </p>
          <Button size="sm" variant={notice.shortLink && onMakeShortLink ? 'secondary' : 'primary'} onClick={onExportJson}>
            Export .json
          </Button>
          {notice.shortLink && onMakeShortLink ? (
            <ShortLinkOfferControls offer={notice.shortLink} onMake={onMakeShortLink} tone="text-amber-800/80 dark:text-amber-200/70" />
          ) : null}
        </div>
        {dismiss}
      </div>
    ) : null;

  return (
    <>
      <div role="status" className="shrink-0" {...holdEvents}>
        {status}
      </div>
      {alert ? <div className="shrink-0">{alert}</div> : null}
    </>
  );
}
