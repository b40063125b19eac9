import { useCallback, useEffect, useReducer, useRef } from 'react';

/** The element to focus, looked up when the page has been drawn again; null while it is not there yet. */
export type FocusTarget = () => HTMLElement | SVGElement | null | undefined;

/** A target still missing after this long (a reply that never came) is given up, not focused out of the blue later. */
const GIVE_UP_MS = 15_000;

/**
 * Where the keyboard goes after an action changes the page, so that it is never dropped to <body> (a keyboard or
 * screen-reader user would be thrown to the top, WCAG 2.4.3 Focus Order): a form or panel just opened → its first
 * field or heading; a form closed (saved, cancelled, Escape) → the control that opened it; a control gone after its
 * action → the notice the action left (tabIndex=-1) or the nearest control.
 *
 * `const focusLater = useFocusLater(); … onSuccess: () => { setOpen(false); focusLater(() => opener.current); }`
 * focuses the opener once it is drawn again: the target is looked up after each render of this component until it
 * is there (for 15 s at most). The focus is taken only while it is still where it was when asked, or has fallen to <body> (the pressed
 * control went away or was disabled): never from wherever the reader has moved it since.
 */
export function useFocusLater(): (target: FocusTarget) => void {
  const wanted = useRef<{ target: FocusTarget; from: Element | null; at: number } | null>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const want = wanted.current;
    if (!want) return;
    const active = document.activeElement;
    if ((active !== null && active !== document.body && active !== want.from) || Date.now() - want.at > GIVE_UP_MS) {
      wanted.current = null;
      return;
    }
    const element = want.target();
    if (!element?.isConnected) return;
    wanted.current = null;
    element.focus();
  });
  return useCallback((target: FocusTarget) => {
    wanted.current = { target, from: document.activeElement, at: Date.now() };
    redraw();
  }, []);
}
