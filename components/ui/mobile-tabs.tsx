'use client';

/** On narrow screens the three areas become tabs; on wide ones all three show side by side. */
export type Area = 'tools' | 'chat' | 'settings';

const TABS: Array<{ id: Area; label: string }> = [
  { id: 'tools', label: 'Tools' },
  { id: 'chat', label: 'Chat' },
  { id: 'settings', label: 'Settings' },
];

export function areaPanelId(area: Area): string {
  return `area-${area}`;
}

export function MobileTabs({ active, onChange, badges }: { active: Area; onChange: (area: Area) => void; badges: Partial<Record<Area, string>> }) {
  return (
    <div role="tablist" aria-label="Areas" className="flex shrink-0 border-b border-zinc-200 bg-white px-2 lg:hidden dark:border-zinc-800 dark:bg-zinc-900">
      {TABS.map((tab) => {
        const selected = tab.id === active;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={selected}
            aria-controls={areaPanelId(tab.id)}
            onClick={() => onChange(tab.id)}
            className={`relative flex flex-1 items-center justify-center gap-1.5 py-2.5 text-sm font-medium ${
              selected ? 'text-indigo-700 dark:text-indigo-300' : 'text-zinc-600 dark:text-zinc-400'
            }`}
          >
            {tab.label}
            {badges[tab.id] ? (
              <span className="rounded-full bg-amber-100 px-1.5 text-[11px] font-semibold text-amber-800 dark:bg-amber-900/60 dark:text-amber-200">
                {badges[tab.id]}
              </span>
            ) : null}
            {selected ? <span aria-hidden className="absolute inset-x-3 bottom-0 h-0.5 rounded-full bg-indigo-600 dark:bg-indigo-400" /> : null}
          </button>
        );
      })}
    </div>
  );
}
