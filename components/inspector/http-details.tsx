'use client';

/**
 * Status and headers of a call, both legs: the playground server's answer as the browser saw it, and
 * (when a provider answered) the headers the server sent it — the key shown as `Bearer ••••` — and the
 * provider's status and response headers, as the server passed them on (allow-listed, redacted).
 */
import type { ModelCall } from '@/lib/conversation/state';
import type { UpstreamResponse } from '@/lib/inspector/upstream-response';

function HeaderTable({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (!entries.length) return <p className="text-xs text-zinc-600 dark:text-zinc-400">No headers.</p>;
  return (
    <div tabIndex={0} role="group" aria-label={label} className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className="w-full font-mono text-[11px] whitespace-nowrap">
        <caption className="sr-only">{label}</caption>
        <tbody>
          {entries.map(([name, value]) => (
            <tr key={name} className="border-t border-zinc-100 first:border-t-0 dark:border-zinc-800/70">
              <th scope="row" className="py-0.5 pr-3 pl-2 text-left align-top font-medium text-zinc-700 dark:text-zinc-300">
                {name}
              </th>
              <td className="py-0.5 pr-2 text-zinc-800 dark:text-zinc-200">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Leg({ title, status, children }: { title: string; status?: number | null; children: React.ReactNode }) {
  return (
    <section className="space-y-1">
      <h4 className="flex items-center gap-2 text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {title}
        {status != null ? (
          <span className={`rounded px-1.5 font-mono text-[11px] ${status < 400 ? 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-300' : 'bg-rose-50 text-rose-800 dark:bg-rose-950/50 dark:text-rose-300'}`}>
            HTTP {status}
          </span>
        ) : null}
      </h4>
      {children}
    </section>
  );
}

export function HttpDetails({ call, upstream, number }: { call: ModelCall; upstream: UpstreamResponse | null; number: number }) {
  return (
    <div className="grid gap-3 @3xl:grid-cols-2">
      <Leg title="Playground server → browser" status={call.http?.status ?? call.error?.status ?? null}>
        {call.http ? (
          <HeaderTable headers={call.http.headers} label={`Response headers from the playground server (call ${number})`} />
        ) : (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{call.status === 'streaming' ? 'Waiting for the server…' : 'Not recorded for this call.'}</p>
        )}
      </Leg>
      {upstream?.provider === 'upstream' ? (
        <>
          <Leg title="Playground server → provider (request)">
            <HeaderTable headers={upstream.request_headers} label={`Request headers sent to the provider (call ${number})`} />
          </Leg>
          <Leg title="Provider → playground server" status={upstream.status}>
            <HeaderTable headers={upstream.headers} label={`Response headers from the provider (call ${number})`} />
          </Leg>
        </>
      ) : upstream?.provider === 'simulator' ? (
        <Leg title="Provider">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">None: the offline simulator answered inside the playground server, with no HTTP request of its own.</p>
        </Leg>
      ) : null}
    </div>
  );
}
