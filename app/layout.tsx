import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/playground/providers';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
