import { describe, expect, it } from 'vitest';
import { evidenceRelyingParty } from './evidence-relying-party.js';

const clientData = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

describe('evidenceRelyingParty', () => {
  const configured = {
    rpId: 'custody.example.com',
    rpName: 'Custos',
    origins: ['https://custody.example.com'],
  };

  it('uses the configured relying party whatever the evidence says', () => {
    expect(evidenceRelyingParty(configured, clientData({ origin: 'http://localhost:1' }))).toBe(
      configured,
    );
  });

  it('accepts the recorded localhost origin of a development portal', () => {
    expect(
      evidenceRelyingParty(
        undefined,
        clientData({ type: 'webauthn.get', origin: 'http://localhost:5173' }),
      ),
    ).toEqual({
      rpId: 'localhost',
      rpName: 'Custos (development)',
      origins: ['http://localhost:5173'],
    });
  });

  it('has no relying party for another origin, bad JSON or oversized data', () => {
    expect(
      evidenceRelyingParty(undefined, clientData({ origin: 'https://evil.example' })),
    ).toBeNull();
    expect(
      evidenceRelyingParty(undefined, clientData({ origin: 'http://localhost.evil:80' })),
    ).toBeNull();
    expect(evidenceRelyingParty(undefined, clientData({}))).toBeNull();
    expect(evidenceRelyingParty(undefined, Buffer.from('{not json', 'utf8'))).toBeNull();
    const big = clientData({ origin: 'http://localhost:1', pad: 'x'.repeat(5000) });
    expect(evidenceRelyingParty(undefined, big)).toBeNull();
  });
});
