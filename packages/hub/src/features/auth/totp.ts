import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** TOTP (RFC 6238, SHA-1, 6 digits, 30 s) as authenticator apps expect; accepts one step of clock skew. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secret: string, label: string, issuer: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function checkTotp(secret: string, code: string, now: Date): boolean {
  const totp = totpFor(secret, 'x', 'camnet');
  return totp.validate({ token: code.replace(/\s/g, ''), timestamp: now.getTime(), window: 1 }) !== null;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
