import { type ReactNode, useId, useRef, useState } from 'react';
import { useFocusLater } from '../focus-later.js';

/**
 * An action that cannot be taken back lightly (deleting a person, accepting a whole source, resetting a password)
 * asks once more, saying what it does. The keyboard follows: to the question when it is asked, back to the button that
 * asked when it is cancelled (Escape too). `asked.close()` closes the question without moving the keyboard, for an
 * action done: the caller sends it where the result is said.
 *
 * `const asked = useAskOnceMore(); … asked.asking ? <AskedQuestion asked={asked} …>…</AskedQuestion> :
 * <button ref={asked.opener} onClick={() => asked.ask(true)}>Delete</button>`
 */
export function useAskOnceMore() {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLDivElement>(null);
  const focusLater = useFocusLater();
  return {
    asking,
    opener,
    question,
    /** Opens (true) or cancels (false) the question, the keyboard going to it or back to the opener. */
    ask(next: boolean) {
      setAsking(next);
      focusLater(() => (next ? question.current : opener.current));
    },
    close() {
      setAsking(false);
    },
  };
}

export type AskOnceMore = ReturnType<typeof useAskOnceMore>;

/**
 * The question asked once more: what it is about (`label`), the question, the answers given as `children`, Cancel,
 * and what follows them (`footer`: why the action failed).
 */
export function AskedQuestion({
  asked,
  label,
  question,
  cancel,
  children,
  footer,
}: {
  asked: AskOnceMore;
  label: string;
  question: string;
  cancel: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const questionId = useId();
  return (
    <div
      ref={asked.question}
      className="notice notice--warn"
      role="group"
      tabIndex={-1}
      aria-label={label}
      aria-describedby={questionId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          asked.ask(false);
        }
      }}
    >
      <p id={questionId}>{question}</p>
      <p>
        {children}{' '}
        <button type="button" className="button button--secondary button--small" onClick={() => asked.ask(false)}>
          {cancel}
        </button>
      </p>
      {footer}
    </div>
  );
}
