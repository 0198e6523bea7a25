import { useEffect, useRef, useState } from 'react';
import { LIMITS } from '@ketenkaart/shared';

interface Props {
  readonly value: string;
  readonly label: string;
  readonly onCommit: (value: string) => void;
  readonly onDone: () => void;
  readonly maxLength?: number;
}

/** An input that replaces a label while it is edited in place; Enter or blur saves, Escape cancels. */
export function InlineEdit({ value, label, onCommit, onDone, maxLength = LIMITS.labelChars }: Props) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <input
      ref={ref}
      className="kk-inline-edit nodrag nopan nowheel"
      aria-label={label}
      data-testid="inline-edit"
      value={draft}
      maxLength={maxLength}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        if (!cancelled.current && draft !== value) onCommit(draft);
        onDone();
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          cancelled.current = true;
          e.currentTarget.blur();
        }
      }}
    />
  );
}
