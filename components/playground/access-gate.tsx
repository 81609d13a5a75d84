'use client';

/**
 * When the server is set up with PLAYGROUND_ACCESS_TOKEN, the model list answers 401
 * `access_token_required` until this browser has the access cookie. This asks for the token once, sends
 * it to `POST /api/v1/access` (which sets an httpOnly session cookie: 30 days, or until a restart without PLAYGROUND_SESSION_SECRET) and loads the models again.
 * The page renders it only while the model list asks for the token (`needsAccessToken`).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Modal } from '@/components/ui/modal';
import { Button, fieldClass, labelClass } from '@/components/ui/controls';
import { MODELS_QUERY_KEY } from '@/components/settings/use-models';

async function unlock(token: string): Promise<string | null> {
  try {
    const response = await fetch('/api/v1/access', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.ok) return null;
    try {
      const body = (await response.json()) as { error?: { message?: unknown } };
      if (typeof body.error?.message === 'string') return body.error.message;
    } catch {
      // Not JSON: fall through.
    }
    return `The server refused the token (${response.status} ${response.statusText}).`;
  } catch (error) {
    return `Could not reach the playground server (${error instanceof Error ? error.message : String(error)}). Check that it is running, then try again.`;
  }
}

export function AccessGate() {
  const queryClient = useQueryClient();
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim() || busy) return;
    setBusy(true);
    const problem = await unlock(token.trim());
    setError(problem);
    if (!problem) {
      setToken('');
      await queryClient.invalidateQueries({ queryKey: MODELS_QUERY_KEY });
    }
    setBusy(false);
  };

  return (
    <Modal
      open
      label="Access token required"
      size="sm"
      description="This playground is protected. Enter the access token you were given; this browser stays signed in for up to 30 days (until the server restarts, unless it has a session secret)."
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-3 px-4 py-4">
        <div>
          <label htmlFor={`${id}-token`} className={labelClass}>
            Access token
          </label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-autofocus
            className={fieldClass}
          />
        </div>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-[13px] text-rose-700 dark:text-rose-300">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={busy || !token.trim()}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
