/** Hands out TOTP codes, never the same one twice (a hub may refuse a replayed code): waits for the next period. */
import type * as OTPAuth from 'otpauth';

export class TotpClock {
  private last: string | null = null;
  constructor(private readonly totp: OTPAuth.TOTP) {}

  async freshCode(): Promise<string> {
    for (;;) {
      const code = this.totp.generate();
      if (code !== this.last) {
        this.last = code;
        return code;
      }
      const msLeft = this.totp.period * 1000 - (Date.now() % (this.totp.period * 1000));
      await new Promise((r) => setTimeout(r, msLeft + 200));
    }
  }
}
