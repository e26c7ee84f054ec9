import { totpCode, totpStep } from '../../src/security/totp.js';

/** Poll interval while waiting for the next 30-second TOTP step. */
const STEP_POLL_MS = 250;

/**
 * A person's authenticator, as a test drives it: the server accepts each 30-second step once
 * per person, so a second sign-in within the step of the first waits for the next step, as a
 * person would wait for the app to show a new code.
 */
export class TotpClock {
  private lastStep: number | null;

  constructor(
    readonly secret: string,
    lastUsedAtMs: number | null = null,
  ) {
    this.lastStep = lastUsedAtMs === null ? null : totpStep(lastUsedAtMs);
  }

  async nextCode(): Promise<string> {
    while (this.lastStep !== null && totpStep(Date.now()) <= this.lastStep) {
      await new Promise((resolve) => setTimeout(resolve, STEP_POLL_MS));
    }
    const nowMs = Date.now();
    this.lastStep = totpStep(nowMs);
    return totpCode(this.secret, nowMs);
  }
}
