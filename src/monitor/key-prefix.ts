/**
 * The start of a rule's shared-key strings (rule index, currency key, platform, subject tag),
 * remembered for the last currency and platform seen: consecutive events of one platform and
 * currency then reuse one string, whose hash V8 keeps, instead of building and hashing a new
 * one for every event.
 */
export class KeyPrefix {
  private currencyKey = '';
  private platformId = '';
  private prefix: string | null = null;

  constructor(
    private readonly ruleIndex: number,
    private readonly tag: string,
  ) {}

  of(currencyKey: string, platformId: string): string {
    if (
      this.prefix !== null &&
      currencyKey === this.currencyKey &&
      platformId === this.platformId
    ) {
      return this.prefix;
    }
    this.currencyKey = currencyKey;
    this.platformId = platformId;
    this.prefix = `${this.ruleIndex}|${currencyKey}|${platformId}|${this.tag}`;
    return this.prefix;
  }
}
