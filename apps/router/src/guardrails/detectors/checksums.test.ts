import { describe, expect, it } from 'vitest';
import { passesIbanChecksum, passesLuhn } from './checksums.ts';

describe('passesLuhn', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'])(
    'accepts the test card %s',
    (number) => expect(passesLuhn(number)).toBe(true),
  );

  it('refuses a number with one digit changed', () => {
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('refuses text and the empty string', () => {
    expect(passesLuhn('4111a11111111111')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });
});

describe('passesIbanChecksum', () => {
  it.each([
    'GB82WEST12345698765432',
    'DE89370400440532013000',
    'NL91ABNA0417164300',
    'FR1420041010050500013M02606',
  ])('accepts %s', (iban) => expect(passesIbanChecksum(iban)).toBe(true));

  it('refuses a transposition, which mod 97 catches', () => {
    expect(passesIbanChecksum('GB82WEST12345698765423')).toBe(false);
  });

  it('refuses an IBAN of the wrong length for its country', () => {
    expect(passesIbanChecksum('DE8937040044053201300')).toBe(false);
  });
});
