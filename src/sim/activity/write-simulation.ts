import fs from 'node:fs';
import { once } from 'node:events';
import type { SimRecord } from './sim-records.js';
import { simRecordToLine } from './sim-jsonl.js';

/** Lines gathered before one write to the file. */
const LINES_PER_WRITE = 2_000;

export interface WriteSimulationResult {
  records: number;
  events: number;
  bytes: number;
}

/**
 * Writes records as JSON lines, waiting whenever the file stream asks for it, so a run of any
 * length keeps only one chunk of lines in memory.
 */
export async function writeSimulation(
  records: Iterable<SimRecord>,
  path: string,
  onRecord?: (record: SimRecord) => void,
): Promise<WriteSimulationResult> {
  const out = fs.createWriteStream(path, { encoding: 'utf8' });
  const result: WriteSimulationResult = { records: 0, events: 0, bytes: 0 };
  let chunk: string[] = [];
  const flush = async () => {
    const text = `${chunk.join('\n')}\n`;
    chunk = [];
    result.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    for (const record of records) {
      chunk.push(simRecordToLine(record));
      result.records += 1;
      if (record.type === 'event') result.events += 1;
      onRecord?.(record);
      if (chunk.length >= LINES_PER_WRITE) await flush();
    }
    if (chunk.length > 0) await flush();
  } finally {
    out.end();
    await once(out, 'close');
  }
  return result;
}
