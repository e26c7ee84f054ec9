import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/** Flags: user present, user verified, attested credential data included. */
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/**
 * A WebAuthn authenticator in software for tests: a P-256 key made with node:crypto, attestation
 * `none`, assertions signed exactly as a platform authenticator signs them
 * (ECDSA-SHA256 over authenticatorData ‖ SHA-256(clientDataJSON)).
 */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(20);
  counter = 0;
  #privateKey: KeyObject;
  #publicJwk: { x: string; y: string };
  userHandle: string | null = null;

  constructor(
    readonly rpId: string,
    readonly origin: string,
  ) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: 'jwk' });
    this.#publicJwk = { x: String(jwk.x), y: String(jwk.y) };
  }

  get id(): string {
    return b64(this.credentialId);
  }

  /** An assertion under this credential id but signed by another key: a forgery. */
  forge(challenge: string): AuthenticationResponseJSON {
    const honest = this.#privateKey;
    this.#privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    try {
      return this.assert(challenge);
    } finally {
      this.#privateKey = honest;
    }
  }

  #coseKey(): Uint8Array {
    const key = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(this.#publicJwk.x, 'base64url')],
      [-3, Buffer.from(this.#publicJwk.y, 'base64url')],
    ]);
    return isoCBOR.encode(key);
  }

  #authData(flags: number, attested: boolean): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const parts = [sha256(this.rpId), Buffer.from([flags]), counter];
    if (attested) {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), length, this.credentialId, Buffer.from(this.#coseKey()));
    }
    return Buffer.concat(parts);
  }

  register(options: { challenge: string; user: { id: string } }): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.create',
        challenge: options.challenge,
        origin: this.origin,
        crossOrigin: false,
      }),
    );
    const attestation = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', this.#authData(FLAG_UP | FLAG_UV | FLAG_AT, true)],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        attestationObject: b64(attestation),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** An assertion over `challenge` (base64url); the counter goes up by one unless told. */
  assert(
    challenge: string,
    options: { origin?: string; bump?: boolean } = {},
  ): AuthenticationResponseJSON {
    if (options.bump !== false) this.counter += 1;
    const authData = this.#authData(FLAG_UP | FLAG_UV, false);
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge,
        origin: options.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientData)]),
      this.#privateKey,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        authenticatorData: b64(authData),
        clientDataJSON: b64(clientData),
        signature: b64(signature),
        ...(this.userHandle === null ? {} : { userHandle: this.userHandle }),
      },
      clientExtensionResults: {},
    };
  }
}
