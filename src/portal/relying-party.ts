/**
 * The WebAuthn relying party: the domain passkeys are bound to (rpId) and the origins the
 * portal is served from. Browsers put the origin in clientDataJSON; assertions from any other
 * origin are refused.
 */
export interface RelyingParty {
  rpId: string;
  rpName: string;
  origins: readonly string[];
}

const LOCAL_ORIGINS_MAX = 16;
const LOCAL_HOST = /^localhost(:\d{1,5})?$/;

/** The relying party for a configured public origin such as https://custody.example.com. */
export function relyingPartyOf(origin: string, rpId?: string, rpName = 'Custos'): RelyingParty {
  const url = new URL(origin);
  return { rpId: rpId ?? url.hostname, rpName, origins: [url.origin] };
}

/**
 * Where the relying party comes from. Configured (CUSTOS_PORTAL_ORIGIN): fixed. Not
 * configured: only a development server reached as http://localhost:PORT can use passkeys;
 * each such origin seen is remembered (a few at most), any other host is refused.
 */
export class RelyingPartySource {
  readonly #configured: RelyingParty | null;
  readonly #local: { rpId: string; rpName: string; origins: string[] } = {
    rpId: 'localhost',
    rpName: 'Custos (development)',
    origins: [],
  };

  constructor(configured: RelyingParty | undefined) {
    this.#configured = configured ?? null;
  }

  /** The relying party for a request to `host` (its Host header), or null when none fits. */
  forHost(host: string | undefined): RelyingParty | null {
    if (this.#configured !== null) return this.#configured;
    if (host === undefined || !LOCAL_HOST.test(host)) return null;
    const origin = `http://${host}`;
    if (!this.#local.origins.includes(origin) && this.#local.origins.length < LOCAL_ORIGINS_MAX)
      this.#local.origins.push(origin);
    return this.current();
  }

  /** The configured relying party, if there is one. */
  configured(): RelyingParty | undefined {
    return this.#configured ?? undefined;
  }

  /** The relying party as known now (for checks outside a request). */
  current(): RelyingParty {
    return this.#configured ?? { ...this.#local, origins: [...this.#local.origins] };
  }
}
