import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from './base';
import { linkView, withView } from './link-view';
import { decodeShareHash, encodeScenario, shareUrl } from './share-link';

describe('the view a share link opens in', () => {
  const fragment = encodeScenario({ ...DEFAULT_SCENARIO, name: 'Demo' });

  it('is the workbench when the link names none', () => {
    expect(linkView(`#${fragment}`)).toBeNull();
    expect(linkView('')).toBeNull();
  });

  it('is read from the fragment, before or after the scenario, or from a whole URL', () => {
    expect(linkView(`#${withView(fragment, 'replay')}`)).toBe('replay');
    expect(linkView(`#view=present&${fragment}`)).toBe('present');
    expect(linkView(`https://playground.example/#${withView(fragment, 'present')}`)).toBe('present');
  });

  it('ignores a view it does not know, and the scenario still opens', () => {
    const hash = `#${fragment}&view=slideshow`;
    expect(linkView(hash)).toBeNull();
    const decoded = decodeShareHash(hash);
    expect(decoded.kind === 'ok' && decoded.scenario.name).toBe('Demo');
  });

  it('leaves the scenario part as it was', () => {
    const decoded = decodeShareHash(`#${withView(fragment, 'replay')}`);
    expect(decoded.kind === 'ok' && decoded.scenario.name).toBe('Demo');
    expect(shareUrl('https://p.example/', DEFAULT_SCENARIO, 'replay')).toMatch(/^https:\/\/p\.example\/#s=2\.[^&]+&view=replay$/);
    expect(shareUrl('https://p.example/', DEFAULT_SCENARIO)).not.toContain('view=');
  });
});
