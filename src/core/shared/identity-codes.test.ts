import { describe, expect, it } from 'vitest';
import {
  classifyAgencyCode,
  computeUnifiedSocialCreditCheck,
  isValidOrganisationCode,
  isValidResidentIdNumber,
  isValidUnifiedSocialCreditCode,
  organisationCodeOf,
} from './identity-codes.ts';

describe('identity codes', () => {
  it.each([
    ['91350100M000100Y43', true], // published example of GB 32100
    ['91350100M000100Y44', false],
    ['1132058201400001XG', true],
    ['1132058201400001XO', false], // O is not in the character set
    ['11320582014000028G', true],
    ['11320582014000028', false],
  ])('统一社会信用代码 %s valid: %s', (code, valid) => {
    expect(isValidUnifiedSocialCreditCode(code)).toBe(valid);
  });

  it('computes the USCC check character', () => {
    expect(computeUnifiedSocialCreditCheck('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['D2143569-X', true], // GB 11714 example
    ['D2143569X', true],
    ['D21435691', false],
    ['01400001X', true],
  ])('组织机构代码 %s valid: %s', (code, valid) => {
    expect(isValidOrganisationCode(code)).toBe(valid);
  });

  it('classifies agency codes and extracts the organisation code of a USCC', () => {
    expect(classifyAgencyCode('11320582014000028G')).toBe('unified_social_credit_code');
    expect(classifyAgencyCode('D2143569X')).toBe('organisation_code');
    expect(classifyAgencyCode('12345')).toBeNull();
    expect(organisationCodeOf('11320582014000028G')).toBe('014000028');
    expect(organisationCodeOf('D2143569-X')).toBe('D2143569X');
  });

  it.each([
    ['11010519491231002X', true], // GB 11643 example
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['110105194902300020', false], // 30 February
    ['1101051949123100', false],
  ])('身份证号 %s valid: %s', (id, valid) => {
    expect(isValidResidentIdNumber(id)).toBe(valid);
  });
});
