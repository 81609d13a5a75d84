import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from '@/components/playground/providers';
import { THEME_SCRIPT } from '@/components/ui/theme';
import './globals.css';

/**
 * Rendered per request, never prerendered: each page gets the nonce of its own Content-Security-Policy
 * (proxy.ts), which Next puts on its inline scripts, so script-src needs no 'unsafe-inline'.
 */
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Function Calling Playground',
  description: 'Design tools, chat with a function-calling model, approve or hand-enter each tool result, and inspect every call.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f4f4f5' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

/**
 * The theme chosen in this browser is applied by an inline script before the first paint (no flash
 * of the other theme); it carries the page's nonce. It sets `data-theme` on <html> before React
 * hydrates, hence suppressHydrationWarning there (one level deep: only <html>'s own attributes).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = /'nonce-([^']+)'/.exec((await headers()).get('content-security-policy') ?? '')?.[1];
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
