import { useState, type FormEvent } from 'react';

/** Trades an API token for the session cookie (POST /api/v1/auth/session), then reloads the page it was on. */
export function SignInForm() {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const response = await fetch('/api/v1/auth/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: token.trim() }),
        credentials: 'same-origin',
      });
      if (response.ok) {
        window.location.reload();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
      setProblem(
        response.status === 429
          ? 'Too many attempts; wait a minute.'
          : (body.error ?? body.message ?? 'That token was not accepted.'),
      );
    } catch {
      setProblem('The Tributary API cannot be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sign-in" onSubmit={(event) => void submit(event)}>
      <label>
        API token{' '}
        <input
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
      </label>{' '}
      <button type="submit" disabled={busy || token.trim() === ''}>
        Sign in
      </button>
      {problem && <p role="alert">{problem}</p>}
      <p className="muted small">
        An admin creates tokens with <code>npm run tributary -- token create</code>.
      </p>
    </form>
  );
}
