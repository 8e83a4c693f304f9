/** Seals secrets at rest (stream URLs carry camera passwords). */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}
