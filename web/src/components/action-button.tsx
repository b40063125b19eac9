import type { ComponentProps } from 'react';

/**
 * A button whose action may be running. While `busy` it says so (aria-disabled, drawn as disabled) and ignores
 * presses — a submit by Enter in a field too, as that is a click on it — but it keeps the keyboard focus: a
 * `disabled` button drops the focus to <body> (the HTML "focus fixup rule"), and the reader with it.
 * `<ActionButton busy={save.isPending} type="submit" className="button">Save</ActionButton>`.
 */
export function ActionButton({ busy, onClick, type = 'button', ...props }: ComponentProps<'button'> & { busy: boolean }) {
  return (
    <button
      {...props}
      // biome-ignore lint/a11y/useButtonType: the type is the caller's, 'button' unless it says 'submit'
      type={type}
      aria-disabled={busy || props['aria-disabled'] || undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
