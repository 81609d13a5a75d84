'use client';

/**
 * Page by page through a long list (a thousand test cases, a scorecard of several models): only one
 * page's rows are in the page at a time, so rendering and sorting stay fast however long the list is.
 */
import { Button } from '@/components/ui/controls';

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

interface Props {
  /** What is paged, for the buttons' names: "test cases", "case results". */
  what: string;
  page: number;
  total: number;
  size: number;
  onPage: (page: number) => void;
}

export function Pager({ what, page, total, size, onPage }: Props) {
  const pages = pageCount(total, size);
  if (pages <= 1) return null;
  const first = page * size + 1;
  const last = Math.min(total, (page + 1) * size);
  return (
    <nav aria-label={`Pages of ${what}`} className="flex items-center justify-end gap-2 px-4 py-2 text-xs text-zinc-600 dark:text-zinc-400">
      <span aria-live="polite">
        {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}
      </span>
      <Button size="sm" variant="ghost" disabled={page === 0} onClick={() => onPage(page - 1)} aria-label={`Previous page of ${what}`}>
        ‹ Previous
      </Button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <Button size="sm" variant="ghost" disabled={page >= pages - 1} onClick={() => onPage(page + 1)} aria-label={`Next page of ${what}`}>
        Next ›
      </Button>
    </nav>
  );
}
