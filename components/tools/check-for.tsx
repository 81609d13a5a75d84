'use client';

/**
 * "Check for": whose rules the Tools editor adds to its markers. By default the provider of each model in
 * use (the scenario's, and every Compare column's); the person may pick several instead.
 */
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Popover } from '@/components/ui/popover';
import { checkTargets } from '@/lib/store/selectors';
import { PROVIDER_FAMILIES, PROVIDER_FAMILY_NAMES, type ProviderFamily } from '@/lib/wire/provider-family';

const CHOICES = PROVIDER_FAMILIES.filter((family) => family !== 'other');

export function CheckFor() {
  const store = usePlaygroundStore();
  const { chosen, targets } = usePlayground((s) => ({ chosen: s.settings.check_for, targets: checkTargets(s).join(' ') }));
  const active = targets ? (targets.split(' ') as ProviderFamily[]) : [];
  const label = active.length ? active.map((family) => PROVIDER_FAMILY_NAMES[family]).join(', ') : 'JSON Schema only';

  const patch = (check_for: ProviderFamily[] | undefined) => store.getState().patchSettings({ check_for });
  const toggle = (family: ProviderFamily, on: boolean) => {
    const current = chosen ?? active;
    patch(on ? CHOICES.filter((f) => f === family || current.includes(f)) : current.filter((f) => f !== family));
  };

  return (
    <Popover button={<span className="truncate">Check for: {label}</span>} title={`Check for: ${label}`} className="flex-1">
      <fieldset className="space-y-1">
        <legend className="sr-only">Check for</legend>
        <p className="px-1 pb-1 text-zinc-600 dark:text-zinc-400">Markers for the rules of these providers, besides plain JSON Schema mistakes.</p>
        <label className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <input type="checkbox" checked={chosen === undefined} onChange={(e) => patch(e.target.checked ? undefined : active)} />
          The models in use
        </label>
        <hr className="border-zinc-200 dark:border-zinc-700" />
        {CHOICES.map((family) => (
          <label key={family} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
            <input type="checkbox" checked={active.includes(family)} onChange={(e) => toggle(family, e.target.checked)} />
            {PROVIDER_FAMILY_NAMES[family]}
          </label>
        ))}
      </fieldset>
    </Popover>
  );
}
