/**
 * Links to the AI/ML API function-calling guide wherever the page mentions "the guide". The address
 * is the guide's place on the AI/ML API documentation site as the published copy shows it (the
 * second source document: the site's "Capabilities" section, page "Function Calling"). It opens in a
 * new tab, without handing this page to it (noopener) or saying where the person came from (noreferrer).
 */
import type { ReactNode } from 'react';

export const FUNCTION_CALLING_GUIDE_URL = 'https://docs.aimlapi.com/capabilities/function-calling';

export function GuideLink({ children = 'the guide' }: { children?: ReactNode }) {
  return (
    <a
      href={FUNCTION_CALLING_GUIDE_URL}
      target="_blank"
      rel="noopener noreferrer"
      // Above a card's stretched button (the Templates list), so the link takes its own clicks.
      className="relative z-10 font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-600 dark:text-indigo-300 dark:decoration-indigo-700 dark:hover:decoration-indigo-300"
    >
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** A text with each "the guide" in it (any case) as a link to the guide. */
export function WithGuideLinks({ text }: { text: string }) {
  const parts = text.split(/\b(the guide)\b/i);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <GuideLink key={i}>{part}</GuideLink> : part))}</>;
}
