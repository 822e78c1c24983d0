import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.js';
import { SignInForm } from '../features/auth/components/SignInForm.js';

export function Skeleton({ lines = 4, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton" role="status" aria-label={label} aria-busy="true">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** A GraphQL error shown in plain words, with its code for whoever reports it. */
export function ErrorMessage({ error, title = 'Could not load this' }: { error: ApiError; title?: string }) {
  return (
    <div className="error-box" role="alert">
      <strong>{title}</strong>
      <p>{error.message}</p>
      <small>code: {error.code}</small>
      {error.code === 'UNAUTHENTICATED' && <SignInForm />}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
