import type { FastifyInstance } from 'fastify';
import type { Custody } from '../custody/index.js';
import type { InstructionGate } from '../custody/instruction-gate.js';
import { CompositeGate } from './composite-gate.js';
import { ScreeningGate } from './screening-gate.js';
import type { ScreeningService } from './screening-service.js';
import type { PartyKind } from './store/result-store.js';

/** Routes whose 201 reply creates a party to screen at onboarding. */
const ONBOARDING_ROUTES: Readonly<Record<string, PartyKind>> = {
  '/v1/platforms/:platformId/customers': 'customer',
  '/v1/platforms/:platformId/customers/:customerId/bank-accounts': 'bank_account',
};

/**
 * Wires screening into a server: the screening gate composed with monitoring's (reject beats
 * hold beats allow), reviews flushed after each committed batch, and onboarding screening of
 * every customer and bank account the API creates (before the 201 reply leaves).
 */
export async function installScreening(
  app: FastifyInstance,
  custody: Custody,
  service: ScreeningService,
  monitor: InstructionGate | undefined,
): Promise<ScreeningGate> {
  const gate = new ScreeningGate(service);
  await gate.start();
  custody.setGate(new CompositeGate([monitor, gate]));
  const unsubscribe = custody.onCommitted(() => void gate.flush());
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || reply.statusCode !== 201) return payload;
    const kind = ONBOARDING_ROUTES[request.routeOptions.url ?? ''];
    if (kind === undefined || typeof payload !== 'string') return payload;
    const id = (JSON.parse(payload) as { id?: unknown }).id;
    if (typeof id !== 'string') return payload;
    try {
      await service.onboard(kind, id);
    } catch (error) {
      // The party exists; the gate screens it from its name and the next rescreen records it.
      request.log.error({ err: error, partyId: id }, 'onboarding screening failed');
    }
    return payload;
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    await gate.stop();
  });
  return gate;
}
