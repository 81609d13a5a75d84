'use client';

/**
 * The short-link parts of the Share notice (notice-bar.tsx): the offer ("Make a short link", with its
 * expiry and what encryption here means) and the link once made (shown, copied, with its delete link
 * to keep and a button that deletes it). The delete token lives only here, in memory, and in the
 * delete link.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { copyText } from './clipboard';
import { Button } from './controls';

/** A short link on offer for the scenario being shared. */
export interface ShortLinkOffer {
  /** Days the link may live; null: until deleted (lib/links/types.ts EXPIRY_CHOICES). */
  expiryChoices: readonly (number | null)[];
  /** The `#s=` link is too long for chat apps, or too large to be one at all: the offer comes first. */
  recommended: boolean;
}

export interface MadeShortLink {
  link: string;
  /** `#kd=` link: for the creator to keep. */
  deleteLink: string;
  /** ISO 8601, or null: kept until deleted. */
  expiresAt: string | null;
  copied: boolean;
}

export const ENCRYPTION_NOTE = 'Encrypted in this browser; the server stores only ciphertext it cannot read. The key is in the link after #.';

export function expiryLabel(days: number | null): string {
  if (days === null) return 'Never';
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return days === 1 ? '1 day' : `${days} days`;
}

/** "expires on 2 Jan 2027, 10:00" or "kept until deleted". */
export function expiryWords(expiresAt: string | null): string {
  if (expiresAt === null) return 'kept until deleted';
  return `expires on ${new Date(expiresAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`;
}

const fieldTone = 'rounded-md border border-emerald-300 bg-white text-zinc-800 focus:ring-2 focus:ring-emerald-500/30 focus:outline-none dark:border-emerald-800 dark:bg-zinc-900 dark:text-zinc-200';
const quiet = 'text-emerald-800/80 dark:text-emerald-200/70';

export function ShortLinkOfferControls({ offer, onMake, tone = quiet }: { offer: ShortLinkOffer; onMake: (expiresInDays: number | null) => void; tone?: string }) {
  const id = useId();
  const [choice, setChoice] = useState(0);
  return (
    <div className="flex basis-full flex-wrap items-center gap-x-3 gap-y-1.5">
      <span className="flex items-center gap-1.5">
        <label htmlFor={id} className="text-xs font-medium">
          Expires
        </label>
        <select id={id} value={choice} onChange={(event) => setChoice(Number(event.target.value))} className={`${fieldTone} h-7 px-1.5 text-xs`}>
          {offer.expiryChoices.map((days, index) => (
            <option key={String(days)} value={index}>
              {expiryLabel(days)}
            </option>
          ))}
        </select>
      </span>
      <Button size="sm" variant={offer.recommended ? 'primary' : 'secondary'} onClick={() => onMake(offer.expiryChoices[choice] ?? null)}>
        Make a short link
      </Button>
      <span className={`min-w-0 flex-1 basis-64 text-xs ${tone}`}>{ENCRYPTION_NOTE}</span>
    </div>
  );
}

export function ShortLinkMadeParts({ made, onDelete }: { made: MadeShortLink; onDelete: () => void }) {
  const id = useId();
  const linkRef = useRef<HTMLInputElement>(null);
  const deleteLinkRef = useRef<HTMLInputElement>(null);
  const [deleteLinkCopied, setDeleteLinkCopied] = useState<boolean | null>(null);
  const copyDeleteLink = async () => setDeleteLinkCopied(await copyText(made.deleteLink));
  // What could not be copied is selected, ready for Ctrl+C.
  useEffect(() => {
    if (made.copied) return;
    linkRef.current?.focus();
    linkRef.current?.select();
  }, [made]);
  useEffect(() => {
    if (deleteLinkCopied !== false) return;
    deleteLinkRef.current?.focus();
    deleteLinkRef.current?.select();
  }, [deleteLinkCopied]);
  return (
    <>
      <p className="min-w-0">
        <span className="font-semibold">{made.copied ? 'Short link copied' : 'Copy this short link'}</span>
        <span className={quiet}>
          {` — ${expiryWords(made.expiresAt)}. `}
          {made.copied ? 'Keep the delete link to take it down later.' : 'The browser did not allow copying: select the link and copy it by hand.'}
        </span>
      </p>
      <label htmlFor={`${id}-link`} className="sr-only">
        Short link
      </label>
      <input
        id={`${id}-link`}
        readOnly
        ref={linkRef}
        value={made.link}
        onFocus={(event) => event.currentTarget.select()}
        className={`${fieldTone} h-7 min-w-0 flex-1 basis-[29rem] px-2 font-mono text-xs`}
      />
      <Button size="sm" onClick={() => void copyDeleteLink()}>
        Copy delete link
      </Button>
      <Button size="sm" variant="reject" onClick={onDelete}>
        Delete the short link
      </Button>
      {deleteLinkCopied === true ? <span className={`basis-full text-xs ${quiet}`}>Delete link copied: opening it deletes the short link.</span> : null}
      {deleteLinkCopied === false ? (
        <span className="flex basis-full items-center gap-2 text-xs">
          <label htmlFor={`${id}-delete`}>The browser did not allow copying; the delete link:</label>
          <input id={`${id}-delete`} ref={deleteLinkRef} readOnly value={made.deleteLink} onFocus={(event) => event.currentTarget.select()} className={`${fieldTone} h-7 min-w-0 flex-1 px-2 font-mono`} />
        </span>
      ) : null}
    </>
  );
}
