/** What a call cost, from its token usage and the price table; the simulator costs nothing. */
import type { Usage } from '@/lib/wire/chat';
import { isSimulatorModel } from '@/lib/wire/models';
import { own } from '@/lib/util/json';
import { MODEL_PRICES, type ModelPrice } from './prices';

export type CallCost =
  | { kind: 'free' }
  /** No published price for the model, or no usage reported. */
  | { kind: 'unknown'; reason: 'no-price' | 'no-usage' }
  | { kind: 'priced'; usd: number; price: ModelPrice };

export function callCost(model: string, usage: Usage | null, prices: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): CallCost {
  if (isSimulatorModel(model)) return { kind: 'free' };
  const price = own(prices, model);
  if (!price) return { kind: 'unknown', reason: 'no-price' };
  if (!usage) return { kind: 'unknown', reason: 'no-usage' };
  const usd = (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1_000_000;
  return { kind: 'priced', usd, price };
}

/** "$0.000125": enough digits that a small call does not read as $0.00. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}`;
}

/** The cost in words, as the inspector shows it. */
export function describeCost(cost: CallCost): string {
  switch (cost.kind) {
    case 'free':
      return 'free (offline simulator)';
    case 'unknown':
      return cost.reason === 'no-price' ? 'unknown (no published price)' : 'unknown (no token usage)';
    case 'priced':
      return formatUsd(cost.usd);
  }
}
