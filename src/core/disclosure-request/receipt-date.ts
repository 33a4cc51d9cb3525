import { isLocalDate, type LocalDate } from '../shared/local-date.ts';
import { ok, type Result, refuse } from '../shared/result.ts';
import type { Channel, ReceiptBasis } from './events.ts';

/**
 * 条例第三十一条 fixes the receipt date by channel:
 * （一）当面提交：提交之日；
 * （二）邮寄：行政机关签收之日；平常信函等无需签收的，工作机构于收到当日与申请人确认，确认之日；
 * （三）互联网渠道或者传真：双方确认之日。
 * E-mail is a 数据电文 sent over the internet, so it follows （三）. An oral application is written
 * down by the office on the spot (第二十九条第二款), so it is received the day it is made, as （一）.
 */
export interface ReceiptFacts {
  channel: Channel;
  /** in_person / oral: the day the application was handed in or made. */
  handedInOn?: LocalDate | null;
  /** post: the day the agency signed for the letter. */
  signedForOn?: LocalDate | null;
  /** post without signature: the day the office confirmed with the applicant; online/fax/email: the day both sides confirmed. */
  confirmedOn?: LocalDate | null;
}

export interface ReceiptDate {
  receivedOn: LocalDate;
  /** Which fact fixed it. */
  basis: ReceiptBasis;
  /** The rule applied, in Chinese, with its citation: printed in the 计时说明. */
  rule: string;
}

export const RECEIPT_BASIS_LABELS: Record<ReceiptBasis, string> = {
  handed_in: '提交之日',
  signed_for: '签收之日',
  confirmed: '确认之日',
};

export const RECEIPT_BASIS_RULES: Record<ReceiptBasis | 'oral', string> = {
  handed_in: '申请人当面提交的，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第一项）',
  oral: '申请人口头提出、由政府信息公开工作机构代为填写的，以提出申请之日为收到申请之日（《政府信息公开条例》第二十九条第二款、第三十一条第一项）',
  signed_for:
    '申请人以邮寄方式提交的，以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第二项）',
  confirmed:
    '申请人通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第三项）',
};

const ORDINARY_LETTER_RULE =
  '申请人以平常信函等无需签收的邮寄方式提交的，以政府信息公开工作机构与申请人确认之日为收到申请之日（《政府信息公开条例》第三十一条第二项）';

export function receiptRuleText(channel: Channel, basis: ReceiptBasis): string {
  if (channel === 'oral') return RECEIPT_BASIS_RULES.oral;
  if (channel === 'post' && basis === 'confirmed') return ORDINARY_LETTER_RULE;
  return RECEIPT_BASIS_RULES[basis];
}

export interface ReceiptRefusal {
  code: 'validation_failed';
  message: string;
}

function checkDate(value: LocalDate, label: string): ReceiptRefusal | null {
  return isLocalDate(value) ? null : { code: 'validation_failed', message: `${label}“${value}”不是有效日期` };
}

export function fixReceiptDate(facts: ReceiptFacts): Result<ReceiptDate, ReceiptRefusal> {
  const pick = (value: LocalDate | null | undefined, basis: ReceiptBasis, label: string) => {
    if (!value) return null;
    const bad = checkDate(value, label);
    if (bad) return refuse(bad);
    return ok({ receivedOn: value, basis, rule: receiptRuleText(facts.channel, basis) });
  };
  switch (facts.channel) {
    case 'in_person':
    case 'oral':
      return (
        pick(facts.handedInOn, 'handed_in', '提交日期') ??
        refuse({
          code: 'validation_failed',
          message:
            facts.channel === 'oral'
              ? '口头提出的申请须填写申请人提出申请的日期'
              : '当面提交的申请须填写提交日期（第三十一条第一项）',
        })
      );
    case 'post':
      return (
        pick(facts.signedForOn, 'signed_for', '签收日期') ??
        pick(facts.confirmedOn, 'confirmed', '确认日期') ??
        refuse({
          code: 'validation_failed',
          message: '邮寄的申请须填写签收日期；平常信函须填写与申请人确认的日期（第三十一条第二项）',
        })
      );
    case 'online':
    case 'fax':
    case 'email':
      return (
        pick(facts.confirmedOn, 'confirmed', '确认日期') ??
        refuse({
          code: 'validation_failed',
          message: '通过互联网、传真或电子邮件提交的申请须填写双方确认的日期（第三十一条第三项）',
        })
      );
  }
}
