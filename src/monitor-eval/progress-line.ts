/** A progress bar on a terminal, plain lines (at most one per interval) elsewhere. */
export const PROGRESS_LINE_INTERVAL_MS = 5_000;
const BAR_WIDTH = 30;

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): boolean;
}

export class ProgressLine {
  private lastLineMs = 0;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** `fraction` in [0, 1], or null when the total is unknown; `detail` follows the bar. */
  update(fraction: number | null, detail: string): void {
    const clamped = Math.min(1, Math.max(0, fraction ?? 0));
    const percent = fraction === null ? '' : `${Math.floor(clamped * 100)}%`.padStart(4);
    if (this.sink.isTTY === true && fraction === null) {
      this.sink.write(`\r${this.label}: ${detail}\u001b[K`);
      this.drawn = true;
      return;
    }
    if (this.sink.isTTY === true) {
      const filled = Math.round(clamped * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
      this.sink.write(`\r${this.label} [${bar}] ${percent} ${detail}\u001b[K`);
      this.drawn = true;
      return;
    }
    const nowMs = this.now();
    if (nowMs - this.lastLineMs < PROGRESS_LINE_INTERVAL_MS) return;
    this.lastLineMs = nowMs;
    this.sink.write(`${this.label}: ${percent === '' ? '' : `${percent.trim()} `}${detail}\n`);
  }

  finish(detail: string): void {
    if (this.sink.isTTY === true && this.drawn) this.sink.write('\r\u001b[K');
    this.sink.write(`${this.label}: done, ${detail}\n`);
  }
}
