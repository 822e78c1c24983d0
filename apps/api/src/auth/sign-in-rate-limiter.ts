import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per client address: enough to make guessing
 * tokens through the sign-in form pointless without any shared store.
 */
@Injectable()
export class SignInRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly perMinute: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.perMinute = config.auth.signInPerMinute;
  }

  /** Counts one attempt; returns the seconds to wait when over the limit, else undefined. */
  attempt(client: string, now = Date.now()): number | undefined {
    let window = this.windows.get(client);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 50_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    if (window.count <= this.perMinute) return undefined;
    return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
  }
}
