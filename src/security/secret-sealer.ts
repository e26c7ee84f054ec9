/**
 * Seals small secrets Custos must read back (TOTP seeds, webhook signing secrets) under the
 * master key, bound to a context string naming what the secret belongs to, so a sealed value
 * copied to another row does not open.
 */
export interface SecretSealer {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}
