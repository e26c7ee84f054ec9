import { createHash } from 'node:crypto';

export const NOTICE_LANGUAGES = ['en', 'zh-CN'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const NOTICE_LIMITS = {
  titleLengthMax: 200,
  bodyLengthMax: 20_000,
  versionsPerReadMax: 200,
  productsPerReadMax: 1_000,
} as const;

/**
 * The hash of a disclosure as shown: SHA-256 of the NFC-normalised title, a blank line and
 * the body. The platform sends the hash of what it displayed; an acknowledgement of any other
 * text (an older version, an edited copy) is refused.
 */
export function noticeTextSha256(title: string, body: string): Buffer {
  return createHash('sha256').update(`${title}\n\n${body}`.normalize('NFC'), 'utf8').digest();
}
