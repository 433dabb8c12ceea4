// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Greeting from '../../../test/Greeting.svelte';
import LazyScreen from './LazyScreen.svelte';

type GreetingModule = { default: typeof Greeting };
// LazyScreen is generic in its screen's props, which testing-library's render does not infer.
const Lazy = LazyScreen as unknown as Component<{
  load: () => Promise<GreetingModule>;
  props: { name: string };
  failure?: string;
}>;

describe('LazyScreen', () => {
  it('shows Loading… until its chunk is there, then the screen with its props', async () => {
    let arrive: (m: GreetingModule) => void = () => {};
    // The screen's own props are LazyScreen's prop `props`, hence the nesting.
    render(Lazy, {
      props: { load: () => new Promise((resolve) => (arrive = resolve)), props: { name: 'Cara' } },
    });
    expect(screen.getByText('Loading…')).toBeTruthy();
    arrive({ default: Greeting });
    expect(await screen.findByRole('heading', { name: 'Hello, Cara' })).toBeTruthy();
  });

  it('says so when the chunk cannot be loaded, and loads it again on Try again', async () => {
    const load = vi
      .fn<() => Promise<GreetingModule>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ default: Greeting });
    render(Lazy, { props: { load, props: { name: 'Cara' } } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      "This part of Tapin couldn't be loaded. Check the connection and try again.",
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Hello, Cara' })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('gives up on a chunk that does not come within 10 seconds', async () => {
    vi.useFakeTimers();
    try {
      render(Lazy, {
        props: { load: () => new Promise(() => {}), props: { name: 'Cara' }, failure: 'Not loaded.' },
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(screen.getByRole('alert').textContent).toBe('Not loaded.');
    } finally {
      vi.useRealTimers();
    }
  });
});
