import { describe, expect, it } from 'vitest';
import { challengeOfClientData } from './webauthn-challenges.js';

const encoded = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('challengeOfClientData', () => {
  it("reads the challenge of a browser's clientDataJSON", () => {
    const clientData = {
      type: 'webauthn.get',
      challenge: 'q1w2e3r4t5y6u7i8o9p0',
      origin: 'https://portal.custos.example',
      crossOrigin: false,
    };
    expect(challengeOfClientData(encoded(JSON.stringify(clientData)))).toBe('q1w2e3r4t5y6u7i8o9p0');
  });

  it('gives null for anything else, never throwing', () => {
    const unreadable = [
      '',
      '%%%not-base64%%%',
      encoded('{"type":"webauthn.get"'),
      encoded('null'),
      encoded('"a string"'),
      encoded('[1,2,3]'),
      encoded('{"type":"webauthn.get"}'),
      encoded('{"challenge":12345}'),
      encoded(JSON.stringify({ challenge: 'x'.repeat(129) })),
    ];
    for (const input of unreadable) expect(challengeOfClientData(input), input).toBeNull();
    expect(challengeOfClientData(encoded(JSON.stringify({ challenge: 'x'.repeat(128) })))).toBe(
      'x'.repeat(128),
    );
  });
});
