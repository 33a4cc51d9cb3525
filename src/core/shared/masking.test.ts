import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonalDataInText, maskPhone } from './masking.ts';

describe('masking personal data', () => {
  it('masks ID numbers and phones for views', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('0512-58680100')).toBe('0512-****00');
  });

  it('masks ID numbers and mobiles inside free text such as URLs', () => {
    const text = '/api/x?id=11010519491231002X&phone=13912345678&n=2021';
    const masked = maskPersonalDataInText(text);
    expect(masked).not.toContain('11010519491231002X');
    expect(masked).not.toContain('13912345678');
    expect(masked).toContain('1101**********002X');
    expect(masked).toContain('139****5678');
    expect(masked).toContain('n=2021');
  });
});
