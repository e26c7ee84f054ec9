import fs from 'node:fs';
import readline from 'node:readline';
import { parseSimRecordLine } from '../sim/activity/index.js';
import { fromSimRecord, type ReplayRecord } from './replay-record.js';

export class InputError extends Error {
  override name = 'InputError';
}

/** Reads a simulation file (JSON lines) as replay records; a bad line stops with its number. */
export async function* readSimulationFile(path: string): AsyncGenerator<ReplayRecord> {
  const lines = readline.createInterface({
    input: fs.createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const parsed = parseSimRecordLine(line);
    if (!parsed.ok) throw new InputError(`${path}:${lineNumber}: ${parsed.message}`);
    if (lineNumber === 1 && parsed.record.type !== 'header') {
      throw new InputError(`${path}:1: a simulation file starts with its header record`);
    }
    yield fromSimRecord(parsed.record);
  }
}
