import { useId, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onCommit: (value: string) => void;
  readonly multiline?: boolean;
  readonly hideLabel?: boolean;
  readonly placeholder?: string;
  readonly className?: string;
  readonly testId?: string;
  readonly maxLength?: number;
  readonly readOnly?: boolean;
}

/**
 * A text field that shows the doc's value until focused, then keeps the user's draft
 * (remote changes do not disturb typing) and commits it on blur or Enter.
 * Escape restores the doc's value.
 */
export function DraftField(props: Props) {
  const { label, value, onCommit, multiline = false, hideLabel = false } = props;
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const cancelled = useRef(false);
  const commit = (): void => {
    if (!cancelled.current && draft !== null && draft !== value) onCommit(draft);
    cancelled.current = false;
    setDraft(null);
  };
  const common = {
    id,
    value: draft ?? value,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    readOnly: props.readOnly,
    className: props.className,
    'data-testid': props.testId,
    onFocus: () => setDraft(value),
    onBlur: commit,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === 'Escape') {
        cancelled.current = true;
        e.currentTarget.blur();
      } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        e.currentTarget.blur();
      }
    },
  };
  return (
    <div className="kk-field">
      <label htmlFor={id} className={hideLabel ? 'kk-sr-only' : undefined}>
        {label}
      </label>
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
    </div>
  );
}
