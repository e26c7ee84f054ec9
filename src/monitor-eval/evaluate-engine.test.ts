import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateActivity, writeSimulation } from '../sim/activity/index.js';
import { createCnEvaluationEngine } from './create-engine.js';
import { readSimulationFile } from './jsonl-source.js';
import { fromSimRecord } from './replay-record.js';
import { replay } from './replay.js';

const options = { customers: 300, days: 14, historyDays: 30, plantRatePerThousand: 10, seed: 11 };

describe('evaluation with the CN rule pack', () => {
  it('replays a simulation file the same as the stream it was written from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-sim-'));
    const file = path.join(dir, 'sim.jsonl');
    const written = await writeSimulation(simulateActivity(options), file);
    expect(written.events).toBeGreaterThan(1000);
    const fromFile = await replay(readSimulationFile(file), createCnEvaluationEngine());
    const fromStream = await replay(
      (function* () {
        for (const record of simulateActivity(options)) yield fromSimRecord(record);
      })(),
      createCnEvaluationEngine(),
    );
    expect(fromFile.score).toEqual(fromStream.score);
    expect(fromFile.score.events).toBe(written.events);
    const byTypology = Object.fromEntries(fromFile.score.typologies.map((t) => [t.typology, t]));
    // Refused debit attempts are critical by definition: every planted one must alert.
    expect(byTypology.unauthorized_debit?.recall).toBe(1);
    expect(byTypology.third_party_funding?.recall).toBe(1);
    expect(fromFile.score.alerts).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true });
  });
});
