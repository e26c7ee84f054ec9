import { assert } from '../assert.js';
import { assertGridPoint, SCALE_MAX } from './scoring.js';
import type { GridPoint } from './risk-types.js';

/** counts[likelihood − 1][impact − 1]: risks in each cell of the 5×5 grid. */
export type HeatGrid = number[][];

export interface HeatMap {
  inherent: HeatGrid;
  residual: HeatGrid;
  /** Each risk's move from its inherent cell to its residual cell. */
  moves: { riskId: string; code: string; inherent: GridPoint; residual: GridPoint }[];
}

function emptyGrid(): HeatGrid {
  return Array.from({ length: SCALE_MAX }, () => Array.from({ length: SCALE_MAX }, () => 0));
}

/** Pure: counts per cell, inherent and residual, from the risks' current assessments. */
export function heatMapOf(
  risks: readonly { id: string; code: string; inherent: GridPoint; residual: GridPoint }[],
): HeatMap {
  const inherent = emptyGrid();
  const residual = emptyGrid();
  for (const risk of risks) {
    assertGridPoint(risk.inherent);
    assertGridPoint(risk.residual);
    const a = inherent[risk.inherent.likelihood - 1];
    const b = residual[risk.residual.likelihood - 1];
    assert(a !== undefined && b !== undefined, 'grid rows exist');
    a[risk.inherent.impact - 1] = (a[risk.inherent.impact - 1] ?? 0) + 1;
    b[risk.residual.impact - 1] = (b[risk.residual.impact - 1] ?? 0) + 1;
  }
  return {
    inherent,
    residual,
    moves: risks.map((r) => ({
      riskId: r.id,
      code: r.code,
      inherent: r.inherent,
      residual: r.residual,
    })),
  };
}
