import { useId } from 'react';

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

interface Props<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly SelectOption<T>[];
  readonly testId: string;
  readonly disabled?: boolean;
  readonly onChange: (value: T) => void;
}

/** A labelled choice from a fixed list; a change is committed at once. */
export function SelectField<T extends string>({ label, value, options, testId, disabled = false, onChange }: Props<T>) {
  const id = useId();
  return (
    <div className="kk-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
