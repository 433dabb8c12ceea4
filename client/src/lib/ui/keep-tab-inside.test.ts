// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { keepTabInside } from './keep-tab-inside';

function dialogWith(html: string): HTMLElement {
  const dialog = document.createElement('div');
  dialog.innerHTML = html;
  document.body.replaceChildren(dialog);
  return dialog;
}

function tab(container: HTMLElement, shiftKey = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, cancelable: true });
  keepTabInside(event, container);
  return event;
}

describe('keepTabInside', () => {
  it('wraps Tab from the last control to the first, and Shift+Tab from the first to the last', () => {
    const dialog = dialogWith('<button>Revoke</button><button>Cancel</button>');
    const [revoke, cancel] = [...dialog.querySelectorAll('button')];
    cancel?.focus();
    expect(tab(dialog).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(revoke);
    expect(tab(dialog, true).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(cancel);
  });

  it('leaves Tab between controls to the browser, and skips disabled and hidden ones', () => {
    const dialog = dialogWith(
      '<input id="name"><button>Save</button><button disabled>Busy</button><p hidden><a href="/">Gone</a></p>',
    );
    const [name, save] = [dialog.querySelector('input'), dialog.querySelector('button')];
    name?.focus();
    expect(tab(dialog).defaultPrevented).toBe(false);
    save?.focus();
    expect(tab(dialog).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(name);
  });
});
